import { expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from './database.ts';
import { migrate } from './migrate.ts';
import { migrations } from './migrations/index.ts';

// The embedded database's buffer pool is the process's largest idle allocation: it is what
// FLC_EMBEDDED_SHARED_BUFFERS_MB says (16 MiB unless set), not PostgreSQL's 128 MB default.
test('the embedded buffer pool is as configured, and 16 MB by default', async () => {
  for (const [mb, expected] of [
    [undefined, '16MB'],
    [8, '8MB'],
  ] as const) {
    const db = await openDatabase({
      dataDir: 'memory://',
      ...(mb === undefined ? {} : { sharedBuffersMb: mb }),
    });
    try {
      const [row] = await db.sql<{ shared_buffers: string }[]>`show shared_buffers`;
      expect(row?.shared_buffers).toBe(expected);
    } finally {
      await db.close();
    }
  }
});

// A first start creates and migrates the database in a child process, so the serving process
// never holds initdb's memory: the database it opens is already whole.
test('a new data directory is created and migrated apart, then opened', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'flc-embedded-'));
  try {
    const db = await openDatabase({ dataDir });
    try {
      const [row] = await db.sql<{ n: number }[]>`select count(*)::int as n from schema_migrations`;
      expect(row?.n).toBe(migrations.length);
      expect(await migrate(db.sql)).toEqual([]);
    } finally {
      await db.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
