import type { PlanLimit } from '@flc/protocol/resources';
import { KeptReads } from './kept-reads.ts';
import type { EffectivePlan, PlanDirectory } from './plans.ts';

/**
 * How long known limits are used before they are read again (in the background). Changes are
 * announced on the bus and forgotten at once; this is only a safety net for a lost announcement.
 */
export const PLAN_REREAD_MS = 5 * 60_000;
/** Tenants whose limits are kept; beyond, they are all read again. */
const MAX_KEPT = 50_000;

/**
 * Tenants' plan limits for a hot path (every message sent): the first ask of a tenant waits for
 * the plan directory (batched per tick); after that the answer is at hand until the plan is
 * announced changed, and read again in the background once it is older than `PLAN_REREAD_MS`,
 * so no later ask waits for the database. One per process (`openPlatform`), shared by the
 * gateway's send budget and the monthly quota, so a tenant is read once, not once per user.
 */
export class KnownPlans {
  private readonly known: KeptReads<EffectivePlan['limits']>;

  constructor(
    private readonly plans: PlanDirectory,
    now: () => number = Date.now,
  ) {
    this.known = new KeptReads({ rereadMs: PLAN_REREAD_MS, maxKept: MAX_KEPT, now });
    // A plan changed (announced to every process): the next ask reads it again, and waits.
    plans.onForget?.((organizationId) => this.known.forget(organizationId));
  }

  /** The process's shared known plans as they are, or new ones over a directory read alone. */
  static of(plans: KnownPlans | PlanDirectory, now?: () => number): KnownPlans {
    return plans instanceof KnownPlans ? plans : new KnownPlans(plans, now);
  }

  /** The tenant's plan limit (null: none), at hand or on its first read. */
  limit(organizationId: string, name: PlanLimit): number | null | Promise<number | null> {
    const limits = this.known.get(organizationId, async () => {
      const { limits } = await this.plans.planOf(organizationId);
      return limits;
    });
    return limits instanceof Promise ? limits.then((l) => l[name]) : limits[name];
  }
}
