import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { type Message, type MessageStore, uuidv7 } from '@flc/core';
import {
  pgliteTarget,
  postgresTarget,
  type SeededConversation,
  seedConversation,
} from '../testing/index.ts';
import type { Database, Sql } from './database.ts';
import { PostgresMessageStore } from './message-store.ts';
import { PostgresUsageRollup } from './usage-rollup.ts';

// What a round writes: only changed tenant-days, no closed day, and old delivered reports pruned.
const DAY = '2024-05-10';
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const at = (iso: string) => new Date(iso);
const noon = at(`${DAY}T12:00:00Z`);

function message(c: SeededConversation, seq: number, createdAt: string): Message {
  return {
    id: uuidv7(),
    organizationId: c.organizationId,
    conversationId: c.conversationId,
    seq,
    sender: { type: 'visitor', id: c.contactId },
    body: `message ${seq}`,
    createdAt: at(createdAt).toISOString(),
  };
}

/** Each row's transaction id: a rewritten row gets a new one. */
const versions = async (sql: Sql) =>
  new Map(
    (
      await sql<{ key: string; xmin: string }[]>`
        select organization_id || ' ' || to_char(day, 'YYYY-MM-DD') as key, xmin::text as xmin
        from usage_daily`
    ).map((r) => [r.key, r.xmin]),
  );

for (const database of [pgliteTarget, postgresTarget()]) {
  if (!database) continue;
  describe(`usage rollup writes on ${database.name}`, () => {
    let db: Database;
    let sql: Sql;
    let store: MessageStore;
    let a: SeededConversation;
    let b: SeededConversation;
    const rollup = (reportRetentionMs = 0) =>
      new PostgresUsageRollup(sql, {
        messages: store,
        graceMs: HOUR_MS,
        report: true,
        reportRetentionMs,
      });

    beforeAll(async () => {
      db = await database.open();
      sql = db.sql;
      store = new PostgresMessageStore(sql);
      a = await seedConversation(sql);
      b = await seedConversation(sql);
      await sql`update organizations set created_at = '2024-01-01'`;
      await store.insert([message(a, 1, `${DAY}T09:00:00Z`), message(b, 1, `${DAY}T10:00:00Z`)]);
    }, 60_000);
    afterAll(() => db.close());

    test('a round rewrites only the tenant-days whose figures changed', async () => {
      await rollup().round(noon);
      const before = await versions(sql);
      expect(before.size).toBe(4);
      const stamp = async () =>
        (
          await sql<{ at: Date }[]>`
          select computed_at as at from usage_rounds where day = ${DAY}::date`
        )[0]?.at;
      const stamped = await stamp();
      await rollup().round(new Date(noon.getTime() + 60_000));
      expect(await versions(sql)).toEqual(before);
      // The day's stamp still moves: its figures are as of this round.
      expect((await stamp())?.getTime()).toBeGreaterThanOrEqual(stamped?.getTime() ?? Infinity);

      await store.insert([message(a, 2, `${DAY}T11:00:00Z`)]);
      await rollup().round(new Date(noon.getTime() + 120_000));
      const after = await versions(sql);
      expect(after.get(`${a.organizationId} ${DAY}`)).not.toBe(
        before.get(`${a.organizationId} ${DAY}`),
      );
      expect(after.get(`${b.organizationId} ${DAY}`)).toBe(
        before.get(`${b.organizationId} ${DAY}`),
      );
      const [row] = await sql<{ messages: number }[]>`
        select messages::int as messages from usage_daily
        where organization_id = ${a.organizationId} and day = ${DAY}::date`;
      expect(row?.messages).toBe(2);
    });

    test('a day whose rows are all closed is not computed again', async () => {
      // Noon of the next day: DAY is yesterday and over by the grace period, so it closes.
      const next = new Date(noon.getTime() + DAY_MS);
      const first = await rollup().round(next);
      expect(first.days).toEqual([DAY, '2024-05-11']);
      expect(first.closed).toBe(2);
      const closed = await versions(sql);
      const second = await rollup().round(new Date(next.getTime() + 60_000));
      expect(second.days).toEqual(['2024-05-11']);
      expect(second.closed).toBe(0);
      expect(await versions(sql)).toEqual(closed);
    });

    test('rounds prune delivered reports past the retention, keeping pending and recent ones', async () => {
      const now = at('2024-08-01T12:00:00Z');
      const report = async (day: string, status: string, deliveredAt: string | null) => {
        await sql`insert into usage_reports (organization_id, day, event_id, payload, status,
            delivered_at)
          values (${a.organizationId}, ${day}::date, ${uuidv7()}, '{}', ${status},
            ${deliveredAt ? at(deliveredAt) : null})
          on conflict (organization_id, day) do update set status = excluded.status,
            delivered_at = excluded.delivered_at`;
      };
      await report('2024-03-01', 'delivered', '2024-03-02T00:00:00Z');
      await report('2024-03-02', 'pending', null);
      await report('2024-07-20', 'delivered', '2024-07-21T00:00:00Z');
      const { pruned } = await rollup(30 * DAY_MS).round(now);
      expect(pruned).toBe(1);
      const left = await sql<{ day: string }[]>`
        select to_char(day, 'YYYY-MM-DD') as day from usage_reports
        where organization_id = ${a.organizationId} and day in ('2024-03-01', '2024-03-02', '2024-07-20')
        order by day`;
      expect(left.map((r) => r.day)).toEqual(['2024-03-02', '2024-07-20']);
      // No retention: nothing is pruned.
      await report('2024-03-01', 'delivered', '2024-03-02T00:00:00Z');
      expect((await rollup().round(now)).pruned).toBe(0);
    });
  });
}
