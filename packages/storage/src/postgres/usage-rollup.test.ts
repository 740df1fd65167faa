import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { type Message, type MessageStore, uuidv7 } from '@flc/core';
import { openMongoMessageStore } from '../mongo/open.ts';
import {
  mongoTarget,
  pgliteTarget,
  postgresTarget,
  type SeededConversation,
  seedConversation,
  seedWebhook,
} from '../testing/index.ts';
import type { Database, Sql } from './database.ts';
import { PostgresMessageStore } from './message-store.ts';
import { PostgresUsageRollup } from './usage-rollup.ts';

const DAY = '2024-05-10';
const HOUR_MS = 3_600_000;
const at = (iso: string) => new Date(iso);
/** Noon of DAY: the rollup counts DAY (today) and the day before, closing the day before. */
const noon = at(`${DAY}T12:00:00Z`);
/** An hour and a minute after DAY: both days over by the hour's grace. */
const closing = at('2024-05-11T01:01:00Z');

interface Target {
  name: string;
  open(): Promise<{ db: Database; store: MessageStore; close(): Promise<void> }>;
}

const targets: Target[] = [];
for (const database of [pgliteTarget, postgresTarget()]) {
  if (!database) continue;
  targets.push({
    name: `${database.name} with its message store`,
    async open() {
      const db = await database.open();
      return { db, store: new PostgresMessageStore(db.sql), close: () => db.close() };
    },
  });
}
const mongo = mongoTarget();
const postgres = postgresTarget();
if (mongo && postgres) {
  targets.push({
    name: 'postgres with the MongoDB (FerretDB) message store',
    async open() {
      const db = await postgres.open();
      const scratch = mongo.create();
      const handle = await openMongoMessageStore({ url: scratch.url, database: scratch.database });
      return {
        db,
        store: handle.store,
        async close() {
          await handle.close();
          await scratch.drop();
          await db.close();
        },
      };
    },
  });
}

function message(c: SeededConversation, seq: number, createdAt: string, visitor = true): Message {
  return {
    id: uuidv7(),
    organizationId: c.organizationId,
    conversationId: c.conversationId,
    seq,
    sender: visitor ? { type: 'visitor', id: c.contactId } : { type: 'agent', id: 'agent-1' },
    body: `message ${seq}`,
    createdAt: at(createdAt).toISOString(),
  };
}

/** A second conversation of the tenant, by a new contact, opened at `createdAt`. */
async function openedBy(sql: Sql, c: SeededConversation, createdAt: string) {
  const contactId = uuidv7();
  const conversationId = uuidv7();
  await sql`insert into contacts (id, organization_id, environment_id, name)
    values (${contactId}, ${c.organizationId}, ${c.environmentId}, 'Quiet')`;
  await sql`insert into conversations (id, organization_id, environment_id, contact_id, created_at)
    values (${conversationId}, ${c.organizationId}, ${c.environmentId}, ${contactId}, ${at(createdAt)})`;
  return { ...c, contactId, conversationId };
}

async function agents(sql: Sql, organizationId: string, statuses: string[]) {
  for (const status of statuses) {
    const id = uuidv7();
    await sql`insert into agents (id, organization_id, email, name, role, status)
      values (${id}, ${organizationId}, ${`${id}@example.com`}, 'Agent', 'agent', ${status})`;
  }
}

async function deliveries(sql: Sql, webhookId: string, list: [string, string | null][]) {
  for (const [status, deliveredAt] of list) {
    await sql`insert into webhook_deliveries (id, webhook_id, event_id, event_type, payload, status,
        delivered_at)
      values (${uuidv7()}, ${webhookId}, ${uuidv7()}, 'message.created', '{}', ${status},
        ${deliveredAt ? at(deliveredAt) : null})`;
  }
}

const figures = (sql: Sql) => sql<
  {
    organization_id: string;
    day: string;
    messages: number;
    active_visitors: number;
    agent_seats: number;
    storage_bytes: number;
    webhook_deliveries: number;
    closed: boolean;
  }[]
>`
  select organization_id, to_char(day, 'YYYY-MM-DD') as day, messages::int as messages,
    active_visitors, agent_seats, storage_bytes::int as storage_bytes,
    webhook_deliveries::int as webhook_deliveries, closed_at is not null as closed
  from usage_daily order by day, organization_id`;

