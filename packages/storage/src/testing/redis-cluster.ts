/**
 * Failover helpers for the Redis Cluster that `bun run test` starts (scripts/test-services/
 * redis-cluster.ts): find a key's master, kill it, wait for its replica to take over, and start
 * it again so that the next suite finds three masters with a replica each. The waits poll the
 * servers: Redis announces none of these changes to a client.
 */
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Redis } from 'ioredis';
import { serviceUrl, serviceVariables } from './services.ts';

export interface NodeAddress {
  host: string;
  port: number;
}

const POLL_MS = 100;
const KILL_TIMEOUT_MS = 5_000;
const FAILOVER_TIMEOUT_MS = 15_000;
const REJOIN_TIMEOUT_MS = 15_000;

/** Every node, masters and replicas, from `host:port,host:port,...` (TEST_REDIS_CLUSTER_NODES). */
export function clusterNodes(list = serviceUrl('redisCluster')): NodeAddress[] {
  if (!list) throw new Error(`${serviceVariables.redisCluster} is not set`);
  return list.split(',').map((address) => {
    const colon = address.lastIndexOf(':');
    return { host: address.slice(0, colon), port: Number(address.slice(colon + 1)) };
  });
}

export const formatAddress = ({ host, port }: NodeAddress): string => `${host}:${port}`;

const sameNode = (a: NodeAddress, b: NodeAddress) => a.host === b.host && a.port === b.port;

/** The master serving `key`'s slot, as one reachable node sees it. */
export async function masterOf(nodes: NodeAddress[], key: string): Promise<NodeAddress> {
  return withAnyNode(nodes, async (client) => {
    const slot = await client.cluster('KEYSLOT', key);
    const range = (await slotRanges(client)).find(({ from, to }) => from <= slot && slot <= to);
    if (!range) throw new Error(`no master serves slot ${slot} (key ${key})`);
    return range.master;
  });
}

/** SIGKILLs the redis-server at `node` and resolves once its port refuses connections. */
export async function killNode(node: NodeAddress): Promise<void> {
  const pid = await withNode(node, async (client) =>
    Number(infoFields(await client.info('server')).get('process_id')),
  );
  process.kill(pid, 'SIGKILL');
  await until(KILL_TIMEOUT_MS, `${formatAddress(node)} to close`, async () =>
    (await accepts(node)) ? 'still accepts connections' : null,
  );
}

/** Resolves once no slot is left to `dead` and every other node reports cluster_state:ok. */
export async function awaitFailover(nodes: NodeAddress[], dead: NodeAddress): Promise<void> {
  const live = nodes.filter((node) => !sameNode(node, dead));
  await withNodes(live, (clients) =>
    until(FAILOVER_TIMEOUT_MS, `a replica to take over from ${formatAddress(dead)}`, async () => {
      for (const client of clients) {
        const { host, port } = client.options;
        if (infoFields(await client.cluster('INFO')).get('cluster_state') !== 'ok') {
          return `${host}:${port} reports cluster_state fail`;
        }
        if ((await slotRanges(client)).some(({ master }) => sameNode(master, dead))) {
          return `${host}:${port} still maps slots to ${formatAddress(dead)}`;
        }
      }
      return null;
    }),
  );
}

/**
 * Starts a killed node again, from the command line and directory it ran with, and resolves once
 * it is back in the cluster as a replica (its nodes.conf makes it rejoin; the master that took
 * its slots over outranks it) and the cluster is whole again.
 */
export async function reviveNode(nodes: NodeAddress[], dead: NodeAddress): Promise<void> {
  const dir = await nodeDir(nodes, dead);
  const command: string[] = JSON.parse(readFileSync(join(dir, 'command.json'), 'utf8'));
  const log = openSync(join(dir, 'server.log'), 'a');
  // Detached, as the service started it: it outlives this test process, and the service's
  // teardown stops it through its pid file.
  const child = Bun.spawn(command, {
    cwd: dir,
    stdin: 'ignore',
    stdout: log,
    stderr: log,
    detached: true,
  });
  closeSync(log);
  child.unref();
  await awaitHealthy(nodes);
}

/**
 * Resolves once every node answers, reports cluster_state:ok and knows all the others as connected
 * and not failing, every master has a replica and every replica is in sync with its master.
 */
