import type { RateLimiter } from '@flc/core';
import { rateKey } from '../redis/layout.ts';
import type { RedisContext } from '../redis/server.ts';

/**
 * Budgets in Redis, shared by every process of a deployment: one key per budget and key, taken
 * and given back by a script that reads the server's clock (`flcRateTake`), so processes with
 * skewed clocks still agree. One key per command: it runs on Redis Cluster as on one server.
 */
export function createRedisRateLimiter(context: RedisContext): RateLimiter {
  const redis = context.commands;
  const { layout } = context;
  return {
    async take(budget, key) {
      const slotMs = budget.periodMs / budget.limit;
      const k = rateKey(layout, budget.name, key);
      const waitMs = await context.redirected(() => redis.flcRateTake(k, slotMs, budget.periodMs));
      return Number(waitMs) / 1000;
    },
    async takeUpTo(budget, key, n) {
      const slotMs = budget.periodMs / budget.limit;
      const k = rateKey(layout, budget.name, key);
      return Number(
        await context.redirected(() => redis.flcRateTakeUpTo(k, slotMs, budget.periodMs, n)),
      );
    },
    async giveBack(budget, key) {
      const k = rateKey(layout, budget.name, key);
      await context.redirected(() => redis.flcRateGiveBack(k, budget.periodMs / budget.limit));
    },
    async reset(budget, key) {
      const k = rateKey(layout, budget.name, key);
      await context.redirected(() => redis.del(k));
    },
  };
}
