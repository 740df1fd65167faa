import { expect, test } from 'bun:test';
import { startUsageMetering, usageRetryMs } from './usage-metering.ts';

test('a refused usage report waits 10 s, doubling, at most an hour, and is never given up', () => {
  expect([1, 2, 3, 4].map(usageRetryMs)).toEqual([10_000, 20_000, 40_000, 80_000]);
  expect(usageRetryMs(9)).toBe(2_560_000);
  expect(usageRetryMs(10)).toBe(3_600_000);
  expect(usageRetryMs(10_000)).toBe(3_600_000);
});

test('without a billing endpoint a round only runs the rollup', async () => {
  let rounds = 0;
  const metering = startUsageMetering({
    rollup: { round: async () => void rounds++ },
    everyMs: 3_600_000,
  });
  await metering.tick();
  await metering.tick();
  await metering.stop();
  expect(rounds).toBe(2);
});
