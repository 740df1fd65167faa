import { expect, test } from 'bun:test';
import { retryDelay } from './retry.ts';

const schedule = [10_000, 60_000, 600_000];

test('each failed attempt waits its step of the schedule, plus up to a quarter', () => {
  expect(retryDelay(schedule, 1, () => 0)).toBe(10_000);
  expect(retryDelay(schedule, 2, () => 0.5)).toBe(67_500);
  expect(retryDelay(schedule, 3, () => 0.999_999)).toBe(750_000);
});

test('once the schedule is spent the event is given up', () => {
  expect(retryDelay(schedule, 4)).toBeNull();
  expect(retryDelay([], 1)).toBeNull();
});
