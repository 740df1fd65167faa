import {
  type AppendResult,
  type Bus,
  type BusListener,
  type MessageInput,
  type Topic,
  topicKey,
  uuidv7,
} from '@flc/core';
import { Redis } from 'ioredis';
import { appendScript } from './append-script.ts';
import { messageFrameParts, messageFromFrame, reportToConsole } from './frame.ts';
import { cidKeys, defaultLayout, field, type KeyLayout, seqKey, streamKey } from './redis-keys.ts';
import { createShardReader } from './redis-reader.ts';

export interface RedisBusOptions {
  url: string;
  /** Namespace of every key, so several installs (or test runs) can share a Redis. */
  prefix?: string;
  /** Streams the conversation topics are hashed over. Every node must use the same number. */
  conversationShards?: number;
  /** Streams the organization topics are hashed over. Every node must use the same number. */
  organizationShards?: number;
  /**
   * Approximate length each shard stream is trimmed to (`MAXLEN ~`); default 400,000. The
   * persister must store an entry before it is trimmed, so shards × maxLen is how far it may lag.
   */
  maxLen?: number;
  /**
   * The conversation's last stored `seq`, asked when Redis has no counter for it (a new
   * conversation, or a Redis that lost its data), so numbering continues from the store.
   */
  initialSeq?: (conversationId: string) => Promise<number>;
  /** Where connection, reader and listener errors are reported. Default: console.error. */
  onError?: (error: unknown) => void;
}

/** A retried send comes within minutes; a day is generous and still lets idle hashes expire. */
const CID_TTL_SECONDS = 24 * 60 * 60;
/** Cids per hash generation: a conversation remembers its last 1,000 to 2,000 cids. */
const CIDS_PER_GENERATION = 1_000;

type AppendReply = number | string | null;
type CommandConnection = Redis & {
  flcAppend(...args: (string | number)[]): Promise<AppendReply>;
};

/**
 * The bus of the scaled profile: appends go through one Lua script (cid check, INCR, XADD),
 * every node reads the shard streams its local subscribers need, and a message reaches every
 * node that follows its conversation.
 */
export function createRedisBus(options: RedisBusOptions): Bus {
  const { url, initialSeq, onError = reportToConsole } = options;
  const layout: KeyLayout = {
    prefix: options.prefix ?? defaultLayout.prefix,
    conversationShards: options.conversationShards ?? defaultLayout.conversationShards,
    organizationShards: options.organizationShards ?? defaultLayout.organizationShards,
  };
  const maxLen = options.maxLen ?? 400_000;
  // Auto-pipelining sends the commands issued in one tick as one write: many concurrent appends
  // cost one round trip, not one each.
  const commands = new Redis(url, {
    connectionName: `${layout.prefix}:bus`,
    enableAutoPipelining: true,
  }) as CommandConnection;
  commands.defineCommand('flcAppend', { numberOfKeys: 4, lua: appendScript });
  // Blocking reads get their own connection, so they never hold up appends and signals.
  const reading = new Redis(url, { connectionName: `${layout.prefix}:bus-reader` });
  commands.on('error', onError);
  reading.on('error', onError);
  const reader = createShardReader(reading, commands, onError);

  // Concurrent first appends to one conversation share one question to the store.
  const askingHeads = new Map<string, Promise<number>>();

  function storedHead(conversationId: string): Promise<number> {
    if (!initialSeq) return Promise.resolve(0);
    let asking = askingHeads.get(conversationId);
    if (!asking) {
      asking = initialSeq(conversationId).then((seq) => {
        if (!Number.isSafeInteger(seq) || seq < 0) {
          throw new Error(`initialSeq(${conversationId}) gave ${seq}, not a seq`);
        }
        return seq;
      });
      askingHeads.set(conversationId, asking);
      const forget = () => askingHeads.delete(conversationId);
      asking.then(forget, forget);
    }
    return asking;
  }

  return {
    async append(input: MessageInput): Promise<AppendResult> {
      const { organizationId, conversationId, cid, sender, body } = input;
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
      });
      const topic: Topic = { kind: 'conversation', organizationId, conversationId };
      const stream = streamKey(layout, topic);
      const key = topicKey(topic);
      const [cids, previousCids] = cidKeys(layout, conversationId);
      const run = (initial: string) =>
        commands.flcAppend(
          seqKey(layout, conversationId),
          cids,
          previousCids,
          stream,
          cid,
          head,
          tail,
          key,
          organizationId,
          maxLen,
          CID_TTL_SECONDS,
          CIDS_PER_GENERATION,
          initial,
        );
      // With a store behind it, the script answers nil when the counter is missing; only then is
      // the store asked, and the script run again with its head.
      let reply = await run(initialSeq ? '?' : '');
      if (reply === null) reply = await run(String(await storedHead(conversationId)));
      if (typeof reply === 'string') {
        return { message: messageFromFrame(reply, organizationId), duplicate: true };
      }
      if (typeof reply !== 'number') throw new Error(`bus: unexpected append reply ${reply}`);
      const message = {
        id,
        organizationId,
        conversationId,
        seq: reply,
        sender,
        body,
        createdAt,
        cid,
      };
      // This node's followers of the conversation get it now, not after a trip through the stream.
      reader.appended(stream, key, {
        type: 'message',
        topic,
        message,
        seq: reply,
        frame: `${head}${reply}${tail}`,
      });
      return { message, duplicate: false };
    },

    async signal(topic: Topic, frame: string): Promise<void> {
      await commands.xadd(
        streamKey(layout, topic),
        'MAXLEN',
        '~',
        maxLen,
        '*',
        field.topic,
        topicKey(topic),
        field.organization,
        topic.organizationId,
        field.signal,
        frame,
      );
    },

    subscribe(topic: Topic, listener: BusListener) {
      return reader.subscribe(streamKey(layout, topic), topicKey(topic), listener);
    },

    async headSeq(conversationId: string): Promise<number> {
      const seq = await commands.get(seqKey(layout, conversationId));
      return seq === null ? storedHead(conversationId) : Number(seq);
    },

    async close(): Promise<void> {
      await reader.close();
      // QUIT lets replies in flight arrive; a connection that is down has nothing to wait for.
      if (commands.status === 'ready') await commands.quit();
      else commands.disconnect();
    },
  };
}
