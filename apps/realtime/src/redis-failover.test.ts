import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { createClient } from '@flc/sdk';
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
import { chatTenant, persisted, restClient, watchedConversations } from '@flc/testkit';
import { type Cluster, clusterServices, startCluster } from './testing/cluster.ts';

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
      // The agent follows every conversation from node B; the visitors write on node A.
      const watched = await watchedConversations(call, tenant, {
        visitors: 6,
        client: (token, as) => createClient({ url: as === 'agent' ? nodeB : nodeA, token }),
      });
      const { senders, received } = watched;

      // The master of the first conversation's partition: its appends, its stream and its
      // channel all move to the replica.
      const partition = partitionOf(defaultLayout, senders[0]?.conversationId ?? '');
      const victim = await masterOf(nodes, `{c${partition}}`);

      const perVisitor = 30;
      const acks = await watched.sendRounds(perVisitor, {
        afterRound: async (i) => {
          if (i !== 10) return;
          killed = victim;
          await killNode(victim);
          console.log(`[cluster failover] killed master ${formatAddress(victim)}`);
        },
      });
      await awaitFailover(nodes, victim);
      // The promoted master has no replica left to acknowledge: sends to its slots fail (and
      // are sent again) until the killed node is back, as its replica, as an orchestrator would
      // restart it.
      await reviveNode(nodes, victim);
      killed = undefined;
      await Promise.all(acks);

      await watched.untilEach(perVisitor, 30_000);
      let delivered = 0;
      for (const s of senders) {
        const seqs = (received.get(s.conversationId) ?? []).map((m) => m.seq);
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
      watched.close();
    }, 120_000);
  },
);
