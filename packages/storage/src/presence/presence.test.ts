import { afterEach, describe, expect, test } from 'bun:test';
import type { PresenceRegistry } from '@flc/core';
import { openRedis } from '../redis/server.ts';
import { freshPrefix, redisTestServers } from '../testing/redis-servers.ts';
import { createMemoryPresence } from './memory.ts';
import { createRedisPresence } from './redis.ts';

/** Nodes of one deployment: each call is another node seeing the same shared state. */
interface Deployment {
  node(): PresenceRegistry;
  /** Makes a node vanish as a kill -9 would: no disconnects, its liveness lapses. */
  kill?(node: PresenceRegistry): Promise<void>;
  close(): Promise<void>;
}

const targets: { name: string; deployment(): Deployment }[] = [
  {
    name: 'memory',
    deployment() {
      const shared = createMemoryPresence();
      return { node: () => shared, close: () => shared.close() };
    },
  },
];
for (const redis of redisTestServers()) {
  targets.push({
    name: redis.name,
    deployment() {
      const prefix = freshPrefix();
      const context = openRedis(redis.settings(prefix), 'presence');
      const nodes = new Map<PresenceRegistry, string>();
      return {
        node() {
          const nodeId = crypto.randomUUID();
          const registry = createRedisPresence(context, { nodeId });
          nodes.set(registry, nodeId);
          return registry;
        },
        async kill(node) {
          // What the lapse of its liveness does to a node that stopped refreshing it.
          await context.commands.zrem(`${prefix}:presence-nodes`, nodes.get(node) ?? '');
        },
        async close() {
          await Promise.all([...nodes.keys()].map((n) => n.close()));
          await context.close();
          await redis.drop(prefix);
        },
      };
    },
  });
}

for (const target of targets) {
  describe(`presence registry (${target.name})`, () => {
    let deployment: Deployment;
    afterEach(() => deployment?.close());
    const start = () => {
      deployment = target.deployment();
      return deployment;
    };

    test('an agent is online from connect until the disconnect that says so', async () => {
      const a = start().node();
      await a.connect('org-1', 'agent-1');
      expect([...(await a.online('org-1'))]).toEqual(['agent-1']);
      expect(await a.disconnect('org-1', 'agent-1')).toBe(true);
      expect((await a.online('org-1')).size).toBe(0);
    });

    test('leaving one node while another still holds a socket is not offline', async () => {
      const d = start();
      const [a, b] = [d.node(), d.node()];
      await a.connect('org-1', 'agent-1');
      await b.connect('org-1', 'agent-1');
      expect(await a.disconnect('org-1', 'agent-1')).toBe(false);
      expect(await b.online('org-1')).toEqual(new Set(['agent-1']));
      expect(await b.disconnect('org-1', 'agent-1')).toBe(true);
      expect((await a.online('org-1')).size).toBe(0);
    });

    test('organizations are apart', async () => {
      const a = start().node();
      await a.connect('org-1', 'agent-1');
      await a.connect('org-2', 'agent-2');
      expect(await a.online('org-1')).toEqual(new Set(['agent-1']));
      expect(await a.online('org-2')).toEqual(new Set(['agent-2']));
      expect(await a.disconnect('org-2', 'agent-2')).toBe(true);
      expect(await a.online('org-1')).toEqual(new Set(['agent-1']));
    });

    // One process has no other node to outlive.
    if (target.name !== 'memory')
      test('a node that dies without disconnecting stops counting', async () => {
        const d = start();
        const [a, b] = [d.node(), d.node()];
        await a.connect('org-1', 'agent-1');
        await b.connect('org-1', 'agent-1');
        await b.connect('org-1', 'agent-2');
        await d.kill?.(b);
        expect(await a.online('org-1')).toEqual(new Set(['agent-1']));
        expect(await a.disconnect('org-1', 'agent-1')).toBe(true);
      });
  });
}
