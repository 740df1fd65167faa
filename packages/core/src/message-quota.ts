import type { PlanLimit } from '@flc/protocol/resources';
import { KnownPlans } from './known-plans.ts';
import type { PlanDirectory } from './plans.ts';

/**
 * A plan's limit reached where something is sent (messages this month). Hosts map it to their
 * own answer (REST: 402 `plan_limit_reached`; the socket: an `error` frame `plan_limit_reached`).
 */
export class PlanLimitError extends Error {
  constructor(
    readonly limit: PlanLimit,
    readonly value: number,
    message: string,
  ) {
    super(message);
    this.name = 'PlanLimitError';
  }
}

/**
 * Each organization's messages of one UTC month, counted where every process of the install
 * sees them: in this process's memory (one process), or in Redis.
 */
export interface MonthlyCounter {
  /**
   * Takes up to `n` of the organization's messages of `month` (`2026-12`) that still fit under
   * `limit`: how many it took (0 to `n`), at once, so processes together never take more than
   * `limit`. The first take of a month anywhere starts the count at `used()` (what the stores
   * hold since the month began).
   */
  take(
    organizationId: string,
    month: string,
    limit: number,
    n: number,
    used: () => Promise<number>,
  ): Promise<number>;
}

/** The UTC month of an instant, as counters key it, and when it began. */
export function monthOf(at: number): { month: string; start: Date } {
  const d = new Date(at);
  const start = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
  return { month: start.toISOString().slice(0, 7), start };
}

/** A process's counter when it is the only one (the embedded profile). */
export function memoryMonthlyCounter(): MonthlyCounter {
  // One entry per organization: its current month's count (a past month's is of no more use).
  const counts = new Map<string, { month: string; count: Promise<{ used: number }> }>();
  return {
    async take(organizationId, month, limit, n, used) {
      let entry = counts.get(organizationId);
      if (entry?.month !== month) {
        const count = used().then((u) => ({ used: u }));
        const made = { month, count };
        count.catch(() => {
          if (counts.get(organizationId) === made) counts.delete(organizationId);
        });
        counts.set(organizationId, made);
        entry = made;
      }
      const state = await entry.count;
      const taken = Math.max(0, Math.min(n, limit - state.used));
      state.used += taken;
      return taken;
    },
  };
}

/** Messages of one organization this process holds: taken from the counter and not yet sent. */
interface Held {
  month: string;
  messages: number;
  taking: Promise<number> | undefined;
  /** Until when the counter is known to have none left: refusals then cost no round trip. */
  spentUntil: number;
}

const refusal = (limit: number) =>
  new PlanLimitError('messagesPerMonth', limit, `Your plan allows ${limit} messages a month`);

/** Organizations whose held messages are kept; beyond, those not taking are forgotten. */
const MAX_KEPT = 50_000;
/** Once the counter has none left, how long the process refuses on its own before asking again. */
const SPENT_MS = 10_000;

/**
 * The plan's messages a month (`messagesPerMonth`, messages and notes alike), for every way a
 * message is sent. A process takes a share of the month at a time from the counter (a fiftieth
 * of the limit, 1 to 100) and spends it locally, so a send costs no round trip while the share
 * lasts. A share taken counts as sent: across processes at most `limit` messages are accepted in
 * a month, and a process's unspent share (fewer than `share` messages) waits for its next sends
 * that month. Below 100 a month, the share is one message: exactly `limit`. Once the counter has
 * none left, the process refuses on its own for 10 s before asking again. The limit is read
 * from the process's `KnownPlans` (once, then again when announced changed or in the background),
 * so only an organization's first send in a process waits for it; tenants without the limit are not
 * counted at all. Counting fails open: when the counter cannot answer, the message goes on.
 */
export class MessageQuota {
  private readonly held = new Map<string, Held>();
  private readonly plans: KnownPlans;

  constructor(
    /** The process's known plans (shared with the gateway), or a directory to read alone. */
    plans: KnownPlans | PlanDirectory,
    private readonly counter: MonthlyCounter,
    /** What the stores hold of the organization since `since` (messages and notes). */
    private readonly countSince: (organizationId: string, since: Date) => Promise<number>,
    private readonly now: () => number = Date.now,
  ) {
    this.plans = KnownPlans.of(plans, now);
  }

  /** Spends one message of the organization's month; throws PlanLimitError when none is left. */
  take(organizationId: string): undefined | Promise<void> {
    const limit = this.plans.limit(organizationId, 'messagesPerMonth');
    if (limit === null) return;
    if (typeof limit === 'number') return this.takeUnder(organizationId, limit);
    return limit.then((l) => (l === null ? undefined : this.takeUnder(organizationId, l)));
  }

  private takeUnder(organizationId: string, limit: number): undefined | Promise<void> {
    const { month } = monthOf(this.now());
    const held = this.heldOf(organizationId, month);
    if (held.messages > 0) {
      held.messages--;
      return;
    }
    if (held.spentUntil > this.now()) return Promise.reject(refusal(limit));
    return this.takeAndSpend(held, organizationId, limit);
  }

  private async takeAndSpend(held: Held, organizationId: string, limit: number): Promise<void> {
    for (;;) {
      // Sends arriving while a share is on its way wait for it; those it was too small for take
      // the next one, until the counter has none left.
      held.taking ??= this.takeShare(held, organizationId, limit);
      const got = await held.taking;
      if (held.messages > 0) {
        held.messages--;
        return;
      }
      if (got === 0) {
        held.spentUntil = this.now() + SPENT_MS;
        throw refusal(limit);
      }
    }
  }

  private async takeShare(held: Held, organizationId: string, limit: number): Promise<number> {
    const share = Math.max(1, Math.min(100, Math.floor(limit / 50)));
    const { start } = monthOf(this.now());
    let got: number;
    try {
      got = await this.counter.take(organizationId, held.month, limit, share, () =>
        this.countSince(organizationId, start),
      );
    } catch {
      // The counter did not answer: this message goes on (abuse is the send budget's job).
      got = 1;
    }
    held.messages += got;
    held.taking = undefined;
    return got;
  }

  private heldOf(organizationId: string, month: string): Held {
    let held = this.held.get(organizationId);
    if (!held || held.month !== month) {
      if (this.held.size >= MAX_KEPT) {
        for (const [id, h] of this.held) if (!h.taking) this.held.delete(id);
      }
      // A new month: what was held of the last one is gone with it.
      held = { month, messages: 0, taking: undefined, spentUntil: 0 };
      this.held.set(organizationId, held);
    }
    return held;
  }
}
