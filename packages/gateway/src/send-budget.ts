import { TokenBucket } from './token-bucket.ts';

/** Leases `n` sends of an organization's shared budget: how many it got (0 to `n`). */
export type LeaseSends = (organizationId: string, n: number) => Promise<number>;

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
 * The per-organization send budget (`FLC_ORG_SENDS_PER_SECOND`). Alone, a node keeps a token
 * bucket per organization. With `lease` (a budget shared through Redis by every node), a node
 * leases a twentieth of the per-second budget at a time and spends it locally, so one
 * organization's sends across all nodes stay within the budget plus one lease per node, and a
 * node asks Redis once per lease rather than once per send.
 */
export class SendBudget {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly held = new Map<string, Held>();
  private readonly leaseSize: number;

  constructor(
    private readonly perSecond: number,
    private readonly lease?: LeaseSends,
  ) {
    this.leaseSize = Math.max(1, Math.floor(perSecond / LEASE_SHARE));
  }

  /** Whether the organization may send one more message now; spends it when so. */
  take(organizationId: string): boolean | Promise<boolean> {
    if (this.perSecond <= 0) return true;
    if (!this.lease) return this.bucket(organizationId).take();
    const held = this.heldOf(organizationId);
    if (held.sends > 0) {
      held.sends--;
      return true;
    }
    return this.leaseAndTake(held, organizationId);
  }

  private async leaseAndTake(held: Held, organizationId: string): Promise<boolean> {
    for (;;) {
      // Sends arriving while a lease is on its way wait for it instead of leasing again; those
      // it was too small for lease the next one, until a lease comes back empty.
      held.leasing ??= this.leaseFor(held, organizationId);
      const got = await held.leasing;
      if (held.sends > 0) {
        held.sends--;
        return true;
      }
      if (got === 0) return false;
    }
  }

  /** Leases the next share into `held`: how many sends it got. */
  private async leaseFor(held: Held, organizationId: string): Promise<number> {
    let got: number;
    try {
      got = await (this.lease as LeaseSends)(organizationId, this.leaseSize);
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

  private bucket(organizationId: string): TokenBucket {
    let bucket = this.buckets.get(organizationId);
    if (!bucket) {
      bucket = new TokenBucket(this.perSecond, this.perSecond);
      this.buckets.set(organizationId, bucket);
    }
    return bucket;
  }
}
