import { afterEach, describe, expect, test } from 'bun:test';
import { type Budget, budget } from '@flc/core';
import { createRedisRateLimiter } from '@flc/storage/rate-limit';
import { openRedis, type RedisContext } from '@flc/storage/redis';
import { freshPrefix, redisTestServers } from '@flc/storage/testing';
import { SendBudget } from './send-budget.ts';

// One organization's sends across realtime nodes: each node leases a twentieth of the
// per-second budget at a time from Redis (one server and the cluster), so the nodes together
// stay within the budget plus one lease each, and ask Redis once per lease, not per send.
const org = '0190f000-0000-7000-8000-00000000000a';

/** Takes `n` sends at once (as a burst of frames arriving together) and counts the granted. */
async function burst(node: SendBudget, n: number): Promise<number> {
  const answers = await Promise.all(Array.from({ length: n }, () => node.take(org)));
  return answers.filter(Boolean).length;
}

test('alone, a node keeps a bucket per organization: its burst, then refusals; 0 is no limit', async () => {
  const node = new SendBudget(40);
  expect(await burst(node, 60)).toBe(40);
  expect(node.take('0190f000-0000-7000-8000-00000000000b')).toBe(true);
  const off = new SendBudget(0);
  expect(await burst(off, 1_000)).toBe(1_000);
});

test("an organization's plan lowers the install's budget, and only its own", async () => {
  const plans = new Map([[org, 10]]);
  let reads = 0;
  const node = new SendBudget(40, undefined, (id) => {
    reads++;
    // The first read waits (the plan directory's batch); later ones are at hand.
    return reads === 1 ? Promise.resolve(plans.get(id) ?? null) : (plans.get(id) ?? null);
  });
  expect(await burst(node, 60)).toBe(10);
  const other = '0190f000-0000-7000-8000-00000000000b';
  const granted = await Promise.all(Array.from({ length: 60 }, () => node.take(other)));
  expect(granted.filter(Boolean)).toHaveLength(40);
  // A plan's rate applies even where the install sets none.
  const planOnly = new SendBudget(0, undefined, () => 5);
  expect(await burst(planOnly, 20)).toBe(5);
});

for (const redis of redisTestServers()) {
  describe(`the organization's send budget across nodes on ${redis.name}`, () => {
    const contexts: RedisContext[] = [];
    const prefixes: string[] = [];
    afterEach(async () => {
      await Promise.all(contexts.splice(0).map((c) => c.close()));
      await Promise.all(prefixes.splice(0).map((p) => redis.drop(p)));
    });

    /** `count` nodes of one deployment, each leasing through its own connection. */
    function nodes(count: number, perSecond: number) {
      const prefix = freshPrefix();
      const settings = redis.settings(prefix);
      prefixes.push(prefix);
      const sends = budget('org-sends', perSecond, 1_000);
      if (!sends) throw new Error('a budget of 0 is no budget');
      let leases = 0;
      const made = Array.from({ length: count }, () => {
        const context = openRedis(settings, 'send-budget');
        contexts.push(context);
        const limiter = createRedisRateLimiter(context);
        return new SendBudget(perSecond, (id, n) => {
          leases++;
          return limiter.takeUpTo(sends, id, n);
        });
      });
      return { nodes: made, leases: () => leases };
    }

    test('three nodes bursting together get the budget and at most one lease each more', async () => {
      const { nodes: [a, b, c] = [], leases } = nodes(3, 200);
      if (!a || !b || !c) throw new Error('three nodes');
      const granted = await Promise.all([burst(a, 300), burst(b, 300), burst(c, 300)]);
      const total = granted.reduce((x, y) => x + y, 0);
      // A lease is 200 / 20 = 10 sends: the whole budget, leased in tens, and nothing beyond.
      expect(total).toBeGreaterThanOrEqual(200);
      expect(total).toBeLessThanOrEqual(200 + 3 * 10);
      // Redis was asked per lease of ten (plus the refused ones), not per send.
      expect(leases()).toBeLessThan(900 / 5);
    });

    test("two nodes on a plan's 20 a second: the plan's budget and one lease (of one) each", async () => {
      const prefix = freshPrefix();
      prefixes.push(prefix);
      const limiters = [0, 1].map(() => {
        const context = openRedis(redis.settings(prefix), 'send-budget');
        contexts.push(context);
        return createRedisRateLimiter(context);
      });
      const made = limiters.map(
        (limiter) =>
          new SendBudget(
            2_000,
            (id, n, perSecond) =>
              limiter.takeUpTo(budget('org-sends', perSecond, 1_000) as Budget, id, n),
            () => 20,
          ),
      );
      const started = performance.now();
      const granted = await Promise.all(made.map((node) => burst(node, 50)));
      const elapsed = performance.now() - started;
      const total = granted.reduce((x, y) => x + y, 0);
      expect(total).toBeGreaterThanOrEqual(20);
      // The budget, a lease per node, and what 20 a second gave back while the burst lasted.
      expect(total).toBeLessThanOrEqual(20 + 2 + Math.ceil((elapsed * 20) / 1_000));
    });

    test('sends waiting for a lease share it: one Redis call for a burst of a lease', async () => {
      const { nodes: [a] = [], leases } = nodes(1, 2_000);
      if (!a) throw new Error('one node');
      expect(await burst(a, 100)).toBe(100);
      expect(leases()).toBe(1);
    });
  });
}
