import { type Message, topicKey, type UnpersistedMessages } from '@flc/core';
import { Redis } from 'ioredis';
import { messageFromFrame, reportToConsole } from './frame.ts';
import { defaultLayout, field, type KeyLayout, streamKey } from './redis-keys.ts';

export interface RedisUnpersistedOptions {
  url: string;
  /** The bus's key prefix and shard count. */
  prefix?: string;
  conversationShards?: number;
  /** Most entries one read scans back through the shard stream. */
  scanLimit?: number;
  onError?: (error: unknown) => void;
}

export interface RedisUnpersisted extends UnpersistedMessages {
  close(): Promise<void>;
}

const PAGE = 500;

/**
 * Reads messages the persister has not stored yet from the conversation's shard stream. The
 * missing ones are the newest (the persister trails the bus by its lag), so the stream is read
 * backwards from its newest entry (XREVRANGE, a page at a time) until every wanted seq is found,
 * an older message of the conversation shows up, or `scanLimit` entries were read. Within one
 * conversation the stream's order is the seq order: the append script numbers and adds in one
 * step. Entries of other conversations on the shard are skipped without parsing.
 */
export function createRedisUnpersisted(options: RedisUnpersistedOptions): RedisUnpersisted {
  const layout: KeyLayout = {
    ...defaultLayout,
    prefix: options.prefix ?? defaultLayout.prefix,
    conversationShards: options.conversationShards ?? defaultLayout.conversationShards,
  };
  const scanLimit = options.scanLimit ?? 10_000;
  const redis = new Redis(options.url, {
    connectionName: `${layout.prefix}:unpersisted`,
    enableAutoPipelining: true,
  });
  redis.on('error', options.onError ?? reportToConsole);

  return {
    async range(organizationId, conversationId, fromSeq, toSeq) {
      const topic = { kind: 'conversation', organizationId, conversationId } as const;
      const stream = streamKey(layout, topic);
      const key = topicKey(topic);
      const found = new Map<number, Message>();
      const wanted = toSeq - fromSeq + 1;
      let end = '+';
      let scanned = 0;
      while (wanted > 0 && found.size < wanted && scanned < scanLimit) {
        const page = await redis.xrevrange(
          stream,
          end,
          '-',
          'COUNT',
          Math.min(PAGE, scanLimit - scanned),
        );
        scanned += page.length;
        for (const [id, fields] of page) {
          end = `(${id}`;
          const [, entryTopic, , organization, kind, frame] = fields;
          if (entryTopic !== key || kind !== field.message || frame === undefined) continue;
          // A conversation id is unique, but the tenant is checked all the same.
          if (organization !== organizationId) continue;
          const message = messageFromFrame(frame, organizationId);
          if (message.seq < fromSeq) return sorted(found);
          if (message.seq <= toSeq) found.set(message.seq, message);
        }
        if (page.length < PAGE) break;
      }
      return sorted(found);
    },

    async close() {
      if (redis.status === 'ready') await redis.quit();
      else redis.disconnect();
    },
  };
}

const sorted = (found: Map<number, Message>): Message[] =>
  [...found.values()].sort((a, b) => a.seq - b.seq);
