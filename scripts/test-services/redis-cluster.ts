import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { redisFields, redisLines, redisPing } from './probes.ts';
import {
  findBinary,
  freePort,
  runServer,
  runToCompletion,
  type ServiceSpec,
  tempDir,
} from './server.ts';
import type { Teardown } from './teardown.ts';

const NODES = 6;
const MASTERS = 3;
const SLOTS = 16384;
const SETTLE_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
const POLL_INTERVAL_MS = 100;

/**
 * Three masters and three replicas of redis-server in cluster mode, for the suites that must keep
 * working while a master fails over. Every node lives in `<root>/<port>/` beside its siblings,
 * with `command.json` (its argv) and `redis.pid` there: the failover helpers in
 * packages/storage/src/testing/redis-cluster.ts find a killed node's directory through a live
 * sibling's and start it again from `command.json`, and teardown stops whatever process the pid
 * file names, the one a test started included.
 */
export const redisCluster: ServiceSpec = {
  variable: 'TEST_REDIS_CLUSTER_NODES',
  label: 'Redis Cluster',
  async start(teardown) {
    const server = findBinary('redis-server');
    const cli = findBinary('redis-cli');
    if (!server || !cli) {
      throw new Error('no `redis-server` and `redis-cli` on PATH (apt-get install redis-server)');
    }
    const root = tempDir(teardown, 'redis-cluster');
    const ports = nodePorts();
    await Promise.all(
      ports.map(({ port, busPort }) =>
        startNode(teardown, server, join(root, String(port)), port, busPort),
      ),
    );
    const addresses = ports.map(({ port }) => `127.0.0.1:${port}`);
    await runToCompletion(
      'redis-cli --cluster create',
      [cli, '--cluster', 'create', ...addresses, '--cluster-replicas', '1', '--cluster-yes'],
      { cwd: root },
    );
    await settle(ports.map(({ port }) => port));
    return addresses.join(',');
  },
};

async function startNode(
  teardown: Teardown,
  bin: string,
  dir: string,
  port: number,
  busPort: number,
): Promise<void> {
  mkdirSync(dir);
  const pidFile = join(dir, 'redis.pid');
  const command = [
    bin,
    ...['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--pidfile', pidFile],
    ...['--save', '', '--appendonly', 'no', '--daemonize', 'no'],
    ...['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf'],
    ...['--cluster-port', String(busPort)],
    // A dead master counts as failing after 2 s (15 s by default): a failover takes about 4 s.
    ...['--cluster-node-timeout', '2000'],
    // A replica always stands for election, however long it has been cut off from its master.
    ...['--cluster-replica-validity-factor', '0'],
    // A replica (and a revived node) syncs at once rather than after the default 5 s wait.
    ...['--repl-diskless-sync-delay', '0'],
  ];
  writeFileSync(join(dir, 'command.json'), JSON.stringify(command));
  await runServer(teardown, {
    label: `Redis Cluster node ${port}`,
    command,
    dir,
    stopSignal: 'SIGTERM',
    ready: () => redisPing(port),
  });
  const started = Number((await redisFields(port, 'INFO server'))?.get('process_id'));
  // Runs before runServer's own stop (teardown goes last-first), for a node a test revived.
  teardown.add(async () => {
    const pid = readPid(pidFile);
    if (pid !== null && pid !== started) await stopProcess(pid);
  });
}

/** Waits until every node serves all slots and every master has its replica in sync. */
async function settle(ports: number[]): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  for (;;) {
    const waiting = await unsettled(ports);
    if (waiting === null) return;
    if (Date.now() > deadline) {
      throw new Error(`Redis Cluster did not settle within ${SETTLE_TIMEOUT_MS} ms: ${waiting}`);
    }
    await Bun.sleep(POLL_INTERVAL_MS);
  }
}

/** What the cluster still lacks, or null when it is whole. */
async function unsettled(ports: number[]): Promise<string | null> {
  for (const port of ports) {
    const lacking = await nodeUnsettled(port);
    if (lacking !== null) return `node ${port}: ${lacking}`;
  }
  return null;
}

/**
 * What one node still lacks: its own view must be whole too, since clients ask any node for the
 * slot map, and gossip reaches the nodes one by one after redis-cli is done.
 */
async function nodeUnsettled(port: number): Promise<string | null> {
  const [cluster, nodes, replication] = await Promise.all([
    redisFields(port, 'CLUSTER INFO'),
    redisLines(port, 'CLUSTER NODES'),
    redisFields(port, 'INFO replication'),
  ]);
  if (!cluster || !nodes || !replication) return 'no answer';
  if (cluster.get('cluster_state') !== 'ok') return 'cluster_state is not ok';
  if (cluster.get('cluster_slots_assigned') !== String(SLOTS)) return 'slots unassigned';
  // id address flags master ping pong epoch link-state [slots...]
  const known = nodes.map((line) => line.split(' ')).filter((fields) => fields.length >= 8);
  const masters = known.filter(
    ([, , flags, , , , , , slots]) => flags?.includes('master') && slots,
  );
  const replicas = known.filter(([, , flags]) => flags?.includes('slave'));
  if (masters.length !== MASTERS || replicas.length !== NODES - MASTERS) {
    return `sees ${masters.length} masters and ${replicas.length} replicas`;
  }
  if (known.some(([, , flags, , , , , link]) => flags?.includes('fail') || link !== 'connected')) {
    return 'sees a node failing or disconnected';
  }
  if (replication.get('role') === 'master') {
    return replication.get('connected_slaves') === '1' ? null : 'no replica attached';
  }
  return replication.get('master_link_status') === 'up' ? null : 'replica not in sync';
}

/**
 * A client port and a cluster bus port per node, all distinct (two freePort() calls may return the
 * same port). The bus port is set because its default, the client port + 10000, is past 65535
 * for most ports the system hands out.
 */
function nodePorts(): { port: number; busPort: number }[] {
  const taken = new Set<number>();
  const fresh = () => {
    let port = freePort();
    while (taken.has(port)) port = freePort();
    taken.add(port);
    return port;
  };
  return Array.from({ length: NODES }, () => ({ port: fresh(), busPort: fresh() }));
}

function readPid(pidFile: string): number | null {
  if (!existsSync(pidFile)) return null; // redis-server removes it when it shuts down cleanly
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** Stops a redis-server we did not spawn ourselves (so there is no `exited` to await). */
async function stopProcess(pid: number): Promise<void> {
  if (!isRedisServer(pid)) return; // a stale pid file left by SIGKILL; the pid may be reused
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (isRedisServer(pid)) {
    if (Date.now() > deadline) {
      console.warn(`[test] Redis Cluster node ${pid} did not stop within ${STOP_TIMEOUT_MS} ms`);
      process.kill(pid, 'SIGKILL');
      return;
    }
    await Bun.sleep(POLL_INTERVAL_MS);
  }
}

/** Whether `pid` is a running (not zombie) redis-server. */
function isRedisServer(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The state follows the parenthesised command name: "pid (comm) S ...".
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return stat.includes('(redis-server)') && state !== 'Z';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false; // no such process
    throw error;
  }
}
