import { describe, expect, test } from 'bun:test';
import { pgliteTarget, postgresTarget } from '../testing/index.ts';
import { openDatabase } from './database.ts';
import { migrate } from './migrate.ts';
import { migrations } from './migrations/index.ts';

for (const target of [pgliteTarget, postgresTarget()]) {
  if (!target) continue;
  describe(`migrations on ${target.name}`, () => {
    test('apply once; a second run applies nothing', async () => {
      const db = await target.open(); // already migrated once
      try {
        expect(await migrate(db.sql)).toEqual([]);
        const rows = await db.sql<{ version: number }[]>`select version from schema_migrations`;
        expect(rows.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
      } finally {
        await db.close();
      }
    });

    test('two concurrent runs apply each migration exactly once', async () => {
      const db = await target.open();
      try {
        const extra = [
          ...migrations,
          {
            version: 9001,
            name: 'probe',
            sql: 'create table migration_probe (id int primary key)',
          },
        ];
        const runs = await Promise.all([migrate(db.sql, extra), migrate(db.sql, extra)]);
        expect(runs.flat()).toEqual([9001]);
      } finally {
        await db.close();
      }
    });
  });
}

describe('embedded database', () => {
  test('data survives a restart of PGlite on disk', async () => {
    const dir = `${process.env.TMPDIR ?? '/tmp'}/flc-embedded-${crypto.randomUUID()}`;
    const first = await openDatabase({ dataDir: dir });
    await migrate(first.sql);
    await first.sql`insert into organizations (id, name) values (${Bun.randomUUIDv7()}, 'Acme')`;
    await first.close();
    const second = await openDatabase({ dataDir: dir });
    try {
      expect(await migrate(second.sql)).toEqual([]);
      const rows = await second.sql`select name from organizations`;
      expect(rows.map((r) => r.name)).toEqual(['Acme']);
    } finally {
      await second.close();
      await Bun.$`rm -rf ${dir}`.quiet();
    }
  });
});
