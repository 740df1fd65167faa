import { expect, test } from 'bun:test';
import { WindowCounter } from './rate-limit.ts';

test('limits a key within its window and frees it after', () => {
  let now = 0;
  const counter = new WindowCounter(2, 1000, () => now);
  counter.hit('a');
  expect(counter.retryAfter('a')).toBe(0);
  counter.hit('a');
  expect(counter.retryAfter('a')).toBe(1);
  expect(counter.retryAfter('b')).toBe(0);
  now = 600;
  expect(counter.retryAfter('a')).toBeCloseTo(0.4);
  now = 1000;
  expect(counter.retryAfter('a')).toBe(0);
});
