import { type Budget, gcraTake, gcraTakeUpTo, type RateLimiter } from '@flc/core';

/**
 * Budgets kept in this process's memory: right for one process (the embedded profile). A key
 * whose budget is whole again is the same as none, so those are dropped when the map grows,
 * which bounds memory by the keys active within one period.
 */
export function createMemoryRateLimiter(now: () => number = Date.now): RateLimiter {
  const tats = new Map<string, number>();
  const id = (budget: Budget, key: string) => `${budget.name}\u0000${key}`;
  const sweep = (at: number) => {
    for (const [k, tat] of tats) if (tat <= at) tats.delete(k);
  };
  return {
    async take(budget, key) {
      const at = now();
      const k = id(budget, key);
      const { waitMs, tat } = gcraTake(tats.get(k), at, budget);
      if (waitMs > 0) return waitMs / 1000;
      tats.set(k, tat);
      if (tats.size > 10_000) sweep(at);
      return 0;
    },
    async takeUpTo(budget, key, n) {
      const at = now();
      const k = id(budget, key);
      const { taken, tat } = gcraTakeUpTo(tats.get(k), at, budget, n);
      if (taken > 0) tats.set(k, tat);
      if (tats.size > 10_000) sweep(at);
      return taken;
    },
    async giveBack(budget, key) {
      const k = id(budget, key);
      const tat = tats.get(k);
      if (tat === undefined) return;
      const back = tat - budget.periodMs / budget.limit;
      if (back <= now()) tats.delete(k);
      else tats.set(k, back);
    },
    async reset(budget, key) {
      tats.delete(id(budget, key));
    },
  };
}
