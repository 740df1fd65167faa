import { afterAll, beforeAll, expect, test } from 'bun:test';
import { rmSync } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
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

/** A raw wire-protocol client: what a driver sends, byte for byte, and what comes back. */
class RawClient {
  private buffer = Buffer.alloc(0);
  private waiters: { type: number; resolve: () => void }[] = [];
  readonly seen: { type: number; body: Buffer }[] = [];
  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      while (this.buffer.length >= 5) {
        const length = this.buffer.readInt32BE(1) + 1;
        if (this.buffer.length < length) break;
        const type = this.buffer[0] ?? 0;
        this.seen.push({ type, body: this.buffer.subarray(5, length) });
        this.buffer = this.buffer.subarray(length);
        this.waiters = this.waiters.filter((w) => {
          if (w.type !== type) return true;
          w.resolve();
          return false;
        });
      }
    });
  }

  static async connect(path: string): Promise<RawClient> {
    const socket = createConnection(path);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const client = new RawClient(socket);
    const params = Buffer.from('user\0postgres\0database\0postgres\0\0');
    const startup = Buffer.alloc(8);
    startup.writeInt32BE(8 + params.length, 0);
    startup.writeInt32BE(196608, 4); // protocol 3.0
    const ready = client.next(0x5a);
    socket.write(Buffer.concat([startup, params]));
    await ready;
    return client;
  }

  /** Resolves when the next message of this type arrives. */
  next(type: number): Promise<void> {
    return new Promise((resolve) => this.waiters.push({ type, resolve }));
  }

  count(type: number): number {
    return this.seen.filter((m) => m.type === type).length;
  }

  static message(type: string, ...parts: (string | Buffer | number[])[]): Buffer {
    const body = Buffer.concat(
      parts.map((p) =>
        typeof p === 'string' ? Buffer.from(`${p}\0`) : Buffer.isBuffer(p) ? p : Buffer.from(p),
      ),
    );
    const head = Buffer.alloc(5);
    head.write(type, 0);
    head.writeInt32BE(4 + body.length, 1);
    return Buffer.concat([head, body]);
  }
}

test('a describe-first unit sent after a synced one keeps the turn until its own Sync', async () => {
  const path = db.socketPath ?? '';
  const [a, b] = await Promise.all([RawClient.connect(path), RawClient.connect(path)]);
  try {
    const m = RawClient.message;
    const noParams = [0, 0];
    // As a driver pipelines: a whole unit, then the next statement's Parse/Describe/Flush, whose
    // Bind waits for the description.
    const described = a.next(0x54); // RowDescription
    a.socket.write(
      Buffer.concat([
        m('P', '', 'select 1::int', noParams),
        m('B', '', '', [0, 0, 0, 0, 0, 0]),
        m('E', '', [0, 0, 0, 0]),
        m('S'),
        m('P', '', "select 'mine'::text", noParams),
        m('D', Buffer.from('S'), ''),
        m('H'),
      ]),
    );
    await described;
    // The first unit's ReadyForQuery has come; another connection's simple query (which would
    // drop the unnamed statement in PGlite's one session) must wait for A's Sync.
    const bAnswered = b.next(0x5a);
    b.socket.write(m('Q', "select 'theirs'"));
    const aDone = a.next(0x5a);
    a.socket.write(
      Buffer.concat([m('B', '', '', [0, 0, 0, 0, 0, 0]), m('E', '', [0, 0, 0, 0]), m('S')]),
    );
    await Promise.all([aDone, bAnswered]);
    expect(a.count(0x45)).toBe(0); // no ErrorResponse
    const rows = a.seen.filter((x) => x.type === 0x44).map((x) => x.body.subarray(6).toString());
    expect(rows).toEqual(['1', 'mine']);
    expect(b.count(0x45)).toBe(0);
  } finally {
    a.socket.destroy();
    b.socket.destroy();
  }
});
