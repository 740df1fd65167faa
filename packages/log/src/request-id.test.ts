import { describe, expect, test } from 'bun:test';
import { requestIdFrom } from './request-id.ts';

const headers = (init: Record<string, string>) => new Headers(init);
const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('requestIdFrom', () => {
  test('takes a well-formed X-Request-Id', () => {
    expect(requestIdFrom(headers({ 'x-request-id': 'abc-123_x.y:z' }))).toBe('abc-123_x.y:z');
  });

  test('replaces a malformed or overlong one with a fresh id', () => {
    for (const bad of ['with space', 'a"b', 'x'.repeat(129), 'ä']) {
      const id = requestIdFrom(headers({ 'x-request-id': bad }));
      expect(id).not.toBe(bad);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  test("takes a valid traceparent's trace id", () => {
    const traceparent = `00-${TRACE}-00f067aa0ba902b7-01`;
    expect(requestIdFrom(headers({ traceparent }))).toBe(TRACE);
    // The request id wins over the trace.
    expect(requestIdFrom(headers({ traceparent, 'x-request-id': 'mine' }))).toBe('mine');
  });

  test('ignores an invalid traceparent', () => {
    for (const traceparent of [
      `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`,
      `00-${TRACE}-${'0'.repeat(16)}-01`,
      `ff-${TRACE}-00f067aa0ba902b7-01`,
      `00-${TRACE.toUpperCase()}-00f067aa0ba902b7-01`,
      'garbage',
    ]) {
      expect(requestIdFrom(headers({ traceparent }))).not.toBe(TRACE);
    }
  });
});
