/**
 * Where a delivery keeps the id of the request that caused its event: a key of its `payload`
 * that no event's data has (theirs are resource names), taken out again when the delivery is
 * claimed, so it is sent as `X-FLC-Request-Id` and never in the body. Kept in the payload rather
 * than a column of its own: it is metadata for logs, read only with the payload.
 */
const KEY = '$requestId';
/** The same for the W3C `traceparent` of the append's span, kept only when tracing was on. */
const TRACE_KEY = '$traceparent';

export function withRequestId(
  data: Record<string, unknown>,
  requestId: string | undefined,
  traceparent?: string | undefined,
): Record<string, unknown> {
  if (!requestId && !traceparent) return data;
  return {
    ...data,
    ...(requestId && { [KEY]: requestId }),
    ...(traceparent && { [TRACE_KEY]: traceparent }),
  };
}

/** The event's data as recorded, and the request id and traceparent kept beside it. */
export function splitRequestId(payload: unknown): {
  data: unknown;
  requestId?: string;
  traceparent?: string;
} {
  if (typeof payload !== 'object' || payload === null) return { data: payload };
  if (!(KEY in payload) && !(TRACE_KEY in payload)) return { data: payload };
  const {
    [KEY]: requestId,
    [TRACE_KEY]: traceparent,
    ...data
  } = payload as Record<string, unknown>;
  return {
    data,
    ...(typeof requestId === 'string' && { requestId }),
    ...(typeof traceparent === 'string' && { traceparent }),
  };
}
