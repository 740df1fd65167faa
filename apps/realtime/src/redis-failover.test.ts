import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { type Client, createClient } from '@flc/sdk';
import { defaultLayout, partitionOf } from '@flc/storage/redis';
import {
  awaitFailover,
  clusterNodes,
  formatAddress,
  killNode,
  masterOf,
  type NodeAddress,
  reviveNode,
  serviceUrl,
} from '@flc/storage/testing';
import { bootVisitor, chatTenant, openConversation, restClient } from '@flc/testkit';
import { type Cluster, clusterServices, startCluster } from './testing/cluster.ts';
import { persisted, untilDelivered, whenOpen } from './testing/traffic.ts';

// A Redis Cluster master killed with SIGKILL under traffic, acks waiting for a replica
// (FLC_REDIS_ACK_REPLICAS=1): its replica takes over, the nodes, the API and the persisters
// follow the slots there, the killed node comes back as its replica, and every message sent is
// acked, delivered once in order and stored.
const services = clusterServices();
const clusterList = serviceUrl('redisCluster');

describe.if(services !== null && Boolean(clusterList))(
  'a Redis Cluster master killed under traffic',
  () => {
    let cluster: Cluster;
    let nodes: NodeAddress[];
    let killed: NodeAddress | undefined;

    beforeAll(async () => {
      if (!services || !clusterList) throw new Error('unreachable');
      nodes = clusterNodes(clusterList);
      cluster = await startCluster(services, 2, {
        redis: { REDIS_CLUSTER_NODES: clusterList },
        env: { FLC_REDIS_ACK_REPLICAS: '1', FLC_REDIS_ACK_TIMEOUT_MS: '2000' },
      });
    }, 120_000);
    afterAll(async () => {
      await cluster?.stop();
      // The next suites find three masters with a replica each again.
      if (killed) await reviveNode(nodes, killed);
    }, 60_000);

    test('sent = acked = delivered = stored, nothing twice', async () => {
      const call = restClient(() => cluster.api);
      const tenant = await chatTenant(call, { name: 'Failover Cluster Co' });
      const [nodeA = '', nodeB = ''] = cluster.nodes.map((n) =>
        n.replace('/v1/ws', '').replace('ws://', 'http://'),
      );
      const clients: Client[] = [];
      const open = (url: string, token: string) => {
        const c = createClient({ url, token });
        clients.push(c);
        return c;
      };
      // The agent follows every conversation from node B; the visitors write on node A.
      const agent = open(nodeB, tenant.owner.accessToken);
      const received = new Map<string, number[]>();
      agent.on('message', (m) => {
        received.set(m.conversationId, [...(received.get(m.conversationId) ?? []), m.seq]);
      });
      const senders: { client: Client; conversationId: string }[] = [];
      for (let v = 0; v < 6; v++) {
        const guest = await bootVisitor(call, tenant);
        const { id: conversationId } = await openConversation(call, guest);
        senders.push({ client: open(nodeA, guest.sessionToken), conversationId });
        agent.subscribe(conversationId, 0);
      }
      const ready = clients.map(whenOpen);
      for (const c of clients) c.connect();
      await Promise.all(ready);

      // The master of the first conversation's partition: its appends, its stream and its
      // channel all move to the replica.
      const partition = partitionOf(defaultLayout, senders[0]?.conversationId ?? '');
      const victim = await masterOf(nodes, `{c${partition}}`);

      const perVisitor = 30;
      const acks: Promise<unknown>[] = [];
      for (let i = 1; i <= perVisitor; i++) {
        for (const s of senders) acks.push(s.client.send(s.conversationId, `#${i}`).ack);
        if (i === 10) {
          killed = victim;
          await killNode(victim);
          console.log(`[cluster failover] killed master ${formatAddress(victim)}`);
        }
        await Bun.sleep(80); // pacing the senders, not waiting for an event
      }
      await awaitFailover(nodes, victim);
      // The promoted master has no replica left to acknowledge: sends to its slots fail (and
      // are sent again) until the killed node is back, as its replica, as an orchestrator would
      // restart it.
      await reviveNode(nodes, victim);
      killed = undefined;
      await Promise.all(acks);

      const complete = () =>
        senders.every((s) => (received.get(s.conversationId)?.length ?? 0) >= perVisitor);
      await untilDelivered(agent, complete, 30_000);
      let delivered = 0;
      for (const s of senders) {
        const seqs = received.get(s.conversationId) ?? [];
        delivered += seqs.length;
        expect(seqs).toEqual(Array.from({ length: perVisitor }, (_, i) => i + 1));
      }
      // Written by the persisters, who followed the partitions to the promoted master.
      const stored = await persisted(
        cluster.databaseUrl,
        senders.map((s) => s.conversationId),
        senders.length * perVisitor,
      );
      const total = senders.length * perVisitor;
      console.log(
        `[cluster failover] sent ${total}, acked ${acks.length}, delivered ${delivered}, stored ${stored}`,
      );
      if (stored < total) console.log('WORKERS', cluster.processes.workers.output().slice(-6000));
      expect(acks).toHaveLength(total);
      expect(delivered).toBe(total);
      expect(stored).toBe(total);
      for (const c of clients) c.close();
    }, 120_000);
  },
);
