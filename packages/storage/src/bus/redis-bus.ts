import {
  type AppendResult,
  type Audience,
  type Bus,
  type BusListener,
  type Message,
  type MessageInput,
  type Topic,
  topicKey,
  uuidv7,
} from '@flc/core';
import { channelOf, conversationKeys } from '../redis/layout.ts';
import type { RedisCommands, RedisContext } from '../redis/server.ts';
import { messageFrameParts, messageFromFrame, prevPart, reportToConsole } from './frame.ts';
import { createTopicRouter, type TopicStats } from './redis-topics.ts';
import { scanEntries } from './stream-scan.ts';

/** What each partition stream is trimmed to unless told otherwise (see `RedisBusOptions.maxLen`). */
export const STREAM_MAX_LENGTH = 50_000;

export interface RedisBusOptions {
  /**
   * Approximate length each partition stream is trimmed to (`MAXLEN ~`); default 50,000. The
   * persister must store an entry before it is trimmed, so partitions × maxLen is how far it may
   * lag (6.4 million entries with the default 128 partitions).
   */
  maxLen?: number;
  /**
   * The conversation's last stored `seq` (for the `visitor` audience: the last that is not a
   * note), asked when Redis has no counter for it (a new conversation, or a Redis that lost its
   * data), so numbering continues from the store.
   */
  initialSeq?: (conversationId: string, audience: Audience) => Promise<number>;
  /** Most partition stream entries a gap fill reads back through. Default 10,000. */
  scanLimit?: number;
  /** Where connection, subscriber and listener errors are reported. Default: the process log. */
  onError?: (error: unknown) => void;
}

/** The Redis bus, with what it received (every event of it for a topic followed here). */
export interface RedisBus extends Bus {
  stats(): TopicStats;
}

/** A retried send comes within minutes; a day is generous and still lets idle hashes expire. */
const CID_TTL_SECONDS = 24 * 60 * 60;
/** Cids per hash generation: a conversation remembers its last 1,000 to 2,000 cids. */
const CIDS_PER_GENERATION = 1_000;

type AppendReply = [seq: number, prevSeq: number] | string | null;
type AppendArgs = (string | number)[];

/**
 * The bus of the scaled profile. An append is one Lua script in the conversation's partition
 * (cid check, INCR, XADD to the partition stream, SPUBLISH to the conversation's channel); with
 * `ack.replicas` it is acknowledged only once that many replicas hold it (WAIT). Live delivery
 * is routed by interest: a node subscribes the sharded channels of the topics its sockets follow
 * and receives nothing else. The streams are the durable log for the persisters, resume and gap
 * fill. Works on one Redis and on Redis Cluster alike (see `KeyLayout`).
 */
/** How long heads read for a subscribe may seed the conversation's first append. */
const READ_HEADS_MS = 60_000;
/** Conversations whose read heads a node keeps; it starts over when full. */
const MAX_READ_HEADS = 20_000;
/** Entries read per page while erasing conversations from a partition stream. */
const ERASE_PAGE = 1_000;

