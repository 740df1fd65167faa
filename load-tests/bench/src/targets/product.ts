import { join } from 'node:path';
import postgres from 'postgres';
import { type Seeded, seedRooms, seedTenant } from '../seed.ts';
import { startServer } from '../spawn.ts';
import { dumpRows, loadRows, readSeedCache, seedCacheKey, writeSeedCache } from './seed-store.ts';
import type { TargetContext } from './types.ts';

export const root = join(import.meta.dir, '../../../..');
const DATABASE = 'flc_bench';

export interface ProductSeed extends Seeded {
  databaseUrl: string;
  jwtSecret: string;
  /** The seeded rows as SQL (pg_dump --data-only), for the standalone profile's PGlite. */
  dataSql: string;
  /** When the rows came from --seed-cache: the time they were seeded. */
  cachedFrom?: string;
}

/**
 * Environment shared by the product's processes: long token lifetimes, and logs at the
 * default level (start-up lines, one access line per REST request; nothing per socket frame),
 * so what logging costs is in the figures.
 */
export function productEnv(jwtSecret: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    JWT_SECRET: jwtSecret,
    HOST: '127.0.0.1',
    PORT: '0',
    FLC_ACCESS_TOKEN_TTL: '86400',
    FLC_VISITOR_TOKEN_TTL: '86400',
    FLC_LOG_LEVEL: 'info',
    // The load comes from one address: the per-IP budgets would stop the seeding.
    FLC_SIGNUPS_PER_IP: '0',
    FLC_WIDGET_BOOTS_PER_IP: '0',
    // The tenant scenario invites its hundreds of agents within seconds.
    FLC_INVITES_PER_ORG_PER_HOUR: '0',
    // Whatever the caller's shell holds, each target gets exactly the stores given here.
    DATABASE_URL: '',
    REDIS_URL: '',
    REDIS_CLUSTER_NODES: '',
    MONGODB_URL: '',
  };
}

/**
 * Seeds the product once for both product targets: a fresh database on the bench's PostgreSQL,
 * the API process (apps/api) on it, one organization, agent, visitor and conversation per room
 * through REST. The API is stopped afterwards: the realtime nodes do not need it to run.
 */
export function seedProduct(ctx: TargetContext): Promise<ProductSeed> {
  const { services, options } = ctx;
  if (!services.postgresUrl) throw new Error('seeding needs PostgreSQL');
  return seedDatabase({
    postgresUrl: services.postgresUrl,
    redisEnv: { REDIS_URL: services.redisUrl },
    rooms: options.scenario === 'tenant' ? 0 : options.sockets / 2,
    ...(options.scenario === 'tenant'
      ? { tenant: { agents: options.agents, visitors: options.visitors } }
      : {}),
    concurrency: options.seedConcurrency,
    cache: options.seedCache,
    runId: ctx.runId,
    log: ctx.log,
  });
}

export interface SeedRequest {
  /** The server the seeded database is created on. */
  postgresUrl: string;
  /** The API's Redis while seeding: `REDIS_URL` or `REDIS_CLUSTER_NODES`. */
  redisEnv: Record<string, string>;
  rooms: number;
  /** Seed the tenant scenario's one organization instead of rooms. */
  tenant?: { agents: number; visitors: number };
  /** Parallel REST calls. */
  concurrency: number;
  /** Reuse the rooms of an earlier run kept in load-tests/bench/.cache, and keep these. */
  cache: boolean;
  runId: string;
  log(line: string): void;
}

/**
 * Creates the bench's database and seeds `rooms` rooms (or the tenant) into it through the API
 * (or the cache).
 */
export async function seedDatabase(request: SeedRequest): Promise<ProductSeed> {
  const { rooms, tenant, log } = request;
  const what = tenant
    ? `a tenant of ${tenant.agents} agents and ${tenant.visitors} visitors`
    : `${rooms} rooms`;
  const cacheKey = seedCacheKey(request);
  const admin = postgres(request.postgresUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${DATABASE} with (force)`);
  await admin.unsafe(`create database ${DATABASE}`);
  await admin.end();
  const url = new URL(request.postgresUrl);
  url.pathname = `/${DATABASE}`;
  const databaseUrl = url.toString();
  if (request.cache) {
    const cached = readSeedCache(cacheKey);
    if (cached) {
      const db = postgres(databaseUrl, { max: 1, onnotice: () => {} });
      try {
        await loadRows(db, cached.dataSql);
      } finally {
        await db.end();
      }
      log(`reused ${what} seeded at ${cached.cachedFrom} (--seed-cache)`);
      return { ...cached, databaseUrl };
    }
  }
  const jwtSecret = Buffer.from(crypto.getRandomValues(new Uint8Array(48))).toString('base64url');
  const api = await startServer('API (apps/api)', ['bun', join(root, 'apps/api/src/main.ts')], {
    env: { ...productEnv(jwtSecret), DATABASE_URL: databaseUrl, ...request.redisEnv },
    ready: /listening on (http:\/\/[\d.]+:\d+)/,
  });
  let seeded: Seeded;
  try {
    log(`seeding ${what} through the REST API (${request.concurrency} in parallel)…`);
    const baseUrl = api.match[1] as string;
    seeded = tenant
      ? await seedTenant(
          baseUrl,
          tenant.agents,
          tenant.visitors,
          request.concurrency,
          request.runId,
          (kind, done) =>
            log(`  ${done}/${kind === 'agents' ? tenant.agents : tenant.visitors} ${kind}`),
        )
      : await seedRooms(baseUrl, rooms, request.concurrency, request.runId, (done) =>
          log(`  ${done}/${rooms} rooms`),
        );
    log(`seeded ${what} in ${(seeded.ms / 1000).toFixed(1)} s`);
  } finally {
    await api.stop();
  }
  const seed = { ...seeded, databaseUrl, jwtSecret, dataSql: await dumpRows(databaseUrl) };
  if (request.cache) writeSeedCache(cacheKey, seed);
  return seed;
}
