import { join } from 'node:path';
import { createTestDatabase, serviceUrl } from '@flc/storage/testing';
import { type Started, startProcess } from '@flc/testkit';

const root = join(import.meta.dir, '../../../..');

export interface Cluster {
  /** The API's base URL. */
  api: string;
  /** Each API process's base URL (`api` first). */
  apis: string[];
  /** Each realtime node's `ws://…/v1/ws`. */
  nodes: string[];
  processes: { api: Started; nodes: Started[]; workers: Started };
  jwtSecret: string;
  /** The cluster's own PostgreSQL database, for what only the store can tell. */
  databaseUrl: string;
  stop(): Promise<void>;
}

/** The same MongoDB server, another database (the path of its URL). */
function mongoDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** Whether the servers a cluster needs (PostgreSQL, Redis) are there; CI fails without them. */
export const clusterServices = () => {
  const pg = serviceUrl('postgres');
  const redis = serviceUrl('redis');
  return pg && redis ? { pg, redis } : null;
};

/**
 * The Redis variables of each kind of Redis the suites run the scaled profile on: the test
 * server and, when there is one (always under CI), the test Redis Cluster.
 */
export function redisKinds(services: { redis: string }): { name: string; env: RedisEnv }[] {
  const kinds: { name: string; env: RedisEnv }[] = [
    { name: 'Redis', env: { REDIS_URL: services.redis } },
  ];
  const cluster = serviceUrl('redisCluster');
  if (cluster) kinds.push({ name: 'Redis Cluster', env: { REDIS_CLUSTER_NODES: cluster } });
  return kinds;
}

export type RedisEnv = { REDIS_URL: string } | { REDIS_CLUSTER_NODES: string };

/**
 * The scaled profile on loopback: a fresh database, an API process (Bun), a workers process (the
 * message persister, Bun) and `nodes` realtime nodes (Node + uWebSockets.js, freshly built)
 * sharing it and one Redis, under a Redis key prefix of its own.
 */
export async function startCluster(
  services: { pg: string; redis: string },
  nodes: number,
  options: {
    mongodb?: string;
    redis?: RedisEnv;
    env?: Record<string, string>;
    /** API processes (default 1): more share the database and Redis like the nodes. */
    apis?: number;
  } = {},
): Promise<Cluster> {
  const database = await createTestDatabase(services.pg, 'flc_cluster');
  const dbName = database.name;
  const jwtSecret = `${crypto.randomUUID()}${crypto.randomUUID()}`;
  const env = {
    DATABASE_URL: database.url,
    ...(options.redis ?? { REDIS_URL: services.redis }),
    JWT_SECRET: jwtSecret,
    FLC_REDIS_PREFIX: `flc-${dbName}`,
    // Messages in MongoDB (a database of this cluster's own) when a server is given.
    ...(options.mongodb ? { MONGODB_URL: mongoDatabase(options.mongodb, dbName) } : {}),
    HOST: '127.0.0.1',
    PORT: '0',
    ...options.env,
  };
  const started: Started[] = [];
  const stop = async () => {
    for (const p of started) await p.stop();
    await database.drop();
  };
  try {
    const build = Bun.spawnSync(['bun', 'run', 'build'], { cwd: join(root, 'apps/realtime') });
    if (build.exitCode !== 0) throw new Error(`realtime build failed:\n${build.stderr}`);
    const apis: Started[] = [];
    for (let i = 0; i < (options.apis ?? 1); i++) {
      const api = await startProcess(
        ['bun', join(root, 'apps/api/src/main.ts')],
        env,
        /listening on http:\/\/[\d.]+:(\d+)/,
      );
      started.push(api);
      apis.push(api);
    }
    const [api] = apis as [Started];
    const workers = await startProcess(
      ['bun', join(root, 'apps/workers/src/main.ts')],
      env,
      /workers running \(persister/,
    );
    started.push(workers);
    const nodeProcesses: Started[] = [];
    for (let i = 0; i < nodes; i++) {
      const node = await startProcess(
        ['node', join(root, 'apps/realtime/dist/main.js')],
        env,
        /listening on ws:\/\/[\d.]+:(\d+)/,
      );
      started.push(node);
      nodeProcesses.push(node);
    }
    return {
      api: `http://127.0.0.1:${api.match[1]}`,
      apis: apis.map((a) => `http://127.0.0.1:${a.match[1]}`),
      nodes: nodeProcesses.map((n) => `ws://127.0.0.1:${n.match[1]}/v1/ws`),
      processes: { api, nodes: nodeProcesses, workers },
      jwtSecret,
      databaseUrl: database.url,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
