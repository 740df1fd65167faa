import type { Topic } from '@flc/core';

/**
 * Where the Redis bus keeps things. Every node and the persister must agree on this layout, so
 * it lives in one place.
 *
 * - `{prefix}:seq:{conversationId}`: the conversation's last seq (a counter, never expires)
 * - `{prefix}:cid0:` / `cid1:{conversationId}`: cid → first frame, two generations (see append)
 * - `{prefix}:c:{shard}`: stream of the conversation topics hashed to that shard
 * - `{prefix}:o:{shard}`: stream of the organization topics hashed to that shard
 *
 * A stream entry's fields are `k` (the topic key), `o` (the organization id) and either `m` (a
 * message frame) or `s` (a signal frame), so a reader tells them apart without parsing.
 */
export interface KeyLayout {
  prefix: string;
  conversationShards: number;
  organizationShards: number;
}

/**
 * The layout every process uses unless told otherwise; they must all agree. A node's blocking
 * XREAD names every shard stream it follows, and Redis's work per read grows with their number
 * (a read over 80 streams measured 5× the time of one over 16), so there are few shards, each
 * long enough (see the bus's `maxLen`) to hold minutes of traffic.
 */
export const defaultLayout: KeyLayout = {
  prefix: 'flc',
  conversationShards: 16,
  organizationShards: 4,
};

/** Every conversation shard stream, in shard order: what the persister's consumer group reads. */
export const conversationStreams = (layout: KeyLayout): string[] =>
  Array.from({ length: layout.conversationShards }, (_, shard) => `${layout.prefix}:c:${shard}`);

export const field = { topic: 'k', organization: 'o', message: 'm', signal: 's' } as const;

/** FNV-1a over UTF-16 code units: stable across processes and runtimes, cheap, well spread. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function streamKey(layout: KeyLayout, topic: Topic): string {
  return topic.kind === 'conversation'
    ? `${layout.prefix}:c:${fnv1a(topic.conversationId) % layout.conversationShards}`
    : `${layout.prefix}:o:${fnv1a(topic.organizationId) % layout.organizationShards}`;
}

export const seqKey = (layout: KeyLayout, conversationId: string): string =>
  `${layout.prefix}:seq:${conversationId}`;

export const cidKeys = (layout: KeyLayout, conversationId: string): [string, string] => [
  `${layout.prefix}:cid0:${conversationId}`,
  `${layout.prefix}:cid1:${conversationId}`,
];
