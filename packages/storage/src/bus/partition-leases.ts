import { fnv1a, membersKey, partition } from '../redis/layout.ts';
import type { RedisContext } from '../redis/server.ts';

/** How long a closing member waits to hand its partitions over. */
const RELEASE_TIMEOUT_MS = 1_000;

export interface PartitionLeasesOptions {
  group: string;
  /** This member's name: unique among the group's live members. */
  member: string;
  /** A member that stops renewing loses its partitions after this long. */
  leaseMs: number;
  onError: (error: unknown) => void;
  /** Called when partitions were gained or are to be given up. */
  onChange: () => void;
}

/**
 * Splits a consumer group's partitions between its live members, each partition read by exactly
 * one member at a time. Members beat into a sorted set; each one computes the same assignment
 * from the live members (rendezvous hashing: a partition goes to the member that hashes highest
 * with it, so a member joining or leaving moves only its share) and holds a lease (a key with a
 * TTL) on each partition assigned to it. A dead member's leases and beat lapse after `leaseMs`,
 * and the others take its partitions over.
 */
export interface PartitionLeases {
  /** The first beat: resolves once this member holds what it can. */
  readonly started: Promise<void>;
  /** Partitions held now. */
  owned(): ReadonlySet<number>;
  /** Partitions gained since the last call: their pending entries are to be claimed first. */
  takeGained(): number[];
  /**
   * Gives up the partitions no longer assigned to this member; called between batches, so none
   * of their entries is in flight here. Answers them.
   */
  settle(): Promise<number[]>;
  close(): Promise<void>;
}

export function createPartitionLeases(
  context: RedisContext,
  options: PartitionLeasesOptions,
): PartitionLeases {
  const { layout } = context;
  const { group, member, leaseMs, onError, onChange } = options;
  const { commands } = context;
  const members = membersKey(layout, group);
  const owned = new Set<number>();
  let gained: number[] = [];
  let unassigned = new Set<number>();
  let closed = false;

  /** The member each partition goes to, among `live` (sorted). */
  function assignment(live: string[]): number[] {
    const mine: number[] = [];
    const hashes = live.map(fnv1a);
    for (let p = 0; p < layout.partitions; p++) {
      let best = '';
      let bestScore = -1;
      for (const [i, name] of live.entries()) {
        const score = mix((hashes[i] as number) ^ Math.imul(p + 1, 0x9e3779b1));
        if (score > bestScore || (score === bestScore && name < best)) {
          best = name;
          bestScore = score;
        }
      }
      if (best === member) mine.push(p);
    }
    return mine;
  }

  async function beat(): Promise<void> {
    const now = Date.now();
    await commands.zadd(members, now, member);
    await commands.zremrangebyscore(members, '-inf', now - leaseMs);
    const live = (await commands.zrange(members, 0, -1)).sort();
    if (!live.includes(member)) live.push(member);
    const mine = new Set(assignment(live));
    const held = await Promise.all(
      [...mine].map((p) =>
        context.redirected(() =>
          commands.flcHoldLease(partition(layout, p).lease(group), member, leaseMs),
        ),
      ),
    );
    let changed = false;
    [...mine].forEach((p, i) => {
      if (held[i] === 1 && !owned.has(p)) {
        owned.add(p);
        gained.push(p);
        changed = true;
      } else if (held[i] !== 1 && owned.has(p)) {
        // Lost: another member holds it now (ours lapsed).
        owned.delete(p);
        changed = true;
      }
    });
    // Still ours but assigned elsewhere: renewed until given up between batches.
    const leaving = [...owned].filter((p) => !mine.has(p));
    await Promise.all(
      leaving.map((p) =>
        context.redirected(() =>
          commands.flcHoldLease(partition(layout, p).lease(group), member, leaseMs),
        ),
      ),
    );
    unassigned = new Set(leaving);
    if (changed || leaving.length > 0) onChange();
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    if (closed) return;
    timer = setTimeout(() => {
      beat().catch(onError).finally(schedule);
    }, leaseMs / 3);
    timer.unref?.();
  };
  const started = beat().finally(schedule);

  return {
    started,
    owned: () => owned,
    takeGained() {
      const list = gained.filter((p) => owned.has(p));
      gained = [];
      return list;
    },
    async settle() {
      if (unassigned.size === 0) return [];
      const leaving = [...unassigned].filter((p) => owned.has(p));
      unassigned = new Set();
      for (const p of leaving) owned.delete(p);
      await Promise.all(
        leaving.map((p) =>
          context.redirected(() =>
            commands.flcReleaseLease(partition(layout, p).lease(group), member),
          ),
        ),
      );
      return leaving;
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      await started.catch(() => {});
      // Handing over at once instead of after the lease lapses; a Redis that does not answer
      // soon gets nothing, and the leases lapse by themselves.
      const leases = [...owned].map((p) => partition(layout, p).lease(group));
      owned.clear();
      const releasing = Promise.all([
        ...leases.map((lease) => commands.flcReleaseLease(lease, member)),
        commands.zrem(members, member),
      ]);
      let timeout: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        releasing.catch(onError),
        new Promise((resolve) => {
          timeout = setTimeout(resolve, RELEASE_TIMEOUT_MS);
        }),
      ]);
      clearTimeout(timeout);
    },
  };
}

/** Murmur3's finalizer: every bit of the input moves about half the output's bits. */
function mix(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
