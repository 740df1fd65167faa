import type { MonthlyCounter } from '@flc/core';
import { monthKey } from '../redis/layout.ts';
import type { RedisContext } from '../redis/server.ts';

/** A month's count outlives its month by some days, then goes by itself. */
const MONTH_TTL_SECONDS = 40 * 86_400;

/**
 * Organizations' messages of a month in Redis, shared by every process: one key per
 * organization and month, started once from the stores' count (`SET NX`: the first process to
 * get there wins, the others' counts are dropped) and taken from by one script that never hands
 * out more than the limit. One key per command: it runs on Redis Cluster as on one server.
 */
export function createRedisMonthlyCounter(context: RedisContext): MonthlyCounter {
  const redis = context.commands;
  return {
    async take(organizationId, month, limit, n, used) {
      const key = monthKey(context.layout, organizationId, month);
      for (;;) {
        const taken = Number(await context.redirected(() => redis.flcMonthTake(key, limit, n)));
        if (taken >= 0) return taken;
        const count = await used();
        await context.redirected(() => redis.set(key, count, 'EX', MONTH_TTL_SECONDS, 'NX'));
      }
    },
  };
}
