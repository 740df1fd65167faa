import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { type Client, createClient, type WebSocketConstructor } from '@flc/sdk';
import { bootVisitor, chatTenant, openConversation, restClient } from '@flc/testkit';
import { type Cluster, clusterServices, startCluster } from './testing/cluster.ts';
import { storedCount, untilDelivered, whenOpen } from './testing/traffic.ts';

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
    const clients: Client[] = [];
    const client = (token: string) => {
      const c = createClient({ url: base, token, WebSocket: WebSocketRR });
      clients.push(c);
      return c;
    };

    const visitors = 12;
    const perVisitor = 40;
    const agent = client(tenant.owner.accessToken);
    const received = new Map<string, { seq: number; body: string }[]>();
    agent.on('message', (m) => {
      const list = received.get(m.conversationId) ?? [];
      list.push({ seq: m.seq, body: m.body });
      received.set(m.conversationId, list);
    });
    const senders: { client: Client; conversationId: string }[] = [];
    for (let v = 0; v < visitors; v++) {
      const guest = await bootVisitor(call, tenant);
      const { id: conversationId } = await openConversation(call, guest);
      senders.push({ client: client(guest.sessionToken), conversationId });
      agent.subscribe(conversationId, 0);
    }
    const ready = [agent, ...senders.map((s) => s.client)].map(whenOpen);
    agent.connect();
    for (const s of senders) s.client.connect();
    await Promise.all(ready);

    // Each visitor sends at ~12/s (under the per-socket limit); node A dies a third of the way.
    const acks: Promise<unknown>[] = [];
    let killed = false;
    for (let i = 1; i <= perVisitor; i++) {
      for (const [v, s] of senders.entries()) {
        acks.push(s.client.send(s.conversationId, `v${v} #${i}`).ack);
      }
      if (i === Math.floor(perVisitor / 3)) {
        await cluster.processes.nodes[0]?.stop('SIGKILL');
        killed = true;
      }
      await Bun.sleep(80); // pacing the senders, not waiting for an event
    }
    expect(killed).toBe(true);
    await Promise.all(acks);
    const total = visitors * perVisitor;

    // The agent has every message of every conversation once, in seq order.
    const complete = () =>
      senders.every((s) => (received.get(s.conversationId)?.length ?? 0) >= perVisitor);
    await untilDelivered(agent, complete, 20_000);
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
    for (const c of clients) c.close();
  }, 90_000);
});
