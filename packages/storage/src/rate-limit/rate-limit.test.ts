import { afterEach, describe, expect, test } from 'bun:test';
import type { Budget, RateLimiter } from '@flc/core';
import { openRedis, type RedisContext } from '../redis/server.ts';
import { freshPrefix, redisTestServers } from '../testing/redis-servers.ts';
import { createMemoryRateLimiter } from './memory.ts';
import { createRedisRateLimiter } from './redis.ts';

/** Processes of one deployment: each call is another process sharing the same counts. */
interface Deployment {
  process(): RateLimiter;
  /** Every key the deployment keeps, as stored (Redis only). */
  keys?(): Promise<string[]>;
  close(): Promise<void>;
}

const targets: { name: string; deployment(): Deployment }[] = [
  {
    name: 'memory',
    deployment() {
      const shared = createMemoryRateLimiter();
      return { process: () => shared, close: async () => {} };
    },
  },
];
for (const redis of redisTestServers()) {
  targets.push({
    name: redis.name,
    deployment() {
      const prefix = freshPrefix();
      const contexts: RedisContext[] = [];
      return {
        process() {
          const context = openRedis(redis.settings(prefix), 'rate-limit');
          contexts.push(context);
          return createRedisRateLimiter(context);
        },
        async keys() {
          const context = contexts[0];
          if (!context) return [];
          const masters = [...new Set(await context.slotMasters())];
          const found: string[] = [];
          for (const master of masters) {
            const [host = '', port = ''] = master.split(':');
            const link = context.connect('rate-limit-scan', { host, port: Number(port) });
            found.push(...(await link.keys(`${prefix}:*`)));
            link.disconnect();
          }
          return found;
        },
        async close() {
          await Promise.all(contexts.map((c) => c.close()));
          await redis.drop(prefix);
        },
      };
    },
  });
}

const minute = (name: string, limit: number): Budget => ({ name, limit, periodMs: 60_000 });

for (const target of targets) {
  describe(`rate limiter (${target.name})`, () => {
    let deployment: Deployment;
    afterEach(() => deployment?.close());
    const start = () => {
      deployment = target.deployment();
      return deployment;
    };

    test('a key takes its whole budget at once, then waits one slot, not a window', async () => {
      const limiter = start().process();
      const budget = minute('login-email', 3);
      for (let i = 0; i < 3; i++) expect(await limiter.take(budget, 'a@example.com')).toBe(0);
      const wait = await limiter.take(budget, 'a@example.com');
      expect(wait).toBeGreaterThan(15); // a slot is 20 s
      expect(wait).toBeLessThanOrEqual(20);
      // Refused takes spend nothing: the wait does not grow.
      expect(await limiter.take(budget, 'a@example.com')).toBeLessThanOrEqual(wait);
    });

    test('keys and budgets count apart', async () => {
      const limiter = start().process();
      const one = minute('signup-ip', 1);
      const other = minute('widget-boot-ip', 1);
      expect(await limiter.take(one, '192.0.2.1')).toBe(0);
      expect(await limiter.take(one, '192.0.2.1')).toBeGreaterThan(0);
      expect(await limiter.take(one, '192.0.2.2')).toBe(0);
      expect(await limiter.take(other, '192.0.2.1')).toBe(0);
    });

    test('a slot given back can be taken again; a reset makes the budget whole', async () => {
      const limiter = start().process();
      const budget = minute('login-ip', 2);
      await limiter.take(budget, 'k');
      await limiter.take(budget, 'k');
      expect(await limiter.take(budget, 'k')).toBeGreaterThan(0);
      await limiter.giveBack(budget, 'k');
      expect(await limiter.take(budget, 'k')).toBe(0);
      expect(await limiter.take(budget, 'k')).toBeGreaterThan(0);
      await limiter.reset(budget, 'k');
      expect(await limiter.take(budget, 'k')).toBe(0);
      expect(await limiter.take(budget, 'k')).toBe(0);
      // Giving back more than was taken saves nothing up.
      await limiter.reset(budget, 'k');
      await limiter.giveBack(budget, 'k');
      await limiter.giveBack(budget, 'k');
      for (let i = 0; i < 2; i++) expect(await limiter.take(budget, 'k')).toBe(0);
      expect(await limiter.take(budget, 'k')).toBeGreaterThan(0);
    });

    test('concurrent takes from several processes get exactly the budget', async () => {
      const d = start();
      const processes = [d.process(), d.process(), d.process()];
      const budget = minute('api-key', 5);
      const answers = await Promise.all(
        Array.from({ length: 60 }, (_, i) => processes[i % 3]?.take(budget, 'key-1')),
      );
      expect(answers.filter((wait) => wait === 0)).toHaveLength(5);
    });

    test('takeUpTo leases what fits at once; several processes together get exactly the budget', async () => {
      const d = start();
      const [one, two] = [d.process(), d.process()];
      const budget = minute('org-sends', 10);
      expect(await one.takeUpTo(budget, 'org-1', 4)).toBe(4);
      expect(await two.takeUpTo(budget, 'org-1', 4)).toBe(4);
      // Two left: a lease of four gets two, then nothing, and take() agrees.
      expect(await one.takeUpTo(budget, 'org-1', 4)).toBe(2);
      expect(await two.takeUpTo(budget, 'org-1', 4)).toBe(0);
      expect(await one.take(budget, 'org-1')).toBeGreaterThan(0);
      expect(await one.takeUpTo(budget, 'org-2', 3)).toBe(3);
      const leases = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? one : two).takeUpTo(budget, 'org-3', 3)),
      );
      expect(leases.reduce((a, b) => a + b, 0)).toBe(10);
    });

    test('after the answered wait, the next slot is free', async () => {
      const limiter = start().process();
      const budget: Budget = { name: 'visitor', limit: 2, periodMs: 400 };
      await limiter.take(budget, 'v');
      await limiter.take(budget, 'v');
      const wait = await limiter.take(budget, 'v');
      expect(wait).toBeGreaterThan(0);
      // Time passing is what is under test here.
      await Bun.sleep(wait * 1000 + 20);
      expect(await limiter.take(budget, 'v')).toBe(0);
      expect(await limiter.take(budget, 'v')).toBeGreaterThan(0);
    });

    test('what people type is not kept as a key', async () => {
      const d = start();
      const limiter = d.process();
      await limiter.take(minute('login-email', 5), 'someone@example.com');
      if (!d.keys) return; // in memory: nothing is stored anywhere else
      const keys = await d.keys();
      expect(keys).toHaveLength(1);
      expect(keys.join()).not.toContain('someone');
    });
  });
}
