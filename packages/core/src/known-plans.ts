import type { PlanLimit } from '@flc/protocol/resources';
import type { EffectivePlan, PlanDirectory } from './plans.ts';

/** A tenant's limits as this process last read them. */
interface Known {
  limits: EffectivePlan['limits'];
  at: number;
  reading: boolean;
}

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
  private readonly known = new Map<string, Known>();
  /** Counts forgets: a read begun before one is not kept (it may hold the old plan). */
  private forgets = 0;

  constructor(
    private readonly plans: PlanDirectory,
    private readonly now: () => number = Date.now,
  ) {
    // A plan changed (announced to every process): the next ask reads it again, and waits.
    plans.onForget?.((organizationId) => {
      this.forgets++;
      if (organizationId === undefined) this.known.clear();
      else this.known.delete(organizationId);
    });
  }

  /** The tenant's plan limit (null: none), at hand or on its first read. */
  limit(organizationId: string, name: PlanLimit): number | null | Promise<number | null> {
    const known = this.known.get(organizationId);
    if (!known) return this.read(organizationId).then((limits) => limits[name]);
    if (!known.reading && this.now() - known.at > PLAN_REREAD_MS) {
      known.reading = true;
      this.read(organizationId).catch(() => {
        known.reading = false;
      });
    }
    return known.limits[name];
  }

  private async read(organizationId: string): Promise<EffectivePlan['limits']> {
    const forgets = this.forgets;
    const { limits } = await this.plans.planOf(organizationId);
    if (forgets !== this.forgets) return limits;
    if (this.known.size >= MAX_KEPT) this.known.clear();
    this.known.set(organizationId, { limits, at: this.now(), reading: false });
    return limits;
  }
}