for (const target of targets) {
  describe(`usage rollup on ${target.name}`, () => {
    let opened: Awaited<ReturnType<Target['open']>>;
    let sql: Sql;
    let a: SeededConversation;
    let b: SeededConversation;
    const rollup = (report = true) =>
      new PostgresUsageRollup(sql, { messages: opened.store, graceMs: HOUR_MS, report });

    beforeAll(async () => {
      opened = await target.open();
      sql = opened.db.sql;
      a = await seedConversation(sql);
      b = await seedConversation(sql);
      // The tenants existed before the days counted.
      await sql`update organizations set created_at = '2024-01-01'`;
      const quiet = await openedBy(sql, a, `${DAY}T08:00:00Z`);
      await opened.store.insert([
        message(a, 1, '2024-05-09T23:59:59Z'),
        message(a, 2, `${DAY}T00:00:00Z`),
        message(a, 3, `${DAY}T09:00:00Z`),
        message(a, 4, `${DAY}T09:01:00Z`, false),
        message(b, 1, `${DAY}T23:00:00Z`),
      ]);
      await opened.store.insert([message(quiet, 1, `${DAY}T10:00:00Z`, false)]);
      await agents(sql, a.organizationId, ['active', 'active', 'disabled', 'invited']);
      await agents(sql, b.organizationId, ['active']);
      await sql`insert into attachment_usage (organization_id, bytes)
        values (${a.organizationId}, 123456)`;
      const hook = await seedWebhook(sql, a, ['message.created']);
      await deliveries(sql, hook, [
        ['delivered', `${DAY}T01:00:00Z`],
        ['delivered', `${DAY}T22:00:00Z`],
        ['delivered', '2024-05-09T22:00:00Z'],
        ['pending', null],
        ['failed', null],
      ]);
    }, 60_000);
    afterAll(() => opened.close());

    test("counts each tenant's day from the stores", async () => {
      const { days, closed } = await rollup().round(noon);
      expect(days).toEqual(['2024-05-09', DAY]);
      // The day before has been over for 12 hours, beyond the hour's grace: final.
      expect(closed).toBe(2);
      const rows = await figures(sql);
      const of = (org: string, day: string) =>
        rows.find((r) => r.organization_id === org && r.day === day);
      expect(of(a.organizationId, DAY)).toEqual({
        organization_id: a.organizationId,
        day: DAY,
        messages: 4,
        // The contact who wrote and the one who only opened a conversation.
        active_visitors: 2,
        agent_seats: 2,
        storage_bytes: 123456,
        webhook_deliveries: 2,
        closed: false,
      });
      expect(of(a.organizationId, '2024-05-09')).toMatchObject({
        messages: 1,
        active_visitors: 1,
        webhook_deliveries: 1,
        closed: true,
      });
      expect(of(b.organizationId, DAY)).toMatchObject({
        messages: 1,
        active_visitors: 1,
        agent_seats: 1,
        storage_bytes: 0,
        webhook_deliveries: 0,
      });
      expect(of(b.organizationId, '2024-05-09')).toMatchObject({ messages: 0, active_visitors: 0 });
      expect(rows).toHaveLength(4);
    });

    test('running it again, or on two processes at once, changes nothing', async () => {
      const before = await figures(sql);
      await rollup().round(noon);
      await Promise.all([rollup().round(noon), rollup().round(noon)]);
      expect(await figures(sql)).toEqual(before);
    });

    test('a day over by the grace period closes once, with one report per tenant-day', async () => {
      // Two processes close at once: each tenant-day is closed and reported exactly once.
      const results = await Promise.all([rollup().round(closing), rollup().round(closing)]);
      expect(results.reduce((sum, r) => sum + r.closed, 0)).toBe(2);
      const reports = await sql<{ organization_id: string; day: string; payload: unknown }[]>`
        select organization_id, to_char(day, 'YYYY-MM-DD') as day, payload from usage_reports
        order by day, organization_id`;
      expect(reports).toHaveLength(4);
      const report = reports.find((r) => r.organization_id === a.organizationId && r.day === DAY);
      expect(report?.payload).toMatchObject({
        type: 'usage.daily',
        data: {
          organizationId: a.organizationId,
          day: DAY,
          messages: 4,
          activeVisitors: 2,
          agentSeats: 2,
          storageBytes: 123456,
          webhookDeliveries: 2,
        },
      });
      // A closed day keeps its figures: a late message and another round change nothing.
      await opened.store.insert([message(b, 2, `${DAY}T23:30:00Z`)]);
      const before = await figures(sql);
      expect(before.filter((r) => r.day <= DAY).every((r) => r.closed)).toBe(true);
      expect((await rollup().round(closing)).closed).toBe(0);
      const after = (await figures(sql)).filter((r) => r.day <= DAY);
      expect(after).toEqual(before.filter((r) => r.day <= DAY));
      expect(await sql`select 1 from usage_reports`).toHaveLength(4);
    });
  });
}
