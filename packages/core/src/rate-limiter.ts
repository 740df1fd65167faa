/**
 * A budget: up to `limit` takes at once, given back evenly over `periodMs` (one every
 * `periodMs / limit`). A key that stays under the budget is never held up; one that spends it all
 * waits for the next slot, not for a whole window, and cannot save up more than `limit`.
 */
export interface Budget {
  /** Names the budget in keys and metrics: `login-email`, `widget-boot`, … */
  readonly name: string;
  readonly limit: number;
  readonly periodMs: number;
}

/**
 * Counts takes against budgets per key (an IP, an email, a principal). Implementations: in memory
 * (one process) and Redis (every process of a deployment shares the counts; the server's clock
 * decides). Both pass one conformance suite.
 */
export interface RateLimiter {
  /**
   * Takes one slot of `key`'s budget at once: 0 when there was one, else the seconds until there
   * is (and nothing is taken). Taking before a slow check runs keeps concurrent attempts from all
   * slipping in under the limit.
   */
  take(budget: Budget, key: string): Promise<number>;
  /**
   * Takes as many of `n` slots as are free now, at once: how many it took (0 to `n`). A process
   * that spends a budget at a high rate leases slots this way, a batch per call.
   */
  takeUpTo(budget: Budget, key: string, n: number): Promise<number>;
  /** Gives back a slot taken for an attempt that turned out not to count. */
  giveBack(budget: Budget, key: string): Promise<void>;
  /** Forgets what `key` spent of the budget. */
  reset(budget: Budget, key: string): Promise<void>;
}

/** A budget of `limit` per `periodMs`, or none when `limit` is 0 (switched off). */
export function budget(name: string, limit: number, periodMs: number): Budget | null {
  return limit > 0 ? { name, limit, periodMs } : null;
}

/**
 * GCRA for up to `n` slots at once: as many as fit before the budget would run over, and the
 * new `tat` (unchanged when none did).
 */
export function gcraTakeUpTo(
  tat: number | undefined,
  now: number,
  { limit, periodMs }: Budget,
  n: number,
): { taken: number; tat: number } {
  const start = tat === undefined || tat < now ? now : tat;
  const slot = periodMs / limit;
  const room = Math.floor((now + periodMs - start) / slot + 1e-9);
  const taken = Math.max(0, Math.min(n, room));
  return { taken, tat: start + taken * slot };
}

/**
 * GCRA, shared by the adapters: `tat` is when the key's budget would be whole again. Answers
 * the milliseconds to wait (0: taken) and the new `tat` when taken.
 */
export function gcraTake(
  tat: number | undefined,
  now: number,
  { limit, periodMs }: Budget,
): { waitMs: number; tat: number } {
  const start = tat === undefined || tat < now ? now : tat;
  const next = start + periodMs / limit;
  if (next - now > periodMs)
    return { waitMs: Math.max(1, Math.ceil(next - now - periodMs)), tat: start };
  return { waitMs: 0, tat: next };
}
