import type { Delivery, DeliverySource, Message } from '@flc/core';
import { Redis } from 'ioredis';
import { messageFromFrame, reportToConsole } from './frame.ts';
import { ensureGroups, persisterGroup } from './redis-group.ts';
import { conversationStreams, defaultLayout, field, type KeyLayout } from './redis-keys.ts';

export interface RedisConsumerOptions {
  url: string;
  /** The bus's key prefix and shard count: the consumer must read the streams the bus writes. */
  prefix?: string;
  conversationShards?: number;
  group?: string;
  /** Unique among the group's live consumers, e.g. `host-pid-index`. */
  consumer: string;
  /** Entries per shard stream per read. */
  count?: number;
  /** How long one read waits for new entries; a stop waits at most this long for the read. */
  blockMs?: number;
  /**
   * Reads new entries at most this often (ms) unless the last read came back full: under a
   * steady stream, fewer and bigger batches, so what a batch costs whatever its size (the read,
   * the acks, a transaction) is paid less often. Entries wait in Redis up to this long. Default 0.
   */
  lingerMs?: number;
  /** Entries pending this long at some consumer are taken over (that consumer is presumed dead). */
  claimIdleMs?: number;
  /** Entries trimmed from a stream before anyone stored them (lost to the store), and errors. */
  onError?: (error: unknown) => void;
}

/** An entry of a conversation shard stream, as the persister gets it. */
export interface StreamDelivery extends Delivery {
  stream: string;
  id: string;
  /** Known without parsing the frame: the entry's `o` field; `null` for a signal. */
  organizationId: string | null;
}

export interface RedisConsumer extends DeliverySource<StreamDelivery> {
  /** Creates the group on every shard stream; safe to call any number of times. */
  ensureGroups(): Promise<void>;
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
  ) {}

  get message(): Message {
    this.parsed ??= messageFromFrame(this.frame, this.organizationId);
    return this.parsed;
  }
}

/**
 * One member of the persister's consumer group over every conversation shard stream. `next()`
 * first takes over entries left pending by a dead consumer (XAUTOCLAIM, while there are any,
 * then again every half `claimIdleMs`), else reads new ones (XREADGROUP, blocking); `ack()`
 * acknowledges a batch in one round trip. Signals (`s` entries) come out with `message: null`,
 * to be acknowledged and skipped.
 */
