import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { createClient, type WebSocketConstructor } from '@flc/sdk';
import { chatTenant, restClient, storedCount, watchedConversations } from '@flc/testkit';
import { type Cluster, clusterServices, startCluster } from './testing/cluster.ts';

// kill -9 of a realtime node under traffic. Clients reach the nodes the way they would through
// the proxy: each connection attempt goes to the next node, and a dead node refuses. Every
// client ends with every acked message exactly once, in order, and the store has them all.
const services = clusterServices();

/** A WebSocket whose every new connection goes to the next of the cluster's nodes. */
function roundRobin(nodes: string[]): WebSocketConstructor {
  let next = 0;
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      const target = new URL(nodes[next++ % nodes.length] ?? '');
      const wanted = new URL(url);
      wanted.host = target.host;
      super(wanted.toString(), protocols);
    }
  } as unknown as WebSocketConstructor;
}

describe.if(services !== null)('a realtime node killed under traffic', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    if (!services) throw new Error('unreachable');
    cluster = await startCluster(services, 2);
  }, 120_000);
  afterAll(() => cluster.stop(), 30_000);

  test('clients move to the other node; every acked message arrives once, in order', async () => {
    const call = restClient(() => cluster.api);
    const tenant = await chatTenant(call, { name: 'Failover Co' });
    const base = cluster.api; // only the path and query of the URL are used; the host is rewritten
    const WebSocketRR = roundRobin(cluster.nodes);
    const visitors = 12;
    const perVisitor = 40;
    const watched = await watchedConversations(call, tenant, {
      visitors,
      client: (token) => createClient({ url: base, token, WebSocket: WebSocketRR }),
    });
    const { senders, received } = watched;

    // Node A dies a third of the way.
    let killed = false;
    const acks = await watched.sendRounds(perVisitor, {
      body: (v, i) => `v${v} #${i}`,
      afterRound: async (i) => {
        if (i !== Math.floor(perVisitor / 3)) return;
        await cluster.processes.nodes[0]?.stop('SIGKILL');
        killed = true;
      },
    });
    expect(killed).toBe(true);
    await Promise.all(acks);
    const total = visitors * perVisitor;

    // The agent has every message of every conversation once, in seq order.
    await watched.untilEach(perVisitor, 20_000);
    let duplicates = 0;
    let delivered = 0;
    for (const [v, s] of senders.entries()) {
      const list = received.get(s.conversationId) ?? [];
      delivered += list.length;
      duplicates += list.length - new Set(list.map((m) => m.seq)).size;
      expect(list.map((m) => m.seq)).toEqual(Array.from({ length: perVisitor }, (_, i) => i + 1));
      expect(list.map((m) => m.body)).toEqual(
        Array.from({ length: perVisitor }, (_, i) => `v${v} #${i + 1}`),
      );
    }

    // And the store, once the persister caught up.
    let stored = 0;
    for (const s of senders) {
      stored += await storedCount(call, s.conversationId, tenant.ownerAuth, perVisitor, 20_000);
    }
    console.log(
      `[failover] sent ${total}, acked ${acks.length}, delivered to the agent ${delivered}, ` +
        `duplicates ${duplicates}, stored ${stored}`,
    );
    expect(stored).toBe(total);
    watched.close();
  }, 90_000);
});
