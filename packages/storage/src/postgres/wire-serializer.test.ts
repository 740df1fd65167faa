import { afterAll, beforeAll, expect, test } from 'bun:test';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { type Database, openDatabase } from './database.ts';

// The embedded database shared by several connections at once (the process's pool and the
// workers'): extended-protocol queries and transactions of different connections must not
// interleave inside PGlite's single session.
const dataDir = join(tmpdir(), `flc-serializer-${crypto.randomUUID()}`);
let db: Database & { socketPath?: string };
beforeAll(async () => {
  db = await openDatabase({ dataDir, max: 4 });
  await db.sql`create table counters (id int primary key, n int not null)`;
  await db.sql`insert into counters values (1, 0)`;
}, 60_000);
afterAll(async () => {
  await db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('many connections run parameterized queries and transactions without clobbering each other', async () => {
  const other = postgres({
    path: db.socketPath,
    username: 'postgres',
    database: 'postgres',
    max: 4,
  });
  try {
    const work = [db.sql, other].flatMap((sql) =>
      Array.from({ length: 50 }, async (_, i) => {
        const [row] = await sql<{ v: number; s: string }[]>`select ${i}::int as v, ${`s${i}`} as s`;
        expect(row).toEqual({ v: i, s: `s${i}` });
        await sql.begin(async (tx) => {
          const [c] = await tx<{ n: number }[]>`select n from counters where id = 1 for update`;
          await tx`update counters set n = ${(c?.n ?? 0) + 1} where id = 1`;
        });
      }),
    );
    await Promise.all(work);
    const [final] = await db.sql<{ n: number }[]>`select n from counters where id = 1`;
    expect(final?.n).toBe(100);
  } finally {
    await other.end();
  }
});
