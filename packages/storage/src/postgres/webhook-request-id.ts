/**
 * Where a delivery keeps the id of the request that caused its event: a key of its `payload`
 * that no event's data has (theirs are resource names), taken out again when the delivery is
 * claimed, so it is sent as `X-FLC-Request-Id` and never in the body. Kept in the payload rather
 * than a column of its own: it is metadata for logs, read only with the payload.
 */
const KEY = '$requestId';

export function withRequestId(
  data: Record<string, unknown>,
  requestId: string | undefined,
): Record<string, unknown> {
  return requestId ? { ...data, [KEY]: requestId } : data;
}

/** The event's data as recorded, and the request id kept beside it. */
export function splitRequestId(payload: unknown): { data: unknown; requestId?: string } {
  if (typeof payload !== 'object' || payload === null || !(KEY in payload))
    return { data: payload };
  const { [KEY]: requestId, ...data } = payload as Record<string, unknown>;
  return typeof requestId === 'string' ? { data, requestId } : { data };
}
