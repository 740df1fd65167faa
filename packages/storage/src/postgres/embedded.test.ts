import { expect, test } from 'bun:test';
import { openDatabase } from './database.ts';

// The embedded database's buffer pool is the process's largest idle allocation: it is what
// FLC_EMBEDDED_SHARED_BUFFERS_MB says (32 MiB unless set), not PostgreSQL's 128 MB default.
test('the embedded buffer pool is as configured, and 32 MB by default', async () => {
  for (const [mb, expected] of [
    [undefined, '32MB'],
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
