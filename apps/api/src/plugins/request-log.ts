import { logger } from '@flc/log';
import { requestContextOf } from '../lib/request-context.ts';

export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * The access log: one `info` line per answered request with its method, the route's pattern
 * (never the path, whose segments can be tokens, nor the query), status, duration, request id
 * and organization when known. No header, no body.
 */
export function logRequest(request: Request, route: string, status: number): void {
  const log = logger('http');
  if (!log.isLevelEnabled('info')) return;
  const context = requestContextOf(request);
  if (!context) return;
  log.info(
    {
      method: request.method,
      route,
      status,
      durationMs: Math.round((performance.now() - context.startedAt) * 100) / 100,
      requestId: context.id,
      ...(context.organizationId && { organizationId: context.organizationId }),
    },
    'request',
  );
}
