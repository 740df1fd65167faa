import { afterEach, describe, expect, test } from 'bun:test';
import {
  type EffectivePlan,
  effectivePlan,
  MessageQuota,
  type MonthlyCounter,
  memoryMonthlyCounter,
  PlanLimitError,
} from '@flc/core';
import { openRedis, type RedisContext } from '../redis/server.ts';
import { freshPrefix, redisTestServers } from '../testing/index.ts';
import { createRedisMonthlyCounter } from './monthly.ts';

// A plan's messages a month, spent by processes that each take a share of it at a time from a
// counter they share (Redis: one server and the cluster; alone: memory).
const org = '0190f000-0000-7000-8000-0000000000a1';
const other = '0190f000-0000-7000-8000-0000000000a2';

const planned = (limits: Record<string, number | null>) => ({
  async planOf(id: string): Promise<EffectivePlan> {
    const own = limits[id];
    return effectivePlan(
      own === undefined ? null : { id: 'p', limits: { messagesPerMonth: own }, features: {} },
    );
  },
});

/** Sends `n` messages at once through a process; how many it accepted, and the refusals. */
async function sendAll(quota: MessageQuota, id: string, n: number) {
  const outcomes = await Promise.allSettled(Array.from({ length: n }, async () => quota.take(id)));
  const refused = outcomes.filter((o) => o.status === 'rejected');
  for (const r of refused) {
    expect((r as PromiseRejectedResult).reason).toBeInstanceOf(PlanLimitError);
    expect((r as PromiseRejectedResult).reason.message).toBe(
      'Your plan allows 40 messages a month',
    );
  }
  return n - refused.length;
}

test('alone: the month starts from what is stored, stops at the limit, and others are not counted', async () => {
  const memory = memoryMonthlyCounter();
  let takes = 0;
  const counter: MonthlyCounter = {
    take: (...args) => {
      takes++;
      return memory.take(...args);
    },
  };
  let reads = 0;
  const quota = new MessageQuota(planned({ [org]: 40 }), counter, async () => {
    reads++;
    return 5;
  });
  expect(await sendAll(quota, org, 60)).toBe(35);
  expect(reads).toBe(1);
  // Once the month is spent, the process refuses on its own (for 10 s) without asking again.
  const asked = takes;
  expect(await sendAll(quota, org, 10)).toBe(0);
  expect(takes).toBe(asked);
  // No limit in the plan: no counter, no count of the stores.
  expect(quota.take(other)).toBeInstanceOf(Promise);
  await quota.take(other);
  expect(quota.take(other)).toBeUndefined();
  expect(reads).toBe(1);
});

test('a new UTC month starts again from the stores', async () => {
  let now = Date.UTC(2026, 11, 31, 23, 59);
  const quota = new MessageQuota(
    planned({ [org]: 40 }),
    memoryMonthlyCounter(),
    async (_, since) => (since.getUTCMonth() === 11 ? 40 : 0),
    () => now,
  );
  expect(await sendAll(quota, org, 3)).toBe(0);
  now = Date.UTC(2027, 0, 1, 0, 1);
  expect(await sendAll(quota, org, 3)).toBe(3);
});

for (const redis of redisTestServers()) {
  describe(`messages a month across processes on ${redis.name}`, () => {
    const contexts: RedisContext[] = [];
    const prefixes: string[] = [];
    afterEach(async () => {
      await Promise.all(contexts.splice(0).map((c) => c.close()));
      await Promise.all(prefixes.splice(0).map((p) => redis.drop(p)));
    });

    function processes(count: number, limits: Record<string, number | null>, stored = 0) {
      const prefix = freshPrefix();
      prefixes.push(prefix);
      let takes = 0;
      let reads = 0;
      const made = Array.from({ length: count }, () => {
        const context = openRedis(redis.settings(prefix), 'monthly');
        contexts.push(context);
        const shared = createRedisMonthlyCounter(context);
        const counter: MonthlyCounter = {
          take: (...args) => {
            takes++;
            return shared.take(...args);
          },
        };
        return new MessageQuota(planned(limits), counter, async () => {
          reads++;
          return stored;
        });
      });
      return { made, takes: () => takes, reads: () => reads };
    }

    test('three processes sending together accept exactly the limit (a share of one below 100)', async () => {
      const { made, reads } = processes(3, { [org]: 40 }, 4);
      const accepted = await Promise.all(made.map((q) => sendAll(q, org, 40)));
      expect(accepted.reduce((a, b) => a + b, 0)).toBe(36);
      // The month was started from the stores by the first to get there (others may race it).
      expect(reads()).toBeGreaterThanOrEqual(1);
      expect(reads()).toBeLessThanOrEqual(3);
    });

    test('a large limit is taken in shares: within the limit, one share per process short at most', async () => {
      const { made, takes } = processes(2, { [org]: 5_000 });
      const [a, b] = made;
      if (!a || !b) throw new Error('two processes');
      // Share: 5,000 / 50 = 100.
      const sends = async (q: MessageQuota, n: number) => {
        let ok = 0;
        for (let i = 0; i < n; i++) {
          try {
            await q.take(org);
            ok++;
          } catch (error) {
            expect(error).toBeInstanceOf(PlanLimitError);
          }
        }
        return ok;
      };
      const [x, y] = await Promise.all([sends(a, 3_000), sends(b, 3_000)]);
      expect(x + y).toBeLessThanOrEqual(5_000);
      expect(x + y).toBeGreaterThan(5_000 - 2 * 100);
      // Asked once per share (plus the empty answers), not per message.
      expect(takes()).toBeLessThan(60);
    });
  });
}