export async function awaitHealthy(nodes: NodeAddress[]): Promise<void> {
  await until(REJOIN_TIMEOUT_MS, 'the cluster to be whole', async () => {
    for (const node of nodes) {
      const lacking = await nodeUnhealthy(node, nodes.length).catch(
        (error: Error) => error.message,
      );
      if (lacking !== null) return `${formatAddress(node)}: ${lacking}`;
    }
    return null;
  });
}

/** Deletes every key matching `${prefix}:*`, on every master. */
export async function flushCluster(nodes: NodeAddress[], prefix: string): Promise<void> {
  const masters = await withAnyNode(nodes, async (client) => {
    const byAddress = new Map<string, NodeAddress>();
    for (const { master } of await slotRanges(client)) byAddress.set(formatAddress(master), master);
    return [...byAddress.values()];
  });
  await Promise.all(
    masters.map((master) =>
      withNode(master, async (client) => {
        for await (const keys of client.scanStream({ match: `${prefix}:*`, count: 1000 })) {
          // One UNLINK per key: a node refuses a multi-key command across slots.
          const batch = client.pipeline();
          for (const key of keys as string[]) batch.unlink(key);
          await batch.exec();
        }
      }),
    ),
  );
}

async function nodeUnhealthy(node: NodeAddress, expected: number): Promise<string | null> {
  return withNode(node, async (client) => {
    if (infoFields(await client.cluster('INFO')).get('cluster_state') !== 'ok') {
      return 'cluster_state is not ok';
    }
    // id address flags master ping pong epoch link-state [slots...]
    const known = String(await client.cluster('NODES'))
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(' '));
    if (known.length !== expected) return `knows ${known.length} nodes`;
    if (
      known.some(([, , flags, , , , , link]) => flags?.includes('fail') || link !== 'connected')
    ) {
      return 'sees a node failing or disconnected';
    }
    const replication = infoFields(await client.info('replication'));
    if (replication.get('role') === 'master') {
      // Also keeps a revived master waiting until the cluster has turned it into a replica.
      return replication.get('connected_slaves') === '0' ? 'master without a replica' : null;
    }
    return replication.get('master_link_status') === 'up' ? null : 'replica not in sync';
  });
}

/**
 * Moves one slot, with its keys, to another master while clients keep using it, the way
 * `redis-cli --cluster reshard` does: the target imports, the source migrates, the keys go over
 * in batches (MIGRATE), and every master is told the new owner. Resolves with the slot's new
 * master once every master agrees.
 */
export async function migrateSlot(
  nodes: NodeAddress[],
  slot: number,
  to: NodeAddress,
): Promise<void> {
  const from = await withAnyNode(nodes, async (client) => {
    const range = (await slotRanges(client)).find((r) => r.from <= slot && slot <= r.to);
    if (!range) throw new Error(`no master serves slot ${slot}`);
    return range.master;
  });
  if (sameNode(from, to)) throw new Error(`slot ${slot} is on ${formatAddress(to)} already`);
  const masters = await withAnyNode(nodes, async (client) => {
    const byAddress = new Map<string, NodeAddress>();
    for (const { master } of await slotRanges(client)) byAddress.set(formatAddress(master), master);
    return [...byAddress.values()];
  });
  await withNodes([from, to], async ([source, target]) => {
    if (!source || !target) throw new Error('unreachable');
    const [sourceId, targetId] = await Promise.all([
      source.cluster('MYID') as Promise<string>,
      target.cluster('MYID') as Promise<string>,
    ]);
    await target.cluster('SETSLOT', slot, 'IMPORTING', sourceId);
    await source.cluster('SETSLOT', slot, 'MIGRATING', targetId);
    for (;;) {
      const keys = (await source.cluster('GETKEYSINSLOT', slot, 100)) as string[];
      if (keys.length === 0) break;
      await source.migrate(to.host, to.port, '', 0, 5_000, 'KEYS', ...keys);
    }
    // The new owner first, as redis-cli does, then the rest.
    await target.cluster('SETSLOT', slot, 'NODE', targetId);
    await source.cluster('SETSLOT', slot, 'NODE', targetId);
    await Promise.all(
      masters
        .filter((m) => !sameNode(m, from) && !sameNode(m, to))
        .map((m) => withNode(m, (c) => c.cluster('SETSLOT', slot, 'NODE', targetId))),
    );
  });
  await until(FAILOVER_TIMEOUT_MS, `every master to see slot ${slot} on ${formatAddress(to)}`, () =>
    withNodes(masters, async (clients) => {
      for (const client of clients) {
        const range = (await slotRanges(client)).find((r) => r.from <= slot && slot <= r.to);
        if (!range || !sameNode(range.master, to)) return 'still elsewhere';
      }
      return null;
    }),
  );
}

