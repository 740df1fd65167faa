import { Redis } from 'ioredis';
import type { RedisServer, RedisSettings } from '../redis/server.ts';
import { clusterNodes, flushCluster } from './redis-cluster.ts';
import { serviceUrl } from './services.ts';

/**
 * A Redis the suites run on: the test server, or the test cluster. Each test takes a fresh key
 * prefix and drops its keys afterwards, so suites share the servers without seeing each other.
 */
export interface RedisTestServer {
  name: 'redis' | 'redis-cluster';
  server: RedisServer;
  /** Settings under a fresh prefix (or the one given: a deployment seen again). */
  settings(prefix?: string, overrides?: Partial<RedisSettings>): RedisSettings;
  /** Deletes every key under the prefix. */
  drop(prefix: string): Promise<void>;
  /** One connection to each server process (every node of a cluster), for inspection. */
  admins(): Redis[];
}

/**
 * Kills every client connection whose name contains `name`, on every server process, as a
 * network failure would; answers how many.
 */
export async function killClients(redis: RedisTestServer, name: string): Promise<number> {
  const admins = redis.admins();
  try {
    let killed = 0;
    for (const admin of admins) {
      const clients = String(await admin.client('LIST')).split('\n');
      for (const line of clients) {
        const match = / name=(\S*) /.exec(line);
        const id = /^id=(\d+) /.exec(line)?.[1];
        if (!match?.[1]?.includes(name) || !id) continue;
        await admin.client('KILL', 'ID', id);
        killed += 1;
      }
    }
    return killed;
  } finally {
    for (const admin of admins) admin.disconnect();
  }
}

export const freshPrefix = (): string => `flc-test-${crypto.randomUUID()}`;

/** The single server, when there is one (always under CI). */
export function singleRedis(): RedisTestServer | null {
  const url = serviceUrl('redis');
  if (!url) return null;
  const server = { url };
  return {
    name: 'redis',
    server,
    settings: (prefix = freshPrefix(), overrides = {}) => ({ server, prefix, ...overrides }),
    drop: (prefix) => dropKeys(url, prefix),
    admins: () => [new Redis(url)],
  };
}

/** The cluster, when there is one (always under CI). */
export function clusterRedis(): RedisTestServer | null {
  const list = serviceUrl('redisCluster');
  if (!list) return null;
  const server = { clusterNodes: list.split(',') };
  return {
    name: 'redis-cluster',
    server,
    settings: (prefix = freshPrefix(), overrides = {}) => ({ server, prefix, ...overrides }),
    drop: (prefix) => flushCluster(clusterNodes(list), prefix),
    admins: () => clusterNodes(list).map(({ host, port }) => new Redis({ host, port })),
  };
}

/** Every Redis the suites run on here: the single server and the cluster. */
export const redisTestServers = (): RedisTestServer[] =>
  [singleRedis(), clusterRedis()].filter((s): s is RedisTestServer => s !== null);

export async function dropKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
