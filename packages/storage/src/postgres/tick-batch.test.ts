import { expect, test } from 'bun:test';
import { tickBatch } from './tick-batch.ts';

test('lookups of one turn share one load; a key asked twice gets one answer; misses are null', async () => {
  const loads: string[][] = [];
  const lookup = tickBatch(async (keys) => {
    loads.push(keys);
    return new Map(keys.filter((k) => k !== 'missing').map((k) => [k, k.toUpperCase()]));
  });
  // Lookups made from separate callbacks of one turn (as upgrades are) still share the batch.
  const answers = await Promise.all(
    await Promise.all(
      ['a', 'b', 'a', 'missing'].map(
        (key) => new Promise<Promise<string | null>>((r) => queueMicrotask(() => r(lookup(key)))),
      ),
    ),
  );
  expect(answers).toEqual(['A', 'B', 'A', null]);
  expect(loads).toEqual([['a', 'b', 'missing']]);
  expect(await lookup('c')).toBe('C');
  expect(loads).toHaveLength(2);
});

test('a failed load rejects every lookup of its batch, and the next batch is asked afresh', async () => {
  let fail = true;
  const lookup = tickBatch(async (keys) => {
    if (fail) throw new Error('database down');
    return new Map(keys.map((k) => [k, k]));
  });
  const results = await Promise.allSettled([lookup('a'), lookup('b'), lookup('a')]);
  expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
  fail = false;
  expect(await lookup('a')).toBe('a');
});
