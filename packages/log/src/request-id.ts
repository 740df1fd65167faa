/** Longest request id taken from a client; longer ones are replaced, not cut. */
const MAX_LENGTH = 128;
/** Letters, digits and `-_.:`: nothing that could break a log line or a header. */
const WELL_FORMED = /^[A-Za-z0-9._:-]+$/;
/** W3C Trace Context: version-traceid-parentid-flags, lowercase hex. */
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const ZERO_TRACE = '0'.repeat(32);
const ZERO_PARENT = '0'.repeat(16);

export const isRequestId = (value: string): boolean =>
  value.length > 0 && value.length <= MAX_LENGTH && WELL_FORMED.test(value);

/** A fresh id: a UUID, so ids made by different processes never meet. */
export const newRequestId = (): string => crypto.randomUUID();

/**
 * The request's id: a well-formed `X-Request-Id`, else the trace id of a valid `traceparent`
 * (so logs join the caller's trace), else a new one. A malformed value is ignored, never echoed.
 */
export function requestIdFrom(headers: Headers): string {
  const given = headers.get('x-request-id');
  if (given !== null && isRequestId(given)) return given;
  const traceparent = headers.get('traceparent');
  const trace = traceparent === null ? null : TRACEPARENT.exec(traceparent.trim());
  if (trace && trace[1] !== 'ff' && trace[2] !== ZERO_TRACE && trace[3] !== ZERO_PARENT) {
    return trace[2] as string;
  }
  return newRequestId();
}
