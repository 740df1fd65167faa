import { join } from 'node:path';
import postgres from 'postgres';
import { type ServerProcess, startServer } from '../spawn.ts';
import { productEnv, root } from '../targets/product.ts';
import { loadRows } from '../targets/seed-store.ts';
import type { ScaleContext } from './run.ts';
import { flushRedis } from './services.ts';

const DATABASE = 'flc_scale';

/** Registers a stop: run when the node count is done, or by the teardown on Ctrl-C. */
export type Track = (stop: () => Promise<void>) => void;

/** The product's processes of one node count. */
export interface Running {
  workers: ServerProcess;
  /** Node 1 (loaded) first. */
  nodes: ServerProcess[];
  /** Messages the persisters have stored so far. */
  stored(): Promise<number>;
}

/** Empty Redis, a fresh database, the workers and K realtime nodes. */
export async function startProcesses(k: number, ctx: ScaleContext, track: Track): Promise<Running> {
  await flushRedis(ctx.services.redis);
  const databaseUrl = await freshDatabase(ctx);
  const db = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  track(() => db.end());
  const env = {
    ...productEnv(ctx.seed.jwtSecret),
    DATABASE_URL: databaseUrl,
    ...ctx.services.redis.env,
  };
  const workers = await startServer('workers', ['bun', join(root, 'apps/workers/src/main.ts')], {
    env,
    ready: /workers running \(persister/,
  });
  track(workers.stop);
  // A realtime node as deployed: apps/realtime built (`bun run build`), run by Node. Node 1
  // first (it migrates the database), then the idle ones side by side.
  const startNode = async (index: number) => {
    const node = await startServer(
      `realtime node ${index}`,
      ['node', join(root, 'apps/realtime/dist/main.js')],
      { env, ready: /listening on ws:\/\/([\d.]+:\d+)/ },
    );
    track(node.stop);
    return node;
  };
  const nodes = [await startNode(1)];
  nodes.push(...(await Promise.all(Array.from({ length: k - 1 }, (_, i) => startNode(i + 2)))));
  ctx.log(`${k} realtime node${k > 1 ? 's' : ''} and the workers up`);
  return {
    workers,
    nodes,
    stored: async () => (await db`select count(*)::int as n from messages`)[0]?.n as number,
  };
}

/** Each node count starts from the seeded rows only: no messages, no cids of an earlier run. */
async function freshDatabase(ctx: ScaleContext): Promise<string> {
  const admin = postgres(ctx.services.postgresUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${DATABASE} with (force)`);
    await admin.unsafe(`create database ${DATABASE}`);
  } finally {
    await admin.end();
  }
  const url = new URL(ctx.services.postgresUrl);
  url.pathname = `/${DATABASE}`;
  const db = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    await loadRows(db, ctx.seed.dataSql);
  } finally {
    await db.end();
  }
  return url.toString();
}

/** `127.0.0.1:port` as the process printed it. */
export const address = (node: ServerProcess) => node.match[1] as string;
