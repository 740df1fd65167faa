import { afterAll, beforeAll, describe, expect, setSystemTime, test } from 'bun:test';
import { loadConfig } from '@flc/config';
import { type Actor, announceHoursChanged, announcePlanChanged, platformTopic } from '@flc/core';
import postgres from 'postgres';
import { type Database, openDatabase } from '../postgres/database.ts';
import { migrate } from '../postgres/migrate.ts';
import {
  createTestDatabase,
  seedConversation,
  serviceUrl,
  type TestDatabase,
} from '../testing/index.ts';
import { openPlatform, type Platform } from './index.ts';

// The scaled profile's send path on a realtime node: two processes on one PostgreSQL and one
// Redis. The node's statements are counted with postgres.js's `debug` hook.
const pg = serviceUrl('postgres');
const redis = serviceUrl('redis');

const closedAllWeek = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };

describe.if(Boolean(pg && redis))('the send path across processes', () => {
  let fresh: TestDatabase;
  let db: Database;
  let nodeSql: postgres.Sql;
  let api: Platform;
  let node: Platform;
  const statements: string[] = [];
  /** Statements the node made reading plans, and business hours. */
  const reads = () => ({
    plans: statements.filter((s) => s.includes('from organizations o')).length,
    hours: statements.filter((s) => s.includes('from business_hours')).length,
  });

  beforeAll(async () => {
    fresh = await createTestDatabase(pg ?? '');
    db = await openDatabase({ databaseUrl: fresh.url, max: 3 });
    await migrate(db.sql);
    nodeSql = postgres(fresh.url, {
      max: 3,
      onnotice: () => {},
      transform: { undefined: null },
      debug: (_connection, query) => statements.push(query),
    });
    const nodeDb: Database = {
      sql: nodeSql,
      embedded: false,
      ping: async () => {
        await nodeSql`select 1`;
      },
      close: () => nodeSql.end(),
    };
    const config = {
      ...loadConfig({ NODE_ENV: 'test' }),
      redisUrl: redis,
      redisPrefix: `flc-test-${crypto.randomUUID()}`,
      jwtSecret: crypto.randomUUID() + crypto.randomUUID(),
    };
    api = await openPlatform(config, { name: 'test-api', db, presence: 'read' });
    node = await openPlatform(config, { name: 'test-node', db: nodeDb, presence: 'write' });
  }, 60_000);
  afterAll(async () => {
    setSystemTime();
    await node?.close();
    await api?.close();
    await nodeSql?.end();
    await db?.close();
    await fresh?.drop();
  }, 30_000);

  /** Resolves once the node has seen the next platform signal of kind `t`. */
  function nodeHears(t: string) {
    return new Promise<void>((resolve, reject) => {
      node.bus
        .subscribe(platformTopic, (event) => {
          if (event.type === 'signal' && event.frame.startsWith(`{"t":"${t}"`)) resolve();
        })
        .catch(reject);
    });
  }

  async function tenant(messagesPerMonth: number) {
    const seeded = await seedConversation(db.sql);
    await db.sql`update organizations set plan_overrides = ${db.sql.json({
      limits: { messagesPerMonth },
    })} where id = ${seeded.organizationId}`;
    const visitor: Actor = {
      type: 'visitor',
      id: seeded.contactId,
      organizationId: seeded.organizationId,
      environmentId: seeded.environmentId,
    };
    return { ...seeded, visitor };
  }

  test('a plan changed through one process holds at once on another', async () => {
    const t = await tenant(1_000);
    expect(await node.knownPlans.limit(t.organizationId, 'messagesPerMonth')).toBe(1_000);
    await db.sql`update organizations set plan_overrides = ${db.sql.json({
      limits: { messagesPerMonth: 7 },
    })} where id = ${t.organizationId}`;
    const heard = nodeHears('plan');
    await announcePlanChanged(api.bus, t.organizationId);
    await heard;
    expect(await node.knownPlans.limit(t.organizationId, 'messagesPerMonth')).toBe(7);
  });

  test('business hours changed through one process are read again at once on another', async () => {
    const t = await tenant(1_000);
    const message = { organizationId: t.organizationId, conversationId: t.conversationId, seq: 1 };
    await node.awayReplies.visitorWrote(message, t.environmentId);
    const before = reads().hours;
    await node.awayReplies.visitorWrote(message, t.environmentId);
    expect(reads().hours).toBe(before);
    await api.businessHours.put(t.organizationId, t.environmentId, {
      enabled: true,
      timeZone: 'UTC',
      weekly: closedAllWeek,
      holidays: [],
      hideOutsideHours: false,
      awayMessage: 'Back tomorrow',
      replyTimeMinutes: null,
    });
    const heard = nodeHears('hours');
    await announceHoursChanged(api.bus, t.environmentId);
    await heard;
    // Closed all week with an away message: the visitor's message now gets it.
    await node.awayReplies.visitorWrote(message, t.environmentId);
    expect(reads().hours).toBe(before + 1);
    const after = await node.messages.before(t.organizationId, t.conversationId, 1_000, 10);
    expect(after.filter((m) => m.sender.type === 'system').map((m) => m.body)).toEqual([
      'Back tomorrow',
    ]);
  });

  test('a steady-state send reads neither plans nor business hours again', async () => {
    const t = await tenant(1_000);
    const send = async () => {
      const { message } = await node.messages.appendChecked(t.visitor, t.organizationId, {
        conversationId: t.conversationId,
        body: 'hello',
        cid: crypto.randomUUID(),
      });
      // The away reply runs beside the send: waited for here, to count what it reads.
      await node.awayReplies.visitorWrote(message, t.environmentId);
    };
    await send();
    const first = reads();
    expect(first.plans).toBeGreaterThan(0);
    // A minute later (past any 10 s cache), many sends: not one statement for plans or hours.
    setSystemTime(new Date(Date.now() + 60_000));
    for (let i = 0; i < 20; i++) await send();
    expect(reads()).toEqual(first);
  });
});
