import { lowerLimit } from '@flc/core';
import { TokenBucket } from './token-bucket.ts';

/**
 * Leases `n` sends of an organization's shared budget of `perSecond`: how many it got (0 to
 * `n`).
 */
export type LeaseSends = (organizationId: string, n: number, perSecond: number) => Promise<number>;

/** An organization's plan's sends per second (null: none), at hand or on its first read. */
export type PlanRate = (organizationId: string) => number | null | Promise<number | null>;

/** Sends of one organization this node holds: leased and not yet spent, or being leased. */
interface Held {
  sends: number;
  leasing: Promise<number> | undefined;
}

/** A lease is this share of the per-second budget (at least one send). */
const LEASE_SHARE = 20;
/** Organizations whose held sends are kept; beyond, those holding none are forgotten. */
const MAX_HELD = 10_000;

/**
 * The per-organization send budget: the lower of `FLC_ORG_SENDS_PER_SECOND` and the
 * organization's plan's `sendsPerSecond` (0 / null: no limit). Alone, a node keeps a token
 * bucket per organization. With `lease` (a budget shared through Redis by every node), a node
 * leases a twentieth of the per-second budget at a time and spends it locally, so one
 * organization's sends across all nodes stay within the budget plus one lease per node, and a
 * node asks Redis once per lease rather than once per send.
 */
export class SendBudget {
  private readonly buckets = new Map<string, { perSecond: number; bucket: TokenBucket }>();
  private readonly held = new Map<string, Held>();

  constructor(
    private readonly perSecond: number,
    private readonly lease?: LeaseSends,
    /** Without it, every organization has the install's budget. */
    private readonly planRate?: PlanRate,
  ) {}

  /** Whether the organization may send one more message now; spends it when so. */
  take(organizationId: string): boolean | Promise<boolean> {
    const plan = this.planRate ? this.planRate(organizationId) : null;
    if (plan instanceof Promise) {
      return plan.then((p) => this.takeAt(organizationId, lowerLimit(this.perSecond, p)));
    }
    return this.takeAt(organizationId, lowerLimit(this.perSecond, plan));
  }

  private takeAt(organizationId: string, perSecond: number | null): boolean | Promise<boolean> {
    if (perSecond === null) return true;
    if (!this.lease) return this.bucket(organizationId, perSecond).take();
    const held = this.heldOf(organizationId);
    if (held.sends > 0) {
      held.sends--;
      return true;
    }
    return this.leaseAndTake(held, organizationId, perSecond);
  }

  private async leaseAndTake(
    held: Held,
    organizationId: string,
    perSecond: number,
  ): Promise<boolean> {
    for (;;) {
      // Sends arriving while a lease is on its way wait for it instead of leasing again; those
      // it was too small for lease the next one, until a lease comes back empty.
      held.leasing ??= this.leaseFor(held, organizationId, perSecond);
      const got = await held.leasing;
      if (held.sends > 0) {
        held.sends--;
        return true;
      }
      if (got === 0) return false;
    }
  }

  /** Leases the next share into `held`: how many sends it got. */
  private async leaseFor(held: Held, organizationId: string, perSecond: number): Promise<number> {
    const size = Math.max(1, Math.floor(perSecond / LEASE_SHARE));
    let got: number;
    try {
      got = await (this.lease as LeaseSends)(organizationId, size, perSecond);
    } catch {
      // Redis did not answer: this send goes on, and its append meets the same fault.
      got = 1;
    }
    held.sends += got;
    held.leasing = undefined;
    return got;
  }

  private heldOf(organizationId: string): Held {
    let held = this.held.get(organizationId);
    if (!held) {
      if (this.held.size >= MAX_HELD) {
        for (const [id, h] of this.held) if (h.sends === 0 && !h.leasing) this.held.delete(id);
      }
      held = { sends: 0, leasing: undefined };
      this.held.set(organizationId, held);
    }
    return held;
  }

  private bucket(organizationId: string, perSecond: number): TokenBucket {
    let kept = this.buckets.get(organizationId);
    // A plan that changed the rate starts a new bucket.
    if (kept?.perSecond !== perSecond) {
      if (this.buckets.size >= MAX_HELD) this.buckets.clear();
      kept = { perSecond, bucket: new TokenBucket(perSecond, perSecond) };
      this.buckets.set(organizationId, kept);
    }
    return kept.bucket;
  }
}
