import type { Delivery, DeliverySource, Message } from '@flc/core';
import { field, partition } from '../redis/layout.ts';
import type { RedisCommands, RedisContext } from '../redis/server.ts';
import { createShardedSubscriber } from '../redis/subscriber.ts';
import { messageFromFrame, reportToConsole } from './frame.ts';
import { createPartitionLeases } from './partition-leases.ts';
import { ensureGroups, persisterGroup } from './redis-group.ts';

export interface RedisConsumerOptions {
  group?: string;
  /** Unique among the group's live consumers, e.g. `host-pid-index`. */
  consumer: string;
  /** Entries per partition per read. */
  count?: number;
  /** How long `next()` waits for new entries when every partition is idle. */
  blockMs?: number;
  /**
   * Reads new entries at most this often (ms) unless the last read came back full: under a
   * steady stream, fewer and bigger batches, so what a batch costs whatever its size (the read,
   * the acks, a transaction) is paid less often. Entries wait in Redis up to this long. Default 0.
   */
  lingerMs?: number;
  /** Entries pending this long at some consumer are taken over (that consumer is presumed dead). */
  claimIdleMs?: number;
  /** A consumer that stops renewing loses its partitions to the others after this long. */
  leaseMs?: number;
  /**
   * Every held partition is read after this long even if no bell was heard (a bell is lost if
   * it rings while its subscription is being restored). Default 5,000 ms.
   */
  sweepMs?: number;
  /** Entries trimmed from a stream before anyone stored them (lost to the store), and errors. */
  onError?: (error: unknown) => void;
}

/** An entry of a conversation partition stream, as the persister gets it. */
export interface StreamDelivery extends Delivery {
  stream: string;
  id: string;
  /** Known without parsing the frame: the entry's `o` field; `null` for an unexpected entry. */
  organizationId: string | null;
}

export interface RedisConsumer extends DeliverySource<StreamDelivery> {
  /** Creates the group on every partition stream; safe to call any number of times. */
  ensureGroups(): Promise<void>;
  /** The partitions this consumer reads now. */
  owned(): number[];
  close(): Promise<void>;
}

type Entry = [id: string, fields: string[] | null];

/** A message entry: its frame is parsed when the message is first asked for, and only then. */
class MessageEntry implements StreamDelivery {
  private parsed: Message | undefined;

  constructor(
    readonly stream: string,
    readonly id: string,
    readonly organizationId: string,
    private readonly frame: string,
    readonly requestId: string | undefined,
    readonly traceparent: string | undefined,
  ) {}

  get message(): Message {
    this.parsed ??= messageFromFrame(this.frame, this.organizationId);
    return this.parsed;
  }
}

/**
 * One member of a consumer group (the persisters', the webhook fan-out's) over the conversation
 * partition streams. The group's members split the partitions between them (see
 * `createPartitionLeases`), so each stream is read by one member at a time and reading scales
 * out with the members. A partition taken over first has what its previous reader left pending
 * claimed (XAUTOCLAIM), then new entries are read (XREADGROUP, one partition per command, as a
 * cluster wants). A partition found empty sleeps until an append rings its bell; entries pending
 * at this member for `claimIdleMs` (a batch that failed) are claimed again. `ack()` acknowledges
 * a batch.
 */
