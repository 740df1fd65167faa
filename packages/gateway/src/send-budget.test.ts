import { afterEach, describe, expect, test } from 'bun:test';
import { budget } from '@flc/core';
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

    test('sends waiting for a lease share it: one Redis call for a burst of a lease', async () => {
      const { nodes: [a] = [], leases } = nodes(1, 2_000);
      if (!a) throw new Error('one node');
      expect(await burst(a, 100)).toBe(100);
      expect(leases()).toBe(1);
    });
  });
}
