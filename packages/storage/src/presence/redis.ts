import type { PresenceRegistry } from '@flc/core';
import { errorReporter } from '@flc/log';
import type { RedisContext } from '../redis/server.ts';

export interface RedisPresenceOptions {
  /** Unique among live nodes; a fresh one per process by default. */
  nodeId?: string;
  /** A node that stops refreshing its liveness drops out after this long. */
  nodeTtlMs?: number;
  /**
   * Only reads (the API): it never connects agents, so it keeps no liveness of its own.
   */
  readOnly?: boolean;
}

/**
 * Presence across nodes in Redis (single-key commands only, so any key may live on any master).
 *
 * - `{prefix}:presence:{organizationId}`: hash, field `{agentId}|{nodeId}` for each node that
 *   holds at least one of the agent's sockets;
 * - `{prefix}:presence-nodes`: sorted set, each live node with the time its liveness lapses,
 *   pushed forward every third of its TTL.
 *
 * A node killed without closing its sockets leaves its fields behind; they stop counting once its
 * liveness lapses, and the next read of the organization removes them.
 */
export function createRedisPresence(
  context: RedisContext,
  options: RedisPresenceOptions = {},
): PresenceRegistry {
  const redis = context.commands;
  const { prefix } = context.layout;
  const nodeId = options.nodeId ?? crypto.randomUUID();
  const ttlMs = options.nodeTtlMs ?? 30_000;
  const orgKey = (organizationId: string) => `${prefix}:presence:${organizationId}`;
  const nodesKey = `${prefix}:presence-nodes`;
  const refresh = async () => {
    const now = Date.now();
    await redis.zadd(nodesKey, now + ttlMs, nodeId);
    // Nodes gone for a while: their entries would otherwise stay for good.
    await redis.zremrangebyscore(nodesKey, '-inf', now - 10 * ttlMs);
  };
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let alive: Promise<unknown> | undefined;
  const ensureAlive = () => {
    if (options.readOnly) throw new Error('a read-only presence registry connects no agents');
    if (!alive) {
      alive = refresh();
      heartbeat = setInterval(() => {
        refresh().catch(errorReporter('presence', 'refreshing presence failed'));
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
    const lapses = await redis.zmscore(nodesKey, ...nodes);
    const now = Date.now();
    const liveNodes = new Set(nodes.filter((_, i) => Number(lapses[i] ?? 0) > now));
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
      if (alive) await redis.zrem(nodesKey, nodeId).catch(() => undefined);
    },
  };
}
