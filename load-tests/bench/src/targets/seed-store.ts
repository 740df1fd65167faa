import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrate, type Sql } from '@flc/storage/postgres';
import type { ProductSeed } from './product.ts';

const CACHE_DIR = join(import.meta.dir, '../../.cache');
/** Tokens are issued for a day (see productEnv); a cache older than this is seeded again. */
const CACHE_MAX_AGE_MS = 20 * 3600_000;

/**
 * The rows of every table but those the migrations write themselves (their own bookkeeping, the
 * webhook generation counter), as plain INSERTs any PostgreSQL 15+ reads.
 */
export async function dumpRows(databaseUrl: string): Promise<string> {
  const proc = Bun.spawn(
    [
      pgDump(),
      ...['--data-only', '--inserts', '--rows-per-insert=1000', '--disable-triggers'],
      ...['--no-owner', '--no-privileges', '--exclude-table-data=schema_migrations'],
      '--exclude-table-data=webhook_generation',
      `--dbname=${databaseUrl}`,
    ],
    { stdin: 'ignore', stdout: 'pipe', stderr: 'pipe' },
  );
  const [out, err, code] = await Promise.all([
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
    proc.exited,
  ]);
  if (code !== 0) throw new Error(`pg_dump failed (exit ${code}): ${err}`);
  // Recent pg_dump wraps its output in psql meta-commands (\restrict …) no server understands.
  return out
    .split('\n')
    .filter((line) => !line.startsWith('\\'))
    .join('\n');
}

/** Creates the schema the product's way (its migrations), then inserts the dumped rows. */
export async function loadRows(sql: Sql, dataSql: string): Promise<void> {
  await migrate(sql);
  await sql.unsafe(dataSql).simple();
}

/** The newest Debian server's pg_dump (never older than the server), else the one on PATH. */
function pgDump(): string {
  try {
    const newest = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a))[0];
    if (newest) return join('/usr/lib/postgresql', newest, 'bin', 'pg_dump');
  } catch {
    // not installed from Debian's packages
  }
  const onPath = Bun.which('pg_dump');
  if (onPath) return onPath;
  throw new Error('no pg_dump in /usr/lib/postgresql/*/bin or on PATH');
}

type CachedSeed = Omit<ProductSeed, 'databaseUrl'> & { cachedFrom: string };

/** What a cache file is named after: the rooms' count, or the tenant's agents and visitors. */
export function seedCacheKey(request: {
  rooms: number;
  tenant?: { agents: number; visitors: number };
}): string {
  const { tenant } = request;
  return tenant ? `tenant-${tenant.agents}-${tenant.visitors}` : String(request.rooms);
}

const cacheFile = (key: string) => join(CACHE_DIR, `seed-${key}.json`);

/** A seed of this shape from an earlier run with --seed-cache, if its tokens are still good. */
export function readSeedCache(key: string): CachedSeed | null {
  const file = cacheFile(key);
  if (!existsSync(file) || Date.now() - statSync(file).mtimeMs > CACHE_MAX_AGE_MS) return null;
  return JSON.parse(readFileSync(file, 'utf8')) as CachedSeed;
}

export function writeSeedCache(key: string, seed: ProductSeed): void {
  mkdirSync(CACHE_DIR, { recursive: true });
  const { databaseUrl: _local, ...kept } = seed;
  const cached: CachedSeed = { ...kept, cachedFrom: new Date().toISOString() };
  writeFileSync(cacheFile(key), JSON.stringify(cached));
}