/** Every master, as one reachable node sees them. */
export async function masters(nodes: NodeAddress[]): Promise<NodeAddress[]> {
  return withAnyNode(nodes, async (client) => {
    const byAddress = new Map<string, NodeAddress>();
    for (const { master } of await slotRanges(client)) byAddress.set(formatAddress(master), master);
    return [...byAddress.values()];
  });
}

/** The service keeps each node in `<root>/<port>/`, so a live sibling's dir locates a dead one's. */
async function nodeDir(nodes: NodeAddress[], dead: NodeAddress): Promise<string> {
  const live = nodes.filter((node) => !sameNode(node, dead));
  // CONFIG GET answers [name, value].
  const [, siblingDir] = (await withAnyNode(live, (client) =>
    client.config('GET', 'dir'),
  )) as string[];
  const dir = join(dirname(siblingDir ?? ''), String(dead.port));
  if (!existsSync(join(dir, 'command.json'))) {
    throw new Error(`no ${dir}/command.json: was ${formatAddress(dead)} started by bun run test?`);
  }
  return dir;
}

/** CLUSTER SLOTS: each range of slots with the master serving it (replicas follow, unused here). */
async function slotRanges(
  client: Redis,
): Promise<{ from: number; to: number; master: NodeAddress }[]> {
  return (await client.cluster('SLOTS')).flatMap(([from, to, master]) =>
    master ? [{ from, to, master: { host: master[0], port: master[1] } }] : [],
  );
}

function infoFields(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1));
  }
  return fields;
}

/** A connection that fails fast: these helpers poll, and a dead node must not hold them up. */
async function connect(node: NodeAddress): Promise<Redis> {
  const client = new Redis({
    ...node,
    lazyConnect: true,
    connectTimeout: 1_000,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
  });
  // Failures reach the caller as rejected promises; without a listener ioredis logs them too.
  client.on('error', () => {});
  try {
    await client.connect();
    return client;
  } catch (error) {
    client.disconnect();
    throw error;
  }
}

async function withNode<T>(node: NodeAddress, use: (client: Redis) => Promise<T>): Promise<T> {
  const client = await connect(node);
  try {
    return await use(client);
  } finally {
    client.disconnect();
  }
}

async function withNodes<T>(nodes: NodeAddress[], use: (clients: Redis[]) => Promise<T>) {
  const clients = await Promise.all(nodes.map(connect));
  try {
    return await use(clients);
  } finally {
    for (const client of clients) client.disconnect();
  }
}

/** Runs `use` on the first node that accepts a connection. */
async function withAnyNode<T>(nodes: NodeAddress[], use: (client: Redis) => Promise<T>) {
  for (const node of nodes) {
    if (await accepts(node)) return withNode(node, use);
  }
  throw new Error(`no node of ${nodes.map(formatAddress).join(',')} accepts connections`);
}

/** Whether a TCP connection to `node` opens (redis-server closes its port as it dies). */
function accepts({ host, port }: NodeAddress): Promise<boolean> {
  return new Promise((resolve) => {
    Bun.connect({
      hostname: host,
      port,
      socket: {
        open: (socket) => {
          socket.end();
          resolve(true);
        },
        data: () => {},
        error: () => resolve(false),
        connectError: () => resolve(false),
      },
    }).catch(() => resolve(false));
  });
}

/** Polls `lacking` (null once the wait is over, else what is still missing) until `timeoutMs`. */
async function until(timeoutMs: number, what: string, lacking: () => Promise<string | null>) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const missing = await lacking();
    if (missing === null) return;
    if (Date.now() > deadline) {
      throw new Error(`waited ${timeoutMs} ms for ${what}; still: ${missing}`);
    }
    await Bun.sleep(POLL_MS);
  }
}
