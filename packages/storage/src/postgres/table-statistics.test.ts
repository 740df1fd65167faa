import { afterAll, beforeAll, expect, test } from 'bun:test';
import { pgliteTarget, seedConversation } from '../testing/index.ts';
import type { Database } from './database.ts';
import { PostgresMessageStore } from './message-store.ts';
import { analyzeGrown } from './table-statistics.ts';

let db: Database;
beforeAll(async () => {
  db = await pgliteTarget.open();
}, 60_000);
afterAll(() => db.close());

const fill = async (
  from: number,
  count: number,
  c: { organizationId: string; conversationId: string },
) =>
  new PostgresMessageStore(db.sql).insert(
    Array.from({ length: count }, (_, i) => ({
      id: Bun.randomUUIDv7(),
      organizationId: c.organizationId,
      conversationId: c.conversationId,
      seq: from + i,
      sender: { type: 'visitor' as const, id: 'v' },
      body: `message ${from + i} about the delivery of a parcel to the warehouse`,
      createdAt: new Date().toISOString(),
    })),
  );

test('tables are analyzed once, then again only after growing by a fifth', async () => {
  const c = await seedConversation(db.sql);
  await fill(1, 4_000, c);
  expect(await analyzeGrown(db.sql, ['messages'])).toEqual(['messages']);
  expect(await analyzeGrown(db.sql, ['messages'])).toEqual([]);
  await fill(4_001, 400, c);
  expect(await analyzeGrown(db.sql, ['messages'])).toEqual([]);
  await fill(4_401, 1_600, c);
  expect(await analyzeGrown(db.sql, ['messages'])).toEqual(['messages']);
}, 60_000);
