import { Elysia, t } from 'elysia';
import type { ApiDeps } from '../deps.ts';
import { tooLarge } from '../lib/errors.ts';
import { Metrics } from '../lib/metrics.ts';
import { beginRequest, endRequestSpan, requestContextOf } from '../lib/request-context.ts';
import { bodyLimitOf } from '../lib/uploads.ts';
import { logRequest, REQUEST_ID_HEADER } from './request-log.ts';

/**
 * Health, readiness and metrics, plus the request bookkeeping: the request's id (a client's
 * well-formed `X-Request-Id`, or its `traceparent`'s trace id, else a new one, answered in
 * `X-Request-Id` and in every error body), body size limit, per-route counts and latencies, and
 * the access log.
 */
export const operations = (deps: ApiDeps, metrics = deps.httpMetrics ?? new Metrics()) =>
  new Elysia({ name: 'flc/operations', tags: ['operations'] })
    .onRequest(({ request, set }) => {
      set.headers[REQUEST_ID_HEADER] = beginRequest(request).id;
      const length = Number(request.headers.get('content-length') ?? 0);
      const limit = bodyLimitOf(deps.config, request);
      if (length > limit) throw tooLarge(limit);
    })
    .onAfterResponse({ as: 'global' }, ({ request, route, set }) => {
      const start = requestContextOf(request)?.startedAt;
      if (start === undefined) return;
      const status = typeof set.status === 'number' ? set.status : 200;
      metrics.observeRequest(
        request.method,
        route || 'unmatched',
        status,
        (performance.now() - start) / 1000,
      );
      logRequest(request, route || 'unmatched', status);
      endRequestSpan(request, route || 'unmatched', status);
    })
    .get('/health', () => ({ status: 'ok' as const }), {
      response: t.Object({ status: t.Literal('ok') }),
      detail: { summary: 'The process is up' },
    })
    .get(
      '/ready',
      async ({ set }) => {
        try {
          await deps.db.ping();
          return { status: 'ready' as const, checks: { database: 'ok' as const } };
        } catch {
          set.status = 503;
          return { status: 'unavailable' as const, checks: { database: 'down' as const } };
        }
      },
      {
        response: {
          200: t.Object({
            status: t.Literal('ready'),
            checks: t.Object({ database: t.Literal('ok') }),
          }),
          503: t.Object({
            status: t.Literal('unavailable'),
            checks: t.Object({ database: t.Literal('down') }),
          }),
        },
        detail: { summary: 'Dependencies are reachable' },
      },
    )
    .get(
      '/metrics',
      async () =>
        new Response(metrics.render() + ((await deps.metrics?.()) ?? ''), {
          headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' },
        }),
      {
        detail: {
          summary: 'Prometheus metrics',
          responses: {
            200: {
              description: 'The Prometheus text exposition format',
              content: { 'text/plain': { schema: { type: 'string' } } },
            },
          },
        },
      },
    );
