import { requestIdFrom } from '@flc/log';
import {
  enterTraceparent,
  startSpan,
  type TraceSpan,
  tracingEnabled,
  validTraceparent,
} from '@flc/telemetry';

/** What the API knows of a request beyond Elysia's context: for its log line and errors. */
interface RequestContext {
  id: string;
  startedAt: number;
  /** Set by the auth plugins once the caller is known. */
  organizationId?: string;
  /** The request's span, only when tracing is on: a child of a valid incoming `traceparent`. */
  span?: TraceSpan;
}

// Keyed by the Request itself: every hook and route of the request reaches it, including the
// error handler and `onAfterResponse`, without widening every handler's context type.
const contexts = new WeakMap<Request, RequestContext>();

/** Starts the request's context: its id (see `requestIdFrom`) and the time it came in. */
export function beginRequest(request: Request): RequestContext {
  const context: RequestContext = {
    id: requestIdFrom(request.headers),
    startedAt: performance.now(),
  };
  if (tracingEnabled()) {
    const span = startSpan(request.method, {
      parent: validTraceparent(request.headers.get('traceparent')),
      kind: 'server',
      attributes: { 'http.request.method': request.method, 'flc.request_id': context.id },
    });
    if (span) context.span = span;
    // Active for the rest of the request (this runs in its first hook, which cannot wrap what
    // follows): the statements and Redis commands the route makes are its children. Served by
    // Bun.serve, each request's context is its own; a caller of `app.handle` keeps it after.
    enterTraceparent(span?.traceparent);
  }
  contexts.set(request, context);
  return context;
}

/** Ends the request's span (when traced), named by its route's pattern (never its path). */
export function endRequestSpan(request: Request, route: string, status: number): void {
  const span = contexts.get(request)?.span;
  if (!span) return;
  span.rename(`${request.method} ${route}`);
  span.setAttributes({ 'http.route': route, 'http.response.status_code': status });
  if (status >= 500) span.fail(new Error(`HTTP ${status}`));
  span.end();
}

/** The `traceparent` of the request's span when traced: what the work it causes names as parent. */
export const traceparentOf = (request: Request): string | undefined =>
  contexts.get(request)?.span?.traceparent;

export const requestContextOf = (request: Request): RequestContext | undefined =>
  contexts.get(request);

/** The request's id; one made now for a request that skipped `beginRequest` (a unit test). */
export const requestIdOf = (request: Request): string =>
  (contexts.get(request) ?? beginRequest(request)).id;

/** The organization the request acts in, for its log line. */
export function noteOrganization(request: Request, organizationId: string): void {
  const context = contexts.get(request);
  if (context) context.organizationId = organizationId;
}
