import { Redis } from 'ioredis';
import { reportToConsole } from './frame.ts';
import { conversationStreams, defaultLayout, type KeyLayout } from './redis-keys.ts';

/** The consumer group the message persister reads the conversation shard streams with. */
export const persisterGroup = 'persister';

/**
 * Creates the group on every conversation shard stream, reading from the very first entry, so
 * nothing appended before the first worker started is missed. MKSTREAM creates an empty stream
 * for a shard nobody has written to yet; a group that exists already is left as it is.
 */
export async function ensureGroups(redis: Redis, layout: KeyLayout, group: string): Promise<void> {
  const pipeline = redis.pipeline();
  for (const stream of conversationStreams(layout)) {
    pipeline.xgroup('CREATE', stream, group, '0', 'MKSTREAM');
  }
  for (const [error] of (await pipeline.exec()) ?? []) {
    if (error && !error.message.startsWith('BUSYGROUP')) throw error;
  }
}

export interface GroupStatus {
  /** Entries not delivered to any consumer yet. */
  lag: number;
  /** Entries delivered and not acknowledged yet (in flight, or at a consumer that died). */
  pending: number;
  /** Shard streams that have the group. */
  streams: number;
}

/** Longest count of a shard's lag when Redis cannot tell it (see below): a bounded scan. */
const LAG_SCAN_LIMIT = 10_000;

/** Reads the group's lag and pending entries over every shard: one round trip (XINFO GROUPS). */
export async function groupStatus(
  redis: Redis,
  layout: KeyLayout,
  group: string,
): Promise<GroupStatus> {
  const streams = conversationStreams(layout);
  const pipeline = redis.pipeline();
  for (const stream of streams) pipeline.xinfo('GROUPS', stream);
  const replies = (await pipeline.exec()) ?? [];
  const status: GroupStatus = { lag: 0, pending: 0, streams: 0 };
  const unknown: { stream: string; lastId: string }[] = [];
  replies.forEach(([error, reply], i) => {
    // A shard stream that does not exist has no group yet: nothing read, nothing pending.
    if (error) {
      if (error.message.includes('no such key')) return;
      throw error;
    }
    const info = (reply as unknown[][]).map(fields).find((g) => g.name === group);
    if (!info) return;
    status.streams += 1;
    status.pending += Number(info.pending ?? 0);
    // Redis 7 answers null when it cannot count (entries deleted inside the unread range).
    if (info.lag === null || info.lag === undefined) {
      unknown.push({ stream: streams[i] as string, lastId: String(info['last-delivered-id']) });
    } else {
      status.lag += Number(info.lag);
    }
  });
  for (const { stream, lastId } of unknown) {
    const rest = await redis.xrange(stream, `(${lastId}`, '+', 'COUNT', LAG_SCAN_LIMIT);
    status.lag += rest.length;
  }
  return status;
}

/**
 * Deletes consumers that have nothing pending and have not been heard of for `idleMs`: every
 * worker restart names new consumers (host, pid, index), and the old names would pile up in the
 * group otherwise. A live consumer reads every few seconds, so it is never that idle.
 */
export async function pruneConsumers(
  redis: Redis,
  layout: KeyLayout,
  group: string,
  idleMs: number,
): Promise<number> {
  const streams = conversationStreams(layout);
  const pipeline = redis.pipeline();
  for (const stream of streams) pipeline.xinfo('CONSUMERS', stream, group);
  const replies = (await pipeline.exec()) ?? [];
  const deleting = redis.pipeline();
  let count = 0;
  replies.forEach(([error, reply], i) => {
    if (error) return; // no stream or no group there yet: nobody to prune
    for (const consumer of (reply as unknown[][]).map(fields)) {
      if (Number(consumer.pending) === 0 && Number(consumer.idle) > idleMs) {
        deleting.xgroup('DELCONSUMER', streams[i] as string, group, String(consumer.name));
        count += 1;
      }
    }
  });
  if (count > 0) await deleting.exec();
  return count;
}

/** XINFO answers flat `[name, value, name, value, …]` arrays. */
function fields(flat: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[String(flat[i])] = flat[i + 1];
  return out;
}

export interface GroupMonitorOptions {
  url: string;
  prefix?: string;
  conversationShards?: number;
  group?: string;
  onError?: (error: unknown) => void;
}

/** The group seen from outside its consumers, on a connection of its own: for metrics and upkeep. */
export interface GroupMonitor {
  status(): Promise<GroupStatus>;
  /** Deletes consumers idle for `idleMs` with nothing pending; answers how many. */
  prune(idleMs: number): Promise<number>;
  close(): Promise<void>;
}

export function createGroupMonitor(options: GroupMonitorOptions): GroupMonitor {
  const layout: KeyLayout = {
    ...defaultLayout,
    prefix: options.prefix ?? defaultLayout.prefix,
    conversationShards: options.conversationShards ?? defaultLayout.conversationShards,
  };
  const group = options.group ?? persisterGroup;
  const redis = new Redis(options.url, { connectionName: `${layout.prefix}:group-monitor` });
  redis.on('error', options.onError ?? reportToConsole);
  return {
    status: () => groupStatus(redis, layout, group),
    prune: (idleMs) => pruneConsumers(redis, layout, group, idleMs),
    async close() {
      if (redis.status === 'ready') await redis.quit();
      else redis.disconnect();
    },
  };
}
