import { Redis } from 'ioredis';
import { postgres } from '../../../../scripts/test-services/postgres.ts';
import { redis } from '../../../../scripts/test-services/redis.ts';
import { redisCluster } from '../../../../scripts/test-services/redis-cluster.ts';
import type { Teardown } from '../../../../scripts/test-services/teardown.ts';
import { pidListeningOn } from '../proc-stats.ts';
import type { RedisMode } from './options.ts';

export interface RedisServer {
  /** `host:port` on loopback. */
  address: string;
  role: 'master' | 'replica';
}

/** The bench's Redis: one server, or the masters and replicas of a local cluster. */
export interface RedisTopology {
  mode: RedisMode;
  /** What every product process is given: `REDIS_URL` or `REDIS_CLUSTER_NODES`. */
  env: Record<string, string>;
  servers: RedisServer[];
}

export interface ScaleServices {
  postgresUrl: string;
  /** The postmaster, whose children are the backends (null if not found). */
  postgresPid: number | null;
  redis: RedisTopology;
}

/**
 * Private PostgreSQL and Redis servers on free loopback ports, started the way `bun run test`
 * starts them (scripts/test-services): one redis-server, or 3 masters + 3 replicas in cluster
 * mode. The teardown stops them and removes their files.
 */
export async function startScaleServices(
  teardown: Teardown,
  mode: RedisMode,
): Promise<ScaleServices> {
  const [postgresUrl, redisTopology] = await Promise.all([
    postgres.start(teardown),
    mode === 'single' ? startSingle(teardown) : startCluster(teardown),
  ]);
  return {
    postgresUrl,
    postgresPid: pidListeningOn(Number(new URL(postgresUrl).port)),
    redis: redisTopology,
  };
}

async function startSingle(teardown: Teardown): Promise<RedisTopology> {
  const url = await redis.start(teardown);
  const { hostname, port } = new URL(url);
  return {
    mode: 'single',
    env: { REDIS_URL: url },
    servers: [{ address: `${hostname}:${port}`, role: 'master' }],
  };
}

async function startCluster(teardown: Teardown): Promise<RedisTopology> {
  const nodes = await redisCluster.start(teardown);
  const first = nodes.split(',')[0] ?? '';
  const servers = await withConnection(first, async (connection) => {
    // id address@bus flags master ping pong epoch link-state [slots...]
    const lines = String(await connection.call('CLUSTER', 'NODES'))
      .trim()
      .split('\n');
    return lines.map((line): RedisServer => {
      const [, address = '', flags = ''] = line.split(' ');
      return {
        address: address.split('@')[0] ?? address,
        role: flags.includes('master') ? 'master' : 'replica',
      };
    });
  });
  return { mode: 'cluster', env: { REDIS_CLUSTER_NODES: nodes }, servers };
}

/** Empties every master (replicas follow): each node count starts from the same Redis. */
export async function flushRedis(topology: RedisTopology): Promise<void> {
  const masters = topology.servers.filter((s) => s.role === 'master');
  await Promise.all(masters.map((s) => withConnection(s.address, (c) => c.flushall())));
}

/** A plain connection to one server (`host:port`), closed after `use`. */
export async function withConnection<T>(
  address: string,
  use: (connection: Redis) => Promise<T>,
): Promise<T> {
  const connection = connectTo(address, 'bench:setup');
  try {
    await connection.connect();
    return await use(connection);
  } finally {
    connection.disconnect();
  }
}

/** A connection of the bench's own (`host:port`), opened by `connect()`. */
export function connectTo(address: string, name: string): Redis {
  const at = address.lastIndexOf(':');
  const connection = new Redis({
    host: address.slice(0, at),
    port: Number(address.slice(at + 1)),
    lazyConnect: true,
    connectionName: name,
    maxRetriesPerRequest: 1,
  });
  // A command that fails rejects with the reason; a link lost while the servers stop (Ctrl-C)
  // has nothing to add.
  connection.on('error', () => {});
  return connection;
}