export function createRedisConsumer(
  context: RedisContext,
  options: RedisConsumerOptions,
): RedisConsumer {
  const { layout } = context;
  const group = options.group ?? persisterGroup;
  const { consumer, onError = reportToConsole } = options;
  const count = options.count ?? 100;
  const blockMs = options.blockMs ?? 1_000;
  const claimIdleMs = options.claimIdleMs ?? 30_000;
  const lingerMs = options.lingerMs ?? 0;
  const sweepMs = options.sweepMs ?? 5_000;
  const { commands } = context;
  let lastReadAt = 0;
  let lastReadFull = false;
  let nextClaimAt = Date.now() + claimIdleMs / 2;
  let nextSweepAt = 0;
  let closed = false;
  /** Held partitions whose bell rang since they were last read (or whose read came back full). */
  const rung = new Set<number>();
  /** Partitions taken over whose pending entries are still to be claimed: the claim's cursor. */
  const claiming = new Map<number, string>();
  /**
   * Partitions whose entries pending here are to be read again, from the cursor: after a failed
   * command, whose reply (entries handed to this member) may have been lost with a failed-over
   * master, not only after `claimIdleMs`.
   */
  const backlog = new Map<number, string>();
  const byBell = new Map<string, number>();
  let wakeUp: (() => void) | undefined;
  const wake = () => wakeUp?.();

  const leases = createPartitionLeases(context, {
    group,
    member: consumer,
    leaseMs: options.leaseMs ?? 10_000,
    onError,
    onChange: wake,
  });
  const bells = createShardedSubscriber(context, `${group}-bells`, {
    message(channel) {
      const p = byBell.get(channel);
      if (p === undefined || !leases.owned().has(p)) return;
      rung.add(p);
      wake();
    },
    resubscribed(channels) {
      for (const channel of channels) {
        const p = byBell.get(channel);
        if (p !== undefined && leases.owned().has(p)) rung.add(p);
      }
      wake();
    },
    error: onError,
  });

  function toDeliveries(stream: string, entries: Entry[]): StreamDelivery[] {
    const out: StreamDelivery[] = [];
    for (const [id, fields] of entries) {
      // An entry deleted while pending has no fields: acknowledged so it leaves the group.
      const [topicField, , orgField, organizationId, kind, frame] = fields ?? [];
      if (kind === field.message && organizationId && frame !== undefined && fields) {
        const [request, traceparent] = metadataOf(fields);
        out.push(new MessageEntry(stream, id, organizationId, frame, request, traceparent));
        continue;
      }
      if (fields && (topicField !== field.topic || orgField !== field.organization)) {
        onError(new Error(`${group}: unexpected entry ${id} in ${stream}, skipped`));
      }
      out.push({ stream, id, message: null, organizationId: null });
    }
    return out;
  }

  /** Partitions gained: their group exists, their bell is heard, then they are read. */
  async function takeOver(gained: number[]): Promise<void> {
    if (gained.length === 0) return;
    const parts = gained.map((p) => partition(layout, p));
    await Promise.all(
      parts.map((p) => context.redirected(() => createGroup(commands, p.stream, group))),
    );
    for (const p of parts) byBell.set(p.bell, p.index);
    await bells.subscribe(parts.map((p) => p.bell));
    for (const p of gained) {
      rung.add(p);
      claiming.set(p, '0-0');
    }
  }

  async function giveUp(released: number[]): Promise<void> {
    const parts = released.map((p) => partition(layout, p));
    bells.unsubscribe(parts.map((p) => p.bell));
    for (const p of parts) {
      byBell.delete(p.bell);
      rung.delete(p.index);
      claiming.delete(p.index);
      backlog.delete(p.index);
    }
  }

  /**
   * Takes over what is pending in partitions just gained (whoever held them left it: a reader
   * that died, or a failed batch), then, now and then, what has been pending too long here.
   */
  async function claim(): Promise<StreamDelivery[]> {
    const owned = leases.owned();
    let targets: [number, string, number][];
    if (claiming.size > 0) {
      targets = [...claiming].map(([p, cursor]) => [p, cursor, 0]);
    } else if (Date.now() >= nextClaimAt) {
      nextClaimAt = Date.now() + claimIdleMs / 2;
      targets = [...owned].map((p) => [p, '0-0', claimIdleMs]);
    } else {
      return [];
    }
    const claimed: StreamDelivery[] = [];
    await Promise.all(
      targets.map(async ([p, cursor, minIdle]) => {
        if (!owned.has(p)) return claiming.delete(p);
        const { stream } = partition(layout, p);
        const [next, entries, deleted] = (await context.redirected(() =>
          commands.xautoclaim(stream, group, consumer, minIdle, cursor, 'COUNT', count),
        )) as [string, Entry[], string[] | undefined];
        if (claiming.has(p)) {
          if (next === '0-0') claiming.delete(p);
          else claiming.set(p, next);
        }
        claimed.push(...toDeliveries(stream, entries));
        // Trimmed (MAXLEN) before anyone stored them; Redis has dropped them from the group.
        if (deleted && deleted.length > 0) {
          onError(new Error(`${group}: ${deleted.length} entries of ${stream} trimmed unread`));
        }
      }),
    );
    return claimed;
  }

  /** What is pending at this member in the partitions of `backlog`, a page per partition. */
  async function readBacklog(): Promise<StreamDelivery[]> {
    const out: StreamDelivery[] = [];
    await Promise.all(
      [...backlog].map(async ([p, cursor]) => {
        if (!leases.owned().has(p)) return backlog.delete(p);
        const { stream } = partition(layout, p);
        const reply = (await context.redirected(() =>
          commands.xreadgroup('GROUP', group, consumer, 'COUNT', count, 'STREAMS', stream, cursor),
        )) as [string, Entry[]][] | null;
        const entries = reply?.[0]?.[1] ?? [];
        const last = entries.at(-1);
        // Done with a partition once nothing is pending here after the last entry read.
        if (last) backlog.set(p, last[0]);
        else backlog.delete(p);
        out.push(...toDeliveries(stream, entries));
      }),
    );
    return out;
  }

  /** One XREADGROUP of new entries of a partition (a cluster wants one stream per command). */
  const readPartition = (stream: string) =>
    context.redirected(
      () =>
        commands.xreadgroup(
          'GROUP',
          group,
          consumer,
          'COUNT',
          count,
          'STREAMS',
          stream,
          '>',
        ) as Promise<[string, Entry[]][] | null>,
    );

  /**
   * Reads the partitions that rang (all of them now and then), each once: under load every
   * partition is read at most once per linger whatever its traffic, and a quiet one not at all.
   */
  async function read(): Promise<StreamDelivery[]> {
    const wait = lastReadFull ? 0 : lastReadAt + lingerMs - Date.now();
    // Not cut short by bells: what rings meanwhile is read together, after the linger.
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (Date.now() >= nextSweepAt) {
      nextSweepAt = Date.now() + sweepMs;
      for (const p of leases.owned()) rung.add(p);
    }
    lastReadAt = Date.now();
    const reading = [...rung].filter((p) => leases.owned().has(p));
    // Bells that ring from here on are for entries this read may miss: they count again.
    rung.clear();
    const replies = await Promise.all(
      reading.map((p) => readPartition(partition(layout, p).stream)),
    );
    const out: StreamDelivery[] = [];
    lastReadFull = false;
    replies.forEach((reply, i) => {
      const p = reading[i] as number;
      const entries = reply?.[0]?.[1] ?? [];
      if (entries.length >= count) {
        lastReadFull = true;
        rung.add(p);
      }
      out.push(...toDeliveries(partition(layout, p).stream, entries));
    });
    return out;
  }

  /** Waits `ms`, or until woken (a bell, partitions gained or to give up, close). */
  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        if (wakeUp === done) wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });
  }

  return {
    ensureGroups: () => ensureGroups(commands, layout, group),

    owned: () => [...leases.owned()].sort((a, b) => a - b),

    async next() {
      await leases.started.catch(onError);
      const deadline = Date.now() + blockMs;
      try {
        while (!closed) {
          await giveUp(await leases.settle());
          await takeOver(leases.takeGained());
          const pending = backlog.size > 0 ? await readBacklog() : [];
          if (pending.length > 0) return pending;
          const claimed = await claim();
          if (claimed.length > 0) return claimed;
          const batch = await read();
          if (batch.length > 0) return batch;
          if (Date.now() >= deadline) break;
          // Bells rang during the read: read again (after the linger).
          if (rung.size > 0) continue;
          // Nothing rang: wait for a bell, a change of partitions, or the sweep.
          const wait = Math.min(deadline, nextSweepAt) - Date.now();
          if (wait > 0) await pause(wait);
        }
        return [];
      } catch (error) {
        // A reply lost on the way may have handed entries to this member: read them again.
        for (const p of leases.owned()) backlog.set(p, '0-0');
        // A stream deleted (with its group) under the consumer: create them again.
        if (error instanceof Error && error.message.startsWith('NOGROUP')) {
          await ensureGroups(commands, layout, group);
          return [];
        }
        throw error;
      }
    },

    async ack(deliveries) {
      const byStream = new Map<string, string[]>();
      for (const d of deliveries) {
        const ids = byStream.get(d.stream);
        if (ids) ids.push(d.id);
        else byStream.set(d.stream, [d.id]);
      }
      await Promise.all(
        [...byStream].map(([stream, ids]) =>
          context.redirected(() => context.commands.xack(stream, group, ...ids)),
        ),
      );
    },

    async close() {
      closed = true;
      wake();
      await leases.close().catch(onError);
      await bells.close();
    },
  };
}

/** Creates the group reading from the stream's first entry; an existing one is left as it is. */
export async function createGroup(
  commands: RedisCommands,
  stream: string,
  group: string,
): Promise<void> {
  try {
    await commands.flcKeyed(stream, 'XGROUP', 'CREATE', group, '0', 'MKSTREAM');
  } catch (error) {
    if (!(error instanceof Error && error.message.startsWith('BUSYGROUP'))) throw error;
  }
}

/** A message entry's optional `r` and `t` fields, after its frame (either may be missing). */
function metadataOf(fields: string[]): [string | undefined, string | undefined] {
  let request: string | undefined;
  let traceparent: string | undefined;
  for (let i = 6; i + 1 < fields.length; i += 2) {
    if (fields[i] === field.requestId) request = fields[i + 1];
    else if (fields[i] === field.traceparent) traceparent = fields[i + 1];
  }
  return [request, traceparent];
}
