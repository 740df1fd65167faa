import { requestIdFrom } from '@flc/log';

/** What the API knows of a request beyond Elysia's context: for its log line and errors. */
interface RequestContext {
  id: string;
  startedAt: number;
  /** Set by the auth plugins once the caller is known. */
  organizationId?: string;
}

// Keyed by the Request itself: every hook and route of the request reaches it, including the
// error handler and `onAfterResponse`, without widening every handler's context type.
const contexts = new WeakMap<Request, RequestContext>();

/** Starts the request's context: its id (see `requestIdFrom`) and the time it came in. */
export function beginRequest(request: Request): RequestContext {
  const context = { id: requestIdFrom(request.headers), startedAt: performance.now() };
  contexts.set(request, context);
  return context;
}

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
