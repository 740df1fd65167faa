import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@flc/sdk';
import {
  chatTenant,
  restClient,
  type Started,
  startProcess,
  storedCount,
  watchedConversations,
} from '@flc/testkit';
import { type Cluster, clusterServices, startCluster } from './testing/cluster.ts';

// Redis (append-only file, fsync on every write) killed with SIGKILL and started again under
// traffic: the node, the API and the persister reconnect by themselves, and nothing acked is
// lost — the clients end with every acked message once, in order, and the store has them all.
const services = clusterServices();

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

describe.if(services !== null)('Redis restarted under traffic', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flc-redis-restart-'));
  let port = 0;
  let redis: Started | undefined;
  let cluster: Cluster;
  const startRedis = async () => {
    redis = await startProcess(
      [
        'redis-server',
        ...['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''],
        ...['--appendonly', 'yes', '--appendfsync', 'always'],
      ],
      {},
      /Ready to accept connections/,
    );
  };

  beforeAll(async () => {
    if (!services) throw new Error('unreachable');
    port = await freePort();
    await startRedis();
    cluster = await startCluster({ pg: services.pg, redis: `redis://127.0.0.1:${port}` }, 1);
  }, 120_000);
  afterAll(async () => {
    await cluster?.stop();
    await redis?.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  test('nothing acked is lost; everything arrives once, in order, and is stored', async () => {
    const call = restClient(() => cluster.api);
    const tenant = await chatTenant(call, { name: 'Restart Co' });
    const url = cluster.nodes[0]?.replace('/v1/ws', '').replace('ws://', 'http://') ?? '';
    const watched = await watchedConversations(call, tenant, {
      visitors: 6,
      client: (token) => createClient({ url, token }),
    });
    const { senders, received } = watched;

    const perVisitor = 30;
    const acks = await watched.sendRounds(perVisitor, {
      afterRound: async (i) => {
        if (i !== 10) return;
        await redis?.stop('SIGKILL');
        await startRedis();
      },
    });
    await Promise.all(acks);

    await watched.untilEach(perVisitor, 30_000);
    let stored = 0;
    let delivered = 0;
    for (const s of senders) {
      const seqs = (received.get(s.conversationId) ?? []).map((m) => m.seq);
      delivered += seqs.length;
      expect(seqs).toEqual(Array.from({ length: perVisitor }, (_, i) => i + 1));
      stored += await storedCount(call, s.conversationId, tenant.ownerAuth, perVisitor, 30_000);
    }
    const total = senders.length * perVisitor;
    console.log(
      `[redis restart] sent ${total}, acked ${acks.length}, delivered ${delivered}, stored ${stored}`,
    );
    expect(stored).toBe(total);
    watched.close();
  }, 120_000);
});
