import { expect, test } from 'bun:test';
import { backoffDelay } from './backoff.ts';

const options = { baseMs: 500, capMs: 30_000, resetAfterMs: 5000 };

test('full jitter stays within [0, min(cap, base × 2^(n-1))) and the ceiling doubles to the cap', () => {
  const almostOne = 1 - Number.EPSILON;
  const ceilings = [1, 2, 3, 4, 5, 6, 7, 8, 20, 1000].map((n) =>
    backoffDelay(n, options, () => almostOne),
  );
  expect(ceilings).toEqual([499, 999, 1999, 3999, 7999, 15_999, 29_999, 29_999, 29_999, 29_999]);
  for (let n = 1; n < 50; n++) expect(backoffDelay(n, options, () => 0)).toBe(0);
  for (let i = 0; i < 1000; i++) {
    const n = 1 + (i % 12);
    const delay = backoffDelay(n, options, Math.random);
    expect(delay).toBeGreaterThanOrEqual(0);
    expect(delay).toBeLessThan(Math.min(30_000, 500 * 2 ** (n - 1)));
  }
});