export function createRedisConsumer(options: RedisConsumerOptions): RedisConsumer {
  const layout: KeyLayout = {
    ...defaultLayout,
    prefix: options.prefix ?? defaultLayout.prefix,
    conversationShards: options.conversationShards ?? defaultLayout.conversationShards,
  };
  const group = options.group ?? persisterGroup;
  const { consumer, onError = reportToConsole } = options;
  const count = options.count ?? 100;
  const blockMs = options.blockMs ?? 1_000;
  const claimIdleMs = options.claimIdleMs ?? 30_000;
  const lingerMs = options.lingerMs ?? 0;
  let lastReadAt = 0;
  let lastReadFull = false;
  const streams = conversationStreams(layout);
  const redis = new Redis(options.url, { connectionName: `${layout.prefix}:${consumer}` });
  redis.on('error', onError);
  // Where each stream's claim scan goes on; '0-0' starts from the oldest pending entry.
  const claimCursors = new Map(streams.map((s) => [s, '0-0']));
  let nextClaimAt = 0;
  // A consumer that starts under the name of one that crashed (the same worker slot, restarted)
  // first goes once through what is still pending under that name, without waiting for a claim.
  let backlog: Map<string, string> | null = new Map(streams.map((s) => [s, '0-0']));

  function toDeliveries(stream: string, entries: Entry[]): StreamDelivery[] {
    const out: StreamDelivery[] = [];
    for (const [id, fields] of entries) {
      // An entry deleted while pending has no fields: acknowledged so it leaves the group.
      const [topicField, , orgField, organizationId, kind, frame] = fields ?? [];
      if (kind === field.message && organizationId && frame !== undefined) {
        out.push(new MessageEntry(stream, id, organizationId, frame));
        continue;
      }
      if (kind !== field.signal || topicField !== field.topic || orgField !== field.organization) {
        onError(new Error(`persister: unexpected entry ${id} in ${stream}, skipped`));
      }
      out.push({ stream, id, message: null, organizationId: null });
    }
    return out;
  }

  /** One XAUTOCLAIM per stream, pipelined; empty when nothing has been pending long enough. */
  async function claim(): Promise<StreamDelivery[]> {
    const pipeline = redis.pipeline();
    for (const stream of streams) {
      const cursor = claimCursors.get(stream) ?? '0-0';
      pipeline.xautoclaim(stream, group, consumer, claimIdleMs, cursor, 'COUNT', count);
    }
    const replies = (await pipeline.exec()) ?? [];
    const claimed: StreamDelivery[] = [];
    let more = false;
    replies.forEach(([error, reply], i) => {
      const stream = streams[i] as string;
      if (error) throw error;
      const [cursor, entries, deleted] = reply as [string, Entry[], string[] | undefined];
      claimCursors.set(stream, cursor);
      if (cursor !== '0-0') more = true;
      claimed.push(...toDeliveries(stream, entries));
      // Trimmed (MAXLEN) before anyone stored them; Redis has dropped them from the group.
      if (deleted && deleted.length > 0) {
        onError(new Error(`persister: ${deleted.length} entries of ${stream} trimmed unstored`));
      }
    });
    // Claim again at once while there is more to take over, else after a while.
    if (!more && claimed.length === 0) nextClaimAt = Date.now() + claimIdleMs / 2;
    return claimed;
  }

  async function readBacklog(from: Map<string, string>): Promise<StreamDelivery[]> {
    const open = [...from.keys()];
    const reply = (await redis.xreadgroup(
      'GROUP',
      group,
      consumer,
      'COUNT',
      count,
      'STREAMS',
      ...open,
      ...open.map((s) => from.get(s) as string),
    )) as [string, Entry[]][] | null;
    const replies = new Map(reply ?? []);
    const out: StreamDelivery[] = [];
    for (const stream of open) {
      const entries = replies.get(stream) ?? [];
      const last = entries.at(-1);
      // Done with a stream once it has nothing pending after the last entry read.
      if (last) from.set(stream, last[0]);
      else from.delete(stream);
      out.push(...toDeliveries(stream, entries));
    }
    return out;
  }

  async function read(): Promise<StreamDelivery[]> {
    const wait = lastReadFull ? 0 : lastReadAt + lingerMs - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    lastReadAt = Date.now();
    const reply = (await redis.xreadgroup(
      'GROUP',
      group,
      consumer,
      'COUNT',
      count,
      'BLOCK',
      blockMs,
      'STREAMS',
      ...streams,
      ...streams.map(() => '>'),
    )) as [string, Entry[]][] | null;
    lastReadFull = (reply ?? []).some(([, entries]) => entries.length >= count);
    return (reply ?? []).flatMap(([stream, entries]) => toDeliveries(stream, entries));
  }

  return {
    ensureGroups: () => ensureGroups(redis, layout, group),

    async next() {
      try {
        while (backlog && backlog.size > 0) {
          const own = await readBacklog(backlog);
          if (own.length > 0) return own;
        }
        backlog = null;
        if (Date.now() >= nextClaimAt) {
          const claimed = await claim();
          if (claimed.length > 0) return claimed;
        }
        return await read();
      } catch (error) {
        // A stream deleted (with its group) under the consumer: create them again.
        if (error instanceof Error && error.message.startsWith('NOGROUP')) {
          await ensureGroups(redis, layout, group);
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
      if (byStream.size === 0) return;
      const pipeline = redis.pipeline();
      for (const [stream, ids] of byStream) pipeline.xack(stream, group, ...ids);
      for (const [error] of (await pipeline.exec()) ?? []) if (error) throw error;
    },

    async close() {
      if (redis.status === 'ready') await redis.quit();
      else redis.disconnect();
    },
  };
}