export function createRedisBus(context: RedisContext, options: RedisBusOptions = {}): RedisBus {
  const { initialSeq, onError = reportToConsole } = options;
  const { layout, ack } = context;
  const maxLen = options.maxLen ?? STREAM_MAX_LENGTH;
  const { commands, redirected } = context;
  const scanLimit = options.scanLimit ?? 10_000;
  const router = createTopicRouter(context, { onError, scanLimit });

  // Concurrent first appends to one conversation share one question to the store.
  const askingHeads = new Map<string, Promise<number>>();
  // Heads this node read from the store for a subscribe while Redis held no counter: the first
  // append soon after seeds Redis with them instead of asking the store again (see `append`).
  const readHeads = new Map<string, { team: number; visitor: number; at: number }>();
  // A Redis that was away may have come back without its counters: what was read before is no
  // longer known to be the newest.
  commands.on('ready', () => readHeads.clear());

  function storedHead(conversationId: string, audience: Audience): Promise<number> {
    if (!initialSeq) return Promise.resolve(0);
    const key = `${audience}:${conversationId}`;
    let asking = askingHeads.get(key);
    if (!asking) {
      asking = initialSeq(conversationId, audience).then((seq) => {
        if (!Number.isSafeInteger(seq) || seq < 0) {
          throw new Error(`initialSeq(${conversationId}) gave ${seq}, not a seq`);
        }
        return seq;
      });
      askingHeads.set(key, asking);
      const forget = () => askingHeads.delete(key);
      asking.then(forget, forget);
    }
    return asking;
  }

  /**
   * Both heads from the store (one question: the store answers both together), kept for the
   * conversation's first append on this node.
   */
  async function storedHeads(conversationId: string): Promise<{ team: number; visitor: number }> {
    const [team, visitor] = await Promise.all([
      storedHead(conversationId, 'team'),
      storedHead(conversationId, 'visitor'),
    ]);
    if (initialSeq) {
      if (readHeads.size >= MAX_READ_HEADS) readHeads.clear();
      readHeads.set(conversationId, { team, visitor, at: Date.now() });
    }
    return { team, visitor };
  }

  /** The script, and with replica acks a WAIT right behind it on the same master. */
  async function run(args: AppendArgs): Promise<AppendReply> {
    if (ack.replicas === 0) return commands.flcAppend(...args);
    const pipeline = commands.pipeline() as ReturnType<RedisCommands['pipeline']> & {
      flcAppend(...args: AppendArgs): unknown;
    };
    pipeline.flcAppend(...args);
    pipeline.wait(ack.replicas, ack.timeoutMs);
    const [[appendError, reply] = [], [waitError, replicas] = []] = (await pipeline.exec()) ?? [];
    if (appendError) throw appendError;
    if (waitError) throw waitError;
    if (Number(replicas) < ack.replicas) {
      // Appended (and maybe delivered), but not yet as safe as promised: no ack. A retry of the
      // cid finds the message and waits for the replicas again.
      throw new Error(
        `bus: the append reached ${replicas} of ${ack.replicas} replicas within ${ack.timeoutMs} ms`,
      );
    }
    return reply as AppendReply;
  }

  /** Deletes a partition stream's entries of these topics, a page at a time. */
  async function eraseEntries(stream: string, topics: ReadonlySet<string>): Promise<void> {
    let start = '-';
    for (;;) {
      const page = await redirected(() => commands.xrange(stream, start, '+', 'COUNT', ERASE_PAGE));
      // Entry fields: k (topic key), o (organization), then the kind and its value.
      const doomed = page.filter(([, fields]) => topics.has(fields[1] ?? '')).map(([id]) => id);
      if (doomed.length > 0) await redirected(() => commands.xdel(stream, ...doomed));
      const last = page.at(-1);
      if (!last || page.length < ERASE_PAGE) return;
      start = `(${last[0]}`;
    }
  }

  return {
    stats: () => router.stats(),

    async changed(message: Message): Promise<void> {
      const { organizationId, conversationId, seq, cid } = message;
      const entries = await scanEntries(
        commands,
        layout,
        organizationId,
        conversationId,
        seq,
        seq,
        scanLimit,
      );
      const ids = entries.map((e) => e.id);
      const keys = conversationKeys(layout, conversationId);
      if (ids.length > 0) await redirected(() => commands.xdel(keys.partition.stream, ...ids));
      if (cid === undefined) return;
      for (const hash of keys.cids) {
        const frame = await redirected(() => commands.hget(hash, cid));
        if (frame === null) continue;
        // The same frame (key order kept), with the body as it is now (a deleted one's files gone).
        const { attachments, ...kept } = JSON.parse(frame) as { attachments?: unknown };
        const files = message.deletedAt === undefined && attachments ? { attachments } : {};
        const now = JSON.stringify({ ...kept, body: message.body, ...files });
        await redirected(() => commands.hset(hash, cid, now));
      }
    },

    async erase(conversationIds: readonly string[]): Promise<void> {
      const byStream = new Map<string, Set<string>>();
      for (const id of conversationIds) {
        readHeads.delete(id);
        const keys = conversationKeys(layout, id);
        // One slot (the partition's hash tag): one DEL on a cluster too.
        await redirected(() => commands.del(keys.seq, keys.visible, ...keys.cids));
        const topics = byStream.get(keys.partition.stream) ?? new Set<string>();
        topics.add(topicKey({ kind: 'conversation', organizationId: '', conversationId: id }));
        byStream.set(keys.partition.stream, topics);
      }
      for (const [stream, topics] of byStream) await eraseEntries(stream, topics);
    },

    async append(input: MessageInput): Promise<AppendResult> {
      const { organizationId, conversationId, cid, sender, body, kind, attachments, via } = input;
      const requestId = input.requestId ?? '';
      const traceparent = input.traceparent ?? '';
      // Chosen here, before the script, so the frame is serialized once, in this process.
      const id = uuidv7();
      const createdAt = new Date().toISOString();
      const { head, tail } = messageFrameParts({
        id,
        conversationId,
        sender,
        body,
        createdAt,
        cid,
        ...(kind === 'note' && { kind }),
        ...(attachments && { attachments }),
        ...(via && { via }),
      });
      const topic: Topic = { kind: 'conversation', organizationId, conversationId };
      const keys = conversationKeys(layout, conversationId);
      const [cids, previousCids] = keys.cids;
      const args = (initial: string, initialVisible = ''): AppendArgs => [
        keys.seq,
        cids,
        previousCids,
        keys.partition.stream,
        keys.visible,
        cid,
        head,
        tail,
        topicKey(topic),
        organizationId,
        maxLen,
        CID_TTL_SECONDS,
        CIDS_PER_GENERATION,
        initial,
        keys.channel,
        keys.partition.bell,
        kind === 'note' ? 'note' : '',
        initialVisible,
        requestId,
        traceparent,
      ];
      // With a store behind it, the script answers nil when the counter is missing; only then is
      // the store asked, and the script run again with its heads. Heads read moments ago for a
      // subscribe go with the first try: the script sets them only while the counter is missing
      // (SET NX), and it can only be missing if no append reached Redis since they were read.
      const read = readHeads.get(conversationId);
      if (read) readHeads.delete(conversationId);
      const first =
        read && Date.now() - read.at < READ_HEADS_MS
          ? args(String(read.team), String(read.visitor))
          : args(initialSeq ? '?' : '');
      let reply = await redirected(() => run(first));
      if (reply === null) {
        const [head, visible] = await Promise.all([
          storedHead(conversationId, 'team'),
          storedHead(conversationId, 'visitor'),
        ]);
        reply = await redirected(() => run(args(String(head), String(visible))));
      }
      if (typeof reply === 'string') {
        return { message: messageFromFrame(reply, organizationId), duplicate: true };
      }
      if (!Array.isArray(reply)) throw new Error(`bus: unexpected append reply ${reply}`);
      const [seq, prev] = reply;
      const message: Message = { id, organizationId, conversationId, seq, sender, body, createdAt };
      message.cid = cid;
      if (kind === 'note') message.kind = kind;
      if (attachments) message.attachments = attachments;
      if (via) message.via = via;
      const prevSeq = prev >= 0 ? prev : undefined;
      if (prevSeq !== undefined) message.prevSeq = prevSeq;
      // This node's followers of the conversation get it now, not after a trip through Redis.
      router.appended({
        type: 'message',
        topic,
        message,
        seq,
        frame: `${head}${seq}${prevPart(prevSeq)}${tail}`,
      });
      return { message, duplicate: false };
    },

    async signal(topic: Topic, frame: string): Promise<void> {
      await redirected(() => commands.spublish(channelOf(layout, topic), frame));
    },

    subscribe(topic: Topic, listener: BusListener) {
      return router.subscribe(topic, listener);
    },

    async headSeq(conversationId: string, audience: Audience = 'team'): Promise<number> {
      const keys = conversationKeys(layout, conversationId);
      if (audience === 'team') {
        const seq = await redirected(() => commands.get(keys.seq));
        return seq === null ? (await storedHeads(conversationId)).team : Number(seq);
      }
      // Both in the conversation's slot: one command, also on a cluster.
      const [seq, visible] = await redirected(() => commands.mget(keys.seq, keys.visible));
      if (visible != null) return Number(visible);
      return seq == null ? (await storedHeads(conversationId)).visitor : Number(seq);
    },

    close: () => router.close(),
  };
}
