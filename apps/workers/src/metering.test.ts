import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { type Message, uuidv7 } from '@flc/core';
import { type MongoMessageStoreHandle, openMongoMessageStore } from '@flc/storage/mongo';
import { utcDay } from '@flc/storage/postgres';
import { mongoTarget, serviceUrl } from '@flc/storage/testing';
import {
  eventually,
  type FreshDatabase,
  freshDatabase,
  type SqlTenant,
  seedTenant,
} from '@flc/testkit';
import { restartableWorkers } from './testing/workers-process.ts';

// The scaled profile's metering: the workers process, its messages in MongoDB (FerretDB), counts
// today's messages of the tenant every second into usage_daily.
const pg = serviceUrl('postgres');
const redis = serviceUrl('redis');
const mongo = mongoTarget();

describe.if(Boolean(pg && redis && mongo))('usage metering in the workers process', () => {
  const scratch = mongo?.create();
  let database: FreshDatabase;
  let tenant: SqlTenant;
  let messages: MongoMessageStoreHandle;
  const workers = restartableWorkers(
    () => database.url,
    redis ?? '',
    {
      MONGODB_URL: `${scratch?.url ?? ''}${scratch?.database ?? ''}`,
      FLC_METERING_INTERVAL: '1',
    },
    /workers running/,
  );

  beforeAll(async () => {
    database = await freshDatabase(pg ?? '');
    tenant = await seedTenant(database.db.sql, 2);
    messages = await openMongoMessageStore({
      url: scratch?.url ?? '',
      database: scratch?.database ?? '',
    });
  }, 60_000);
  afterAll(async () => {
    await workers.kill();
    await messages?.close();
    await scratch?.drop();
    await database?.drop();
  });

  test("today's messages in MongoDB are metered, once per tenant and day", async () => {
    const now = Date.now();
    const written: Message[] = tenant.conversationIds.flatMap((conversationId, c) =>
      [1, 2, 3].map((seq) => ({
        id: uuidv7(),
        organizationId: tenant.organizationId,
        conversationId,
        seq,
        sender: c === 0 ? tenant.visitor : tenant.agent,
        body: `message ${seq}`,
        createdAt: new Date(now - seq).toISOString(),
      })),
    );
    await messages.store.insert(written);
    await workers.start();
    const today = utcDay(new Date());
    const row = async () => {
      const [r] = await database.db.sql<{ messages: number; active_visitors: number }[]>`
        select messages::int as messages, active_visitors from usage_daily
        where organization_id = ${tenant.organizationId} and day = ${today}::date`;
      return r;
    };
    await eventually('the workers to meter today', async () => (await row())?.messages === 6);
    expect(await row()).toEqual({ messages: 6, active_visitors: 1 });
    const [count] = await database.db.sql<{ n: number }[]>`
      select count(*)::int as n from usage_daily where organization_id = ${tenant.organizationId}`;
    // Today only, once: the tenant was made today, so it has no row for yesterday.
    expect(count?.n).toBe(1);
  }, 60_000);
});
