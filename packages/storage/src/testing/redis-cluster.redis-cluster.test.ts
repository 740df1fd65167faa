import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { Cluster, Redis } from 'ioredis';
import {
  awaitFailover,
  awaitHealthy,
  clusterNodes,
  flushCluster,
  killNode,
  masterOf,
  type NodeAddress,
  reviveNode,
} from './redis-cluster.ts';
import { serviceUrl } from './services.ts';

const list = serviceUrl('redisCluster');

/** SETs numbered keys one after another until stopped, counting what was acked and what failed. */
function writeStream(cluster: Cluster, base: string) {
  let running = true;
  let acked = 0;
  let failed = 0;
  let onAck = () => {};
  const done = (async () => {
    for (let n = 0; running; n++) {
      try {
        await cluster.set(`${base}:w${n}`, String(n));
        acked++;
        onAck();
      } catch {
        failed++; // expected while the slot has no master; counted, and the stream goes on
      }
    }
  })();
  return {
    acked: () => acked,
    failed: () => failed,
    nextAck: () => new Promise<void>((resolve) => (onAck = resolve)),
    stop: async () => {
      running = false;
      await done;
    },
  };
}

describe.skipIf(!list)('redis cluster failover helpers', () => {
  const nodes = list ? clusterNodes(list) : [];
  const prefix = `flc-test-${crypto.randomUUID()}`;
  // Hash tags fix each key's slot, so the keys spread over all three masters on every run.
  const keys = Array.from({ length: 30 }, (_, i) => `${prefix}:{k${i}}`);
  let cluster: Cluster;
  let dead: NodeAddress | undefined;

  beforeAll(async () => {
    await awaitHealthy(nodes); // an earlier suite may have left a node rejoining
    cluster = new Cluster(nodes);
  });

  afterAll(async () => {
    // Leave the cluster whole for the suites after this one, even when the test failed midway.
    if (dead) await reviveNode(nodes, dead);
    await flushCluster(nodes, prefix);
    cluster?.disconnect();
  }, 30_000);

  test('a killed master fails over to its replica and rejoins as a replica', async () => {
    await Promise.all(keys.map((key, i) => cluster.set(key, `v${i}`)));
    // WAIT on the connections that wrote: every key is on a replica before any master dies.
    const synced = await Promise.all(cluster.nodes('master').map((node) => node.wait(1, 5_000)));
    expect(synced).toEqual([1, 1, 1]);
    const owners = await Promise.all(keys.map((key) => masterOf(nodes, key)));
    expect(new Set(owners.map(({ port }) => port)).size).toBe(3);

    const victim = owners[0] as NodeAddress;
    const stream = writeStream(cluster, keys[0] as string);
    await stream.nextAck(); // writes flow to the victim's slot before it dies
    const killedAt = performance.now();
    await killNode(victim);
    dead = victim;
    await awaitFailover(nodes, victim);
    const failoverMs = Math.round(performance.now() - killedAt);
    const ackedBefore = stream.acked();
    await stream.nextAck(); // the stream itself gets through to the promoted replica
    await stream.stop();
    expect(stream.acked()).toBeGreaterThan(ackedBefore);

    const promoted = await masterOf(nodes, keys[0] as string);
    expect(promoted).not.toEqual(victim);
    await cluster.set(`${keys[0]}:after`, 'written after the failover');
    expect(await cluster.get(`${keys[0]}:after`)).toBe('written after the failover');
    // Every key written before the kill survives, the dead master's ones on its replica.
    expect(await Promise.all(keys.map((key) => cluster.get(key)))).toEqual(
      keys.map((_, i) => `v${i}`),
    );

    const revivedAt = performance.now();
    await reviveNode(nodes, victim);
    dead = undefined;
    console.log(
      `[redis-cluster] failover in ${failoverMs} ms (${stream.acked()} writes acked, ${stream.failed()} failed meanwhile); rejoined as a replica in ${Math.round(performance.now() - revivedAt)} ms`,
    );
    const revived = new Redis({ ...victim, lazyConnect: true });
    try {
      expect(await revived.info('replication')).toContain('role:slave');
      const info = await revived.cluster('INFO');
      expect(info).toContain('cluster_state:ok');
      expect(info).toContain(`cluster_known_nodes:${nodes.length}`);
    } finally {
      revived.disconnect();
    }
  }, 30_000);
});
