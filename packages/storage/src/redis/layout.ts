import { createHash } from 'node:crypto';
import type { Topic } from '@flc/core';

/**
 * Where the platform keeps things in Redis. Every process of one install must agree on it, so it
 * lives in one place. Conversations and organizations are spread over `partitions` partitions
 * (FNV-1a of the id); everything one Lua script touches lives in one partition and carries its
 * hash tag (`{c17}`), so the same script runs on a single Redis and on Redis Cluster, where a
 * partition is one slot and partitions spread over the masters.
 *
 * Per conversation partition `{cN}`:
 * - `{prefix}:{cN}:stream`: the partition's stream, the durable log: one entry per message with
 *   fields `k` (topic key `c:<conversationId>`), `o` (organization id), `m` (the message frame);
 *   read by the persisters' and the webhook fan-out's consumer groups, by resume and gap fill
 * - `{prefix}:{cN}:seq:<conversationId>`: the conversation's last seq (a counter, never expires)
 * - `{prefix}:{cN}:vis:<conversationId>`: the last seq that is not a note, only while the newest
 *   message is a note (the next message's `prevSeq`, and a visitor's head)
 * - `{prefix}:{cN}:cid0:<conversationId>` / `cid1`: cid → first frame, two generations
 * - `{prefix}:{cN}:c:<conversationId>`: the conversation's sharded PUB/SUB channel (live delivery
 *   of its messages, typing and read signals to the nodes that follow it)
 * - channel `{prefix}:{cN}:bell`: every append rings it (an empty publication), so the group
 *   readers holding the partition read it only when it has something new
 * - `{prefix}:{cN}:lease:<group>`: which member of a consumer group reads the partition
 *
 * Per organization partition `{oN}`:
 * - `{prefix}:{oN}:o:<organizationId>`: the organization's channel (inbox events, presence)
 *
 * `{prefix}:{platform}`: the channel every node follows (revoked principals).
 *
 * Not partitioned (single-key commands only):
 * - `{prefix}:members:<group>`: sorted set of a consumer group's live members (score: last beat)
 * - `{prefix}:presence:<organizationId>` and `{prefix}:presence-nodes`: agents' presence
 * - `{prefix}:msgs:{<organizationId>}:<month>`: the organization's messages of a UTC month
 */
export interface KeyLayout {
  prefix: string;
  partitions: number;
}

/** 128 partitions: enough to balance a cluster of dozens of masters; see docs/SCALING.md. */
export const defaultLayout: KeyLayout = { prefix: 'flc', partitions: 128 };

/** FNV-1a over UTF-16 code units: stable across processes and runtimes, cheap, well spread. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export const partitionOf = (layout: KeyLayout, id: string): number => fnv1a(id) % layout.partitions;

/** The keys of one conversation partition. */
export interface Partition {
  index: number;
  stream: string;
  bell: string;
  lease(group: string): string;
}

export function partition(layout: KeyLayout, index: number): Partition {
  const base = `${layout.prefix}:{c${index}}`;
  return {
    index,
    stream: `${base}:stream`,
    bell: `${base}:bell`,
    lease: (group) => `${base}:lease:${group}`,
  };
}

/** Every conversation partition, in order: what the consumer groups read between them. */
export const partitions = (layout: KeyLayout): Partition[] =>
  Array.from({ length: layout.partitions }, (_, i) => partition(layout, i));

/** The keys of one conversation: all in its partition's slot. */
export interface ConversationKeys {
  partition: Partition;
  seq: string;
  visible: string;
  cids: [current: string, previous: string];
  channel: string;
}

export function conversationKeys(layout: KeyLayout, conversationId: string): ConversationKeys {
  const index = partitionOf(layout, conversationId);
  const base = `${layout.prefix}:{c${index}}`;
  return {
    partition: partition(layout, index),
    seq: `${base}:seq:${conversationId}`,
    visible: `${base}:vis:${conversationId}`,
    cids: [`${base}:cid0:${conversationId}`, `${base}:cid1:${conversationId}`],
    channel: `${base}:c:${conversationId}`,
  };
}

export const organizationChannel = (layout: KeyLayout, organizationId: string): string =>
  `${layout.prefix}:{o${partitionOf(layout, organizationId)}}:o:${organizationId}`;

/** The sharded channel a topic's live events travel on. */
export const channelOf = (layout: KeyLayout, topic: Topic): string =>
  topic.kind === 'conversation'
    ? conversationKeys(layout, topic.conversationId).channel
    : topic.kind === 'organization'
      ? organizationChannel(layout, topic.organizationId)
      : topic.kind === 'availability'
        ? `${layout.prefix}:{o${partitionOf(layout, topic.organizationId)}}:a:${topic.organizationId}`
        : `${layout.prefix}:{platform}`;

export const membersKey = (layout: KeyLayout, group: string): string =>
  `${layout.prefix}:members:${group}`;

/**
 * A rate limit's state for one key of a budget. The key (an email, an IP, a principal) is hashed,
 * so what people type is not kept in Redis and keys stay short; keys spread over the cluster.
 */
export const rateKey = (layout: KeyLayout, budget: string, key: string): string =>
  `${layout.prefix}:rate:${budget}:${createHash('sha256').update(key).digest('base64url').slice(0, 22)}`;

/**
 * An organization's messages of one UTC month (`2026-12`), counted by every process (see
 * MonthlyCounter); the organization's id is its own hash tag, so its months share a slot.
 */
export const monthKey = (layout: KeyLayout, organizationId: string, month: string): string =>
  `${layout.prefix}:msgs:{${organizationId}}:${month}`;

/**
 * Field names of a stream entry, so a reader tells its parts apart without parsing the frame. A
 * message entry may end with `r`, the request id that appended it (metadata for the logs, never
 * delivered to clients), then `t`, the append span's W3C `traceparent` when tracing is on.
 */
export const field = {
  topic: 'k',
  organization: 'o',
  message: 'm',
  requestId: 'r',
  traceparent: 't',
} as const;
