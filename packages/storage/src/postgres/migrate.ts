import type { Sql } from './database.ts';
import { type Migration, migrations } from './migrations/index.ts';

export type { Migration } from './migrations/index.ts';

// Any constant works; it only has to be the same for every process of the platform.
const MIGRATION_LOCK = 0x464c4301;

/**
 * Applies pending migrations in order, each once. Safe from several processes at once: the
 * whole run holds a transaction-scoped advisory lock, so a second process waits, then finds
 * nothing left to do.
 */
export async function migrate(sql: Sql, list: Migration[] = migrations): Promise<number[]> {
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${MIGRATION_LOCK})`;
    await tx`
      create table if not exists schema_migrations (
        version integer primary key,
        name text not null,
        applied_at timestamptz not null default now()
      )`;
    const rows = await tx<{ version: number }[]>`select version from schema_migrations`;
    const done = new Set(rows.map((r) => r.version));
    const applied: number[] = [];
    for (const m of [...list].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      await tx.unsafe(m.sql);
      await tx`insert into schema_migrations (version, name) values (${m.version}, ${m.name})`;
      applied.push(m.version);
    }
    return applied;
  });
}
