import { type KeyLayout, partitions } from '../redis/layout.ts';
import type { RedisCommands, RedisContext } from '../redis/server.ts';

/** The consumer group the message persister reads the conversation partitions with. */
export const persisterGroup = 'persister';

/**
 * Creates the group on every conversation partition stream, reading from the very first entry,
 * so nothing appended before the first worker started is missed. MKSTREAM creates an empty
 * stream for a partition nobody has written to yet; a group that exists already is left as is.
 */
export async function ensureGroups(
  commands: RedisCommands,
  layout: KeyLayout,
  group: string,
): Promise<void> {
  await Promise.all(
    partitions(layout).map((p) =>
      commands
        .flcKeyed(p.stream, 'XGROUP', 'CREATE', group, '0', 'MKSTREAM')
        .catch((error: Error) => {
          if (!error.message.startsWith('BUSYGROUP')) throw error;
        }),
    ),
  );
}

export interface GroupStatus {
  /** Entries not delivered to any consumer yet. */
  lag: number;
  /** Entries delivered and not acknowledged yet (in flight, or at a consumer that died). */
  pending: number;
  /** Partition streams that have the group. */
  streams: number;
  /**
   * The largest lag of one partition: a partition that lags by its stream's trimmed length loses
   * entries before the group reads them.
   */
  maxLag: number;
}

/** Longest count of a partition's lag when Redis cannot tell it (see below): a bounded scan. */
const LAG_SCAN_LIMIT = 10_000;

/** Reads the group's lag and pending entries over every partition (XINFO GROUPS, pipelined). */
export async function groupStatus(
  commands: RedisCommands,
  layout: KeyLayout,
  group: string,
): Promise<GroupStatus> {
  const streams = partitions(layout).map((p) => p.stream);
  const replies = await Promise.all(
    streams.map((stream) =>
      commands.flcKeyed(stream, 'XINFO', 'GROUPS').then(
        (reply) => ({ reply: reply as unknown[][] }),
        (error: Error) => {
          // A partition stream that does not exist has no group yet: nothing read, nothing pending.
          if (error.message.includes('no such key')) return { reply: [] as unknown[][] };
          throw error;
        },
      ),
    ),
  );
  const status: GroupStatus = { lag: 0, pending: 0, streams: 0, maxLag: 0 };
  const unknown: { stream: string; lastId: string }[] = [];
  replies.forEach(({ reply }, i) => {
    const info = reply.map(fields).find((g) => g.name === group);
    if (!info) return;
    status.streams += 1;
    status.pending += Number(info.pending ?? 0);
    // Redis 7 answers null when it cannot count (entries deleted inside the unread range).
    if (info.lag === null || info.lag === undefined) {
      unknown.push({ stream: streams[i] as string, lastId: String(info['last-delivered-id']) });
    } else {
      status.lag += Number(info.lag);
      status.maxLag = Math.max(status.maxLag, Number(info.lag));
    }
  });
  for (const { stream, lastId } of unknown) {
    const rest = await commands.xrange(stream, `(${lastId}`, '+', 'COUNT', LAG_SCAN_LIMIT);
    status.lag += rest.length;
    status.maxLag = Math.max(status.maxLag, rest.length);
  }
  return status;
}

/**
 * Deletes consumers that have nothing pending and have not been heard of for `idleMs`: every
 * worker restart names new consumers (host, pid, index), and the old names would pile up in the
 * group otherwise. A live consumer reads every few seconds, so it is never that idle.
 */
export async function pruneConsumers(
  commands: RedisCommands,
  layout: KeyLayout,
  group: string,
  idleMs: number,
): Promise<number> {
  const streams = partitions(layout).map((p) => p.stream);
  const replies = await Promise.all(
    streams.map((stream) =>
      commands.flcKeyed(stream, 'XINFO', 'CONSUMERS', group).then(
        (reply) => reply as unknown[][],
        // No stream or no group there yet: nobody to prune.
        () => [] as unknown[][],
      ),
    ),
  );
  const deleting: Promise<unknown>[] = [];
  replies.forEach((reply, i) => {
    for (const consumer of reply.map(fields)) {
      if (Number(consumer.pending) === 0 && Number(consumer.idle) > idleMs) {
        deleting.push(
          commands.flcKeyed(
            streams[i] as string,
            'XGROUP',
            'DELCONSUMER',
            group,
            String(consumer.name),
          ),
        );
      }
    }
  });
  await Promise.all(deleting);
  return deleting.length;
}

/** XINFO answers flat `[name, value, name, value, …]` arrays. */
function fields(flat: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[String(flat[i])] = flat[i + 1];
  return out;
}

/** The group seen from outside its consumers: for metrics and upkeep. */
export interface GroupMonitor {
  status(): Promise<GroupStatus>;
  /** Deletes consumers idle for `idleMs` with nothing pending; answers how many. */
  prune(idleMs: number): Promise<number>;
}

export function createGroupMonitor(
  context: RedisContext,
  group: string = persisterGroup,
): GroupMonitor {
  return {
    status: () => groupStatus(context.commands, context.layout, group),
    prune: (idleMs) => pruneConsumers(context.commands, context.layout, group, idleMs),
  };
}
