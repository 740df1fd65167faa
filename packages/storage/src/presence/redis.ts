import type { PresenceRegistry } from '@flc/core';
import { Redis } from 'ioredis';

export interface RedisPresenceOptions {
  url: string;
  /** The deployment's key prefix (REDIS_PREFIX), shared with the bus. */
  prefix: string;
  /** Unique among live nodes; a fresh one per process by default. */
  nodeId?: string;
  /** A node that stops refreshing its liveness key drops out after this long. */
  nodeTtlMs?: number;
  /**
   * Only reads (the API): it never connects agents, so it keeps no liveness key of its own.
   */
  readOnly?: boolean;
}

/**
 * Presence across nodes in Redis.
 *
 * - `{prefix}:presence:{organizationId}`: hash, field `{agentId}|{nodeId}` for each node that
 *   holds at least one of the agent's sockets;
 * - `{prefix}:presence-node:{nodeId}`: the node's liveness key, refreshed every third of its TTL.
 *
 * A node killed without closing its sockets leaves its fields behind; they stop counting once its
 * liveness key expires, and the next read of the organization removes them.
 */
export function createRedisPresence(options: RedisPresenceOptions): PresenceRegistry {
  const redis = new Redis(options.url, { maxRetriesPerRequest: null, lazyConnect: false });
  const nodeId = options.nodeId ?? crypto.randomUUID();
  const ttlMs = options.nodeTtlMs ?? 30_000;
  const orgKey = (organizationId: string) => `${options.prefix}:presence:${organizationId}`;
  const nodeKey = (node: string) => `${options.prefix}:presence-node:${node}`;
  const refresh = () => redis.set(nodeKey(nodeId), '1', 'PX', ttlMs);
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let alive: Promise<unknown> | undefined;
  const ensureAlive = () => {
    if (options.readOnly) throw new Error('a read-only presence registry connects no agents');
    if (!alive) {
      alive = refresh();
      heartbeat = setInterval(() => {
        refresh().catch((error: unknown) => console.error('[presence] refresh failed:', error));
      }, ttlMs / 3);
      heartbeat.unref?.();
    }
    return alive;
  };

  /** The hash's fields whose node is alive, as agentId → nodes; dead fields are removed. */
  async function live(organizationId: string): Promise<Map<string, string[]>> {
    const key = orgKey(organizationId);
    const fields = await redis.hkeys(key);
    const result = new Map<string, string[]>();
    if (fields.length === 0) return result;
    const nodes = [...new Set(fields.map((f) => f.slice(f.indexOf('|') + 1)))];
    const flags = await redis.mget(...nodes.map(nodeKey));
    const liveNodes = new Set(nodes.filter((_, i) => flags[i] !== null));
    const dead: string[] = [];
    for (const f of fields) {
      const bar = f.indexOf('|');
      const [agentId, node] = [f.slice(0, bar), f.slice(bar + 1)];
      if (!liveNodes.has(node)) {
        dead.push(f);
        continue;
      }
      const list = result.get(agentId);
      if (list) list.push(node);
      else result.set(agentId, [node]);
    }
    if (dead.length > 0) await redis.hdel(key, ...dead);
    return result;
  }

  return {
    async connect(organizationId, agentId) {
      await ensureAlive();
      await redis.hset(orgKey(organizationId), `${agentId}|${nodeId}`, '1');
    },
    async disconnect(organizationId, agentId) {
      await redis.hdel(orgKey(organizationId), `${agentId}|${nodeId}`);
      return !(await live(organizationId)).has(agentId);
    },
    async online(organizationId) {
      return new Set((await live(organizationId)).keys());
    },
    async close() {
      clearInterval(heartbeat);
      if (alive) await redis.del(nodeKey(nodeId)).catch(() => undefined);
      redis.disconnect();
    },
  };
}
