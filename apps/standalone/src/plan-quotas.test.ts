import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@flc/config';
import { openDatabase } from '@flc/storage/postgres';
import { createTestDatabase, serviceUrl } from '@flc/storage/testing';
import {
  bearer,
  bootVisitor,
  chatTenant,
  openConversation,
  restClient,
  TestClient,
} from '@flc/testkit';
// By path: the operator API's test helper.
import { putOnPlan } from '../../api/src/features/operator/testing.ts';
import { type Standalone, startStandalone } from './standalone.ts';

// One process without Redis (the month counted in its memory): a tenant on 10 messages a month
// sends 24 at once over its agent's and its visitor's sockets and REST; exactly 10 are accepted,
// the rest refused with `plan_limit_reached` (socket) or 402 (REST), and another tenant sends on.
const pg = serviceUrl('postgres');
const LIMIT = 10;

describe.if(Boolean(pg))("a plan's messages a month in one process", () => {
  const dataDir = join(tmpdir(), `flc-quota-${crypto.randomUUID()}`);
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let platform: Standalone;
  beforeAll(async () => {
    database = await createTestDatabase(pg as string, 'flc_quota');
    platform = await startStandalone(
      loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        FLC_DATA_DIR: dataDir,
        DATABASE_URL: database.url,
      }),
    );
  }, 60_000);
  afterAll(async () => {
    await platform?.stop();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('sockets and REST together: exactly the plan, then plan_limit_reached; others unaffected', async () => {
    const call = restClient(() => platform.url);
    const ws = `${platform.url.replace('http://', 'ws://')}/v1/ws`;
    const tenant = await chatTenant(call, { name: 'Ten A Month' });
    const other = await chatTenant(call, { name: 'Unlimited' });
    const db = await openDatabase({ databaseUrl: database.url, max: 1 });
    try {
      // As an operator does it: the process forgets the plan it read while the tenant was made.
      await putOnPlan(call, db.sql, tenant.owner.organization.id, { messagesPerMonth: LIMIT });
    } finally {
      await db.close();
    }
    const guest = await bootVisitor(call, tenant);
    const { id: conversationId } = await openConversation(call, guest);

    const socketSends = async (token: string, id: string, n: number) => {
      const socket = await TestClient.connect(`${ws}?token=${token}`);
      await socket.next('ready');
      const cids = Array.from({ length: n }, () => crypto.randomUUID());
      for (const cid of cids) socket.send({ t: 'send', cid, conversationId: id, body: cid });
      const answers = await Promise.all(
        cids.map((cid) =>
          Promise.race([
            socket.next('ack', (a) => a.cid === cid).then(() => 'ack'),
            socket.next('error', (e) => e.ref === cid).then((e) => `${e.code}: ${e.message}`),
          ]),
        ),
      );
      socket.close();
      return answers;
    };
    const restSends = (n: number) =>
      Promise.all(
        Array.from({ length: n }, async (_, i) => {
          const res = await call(
            'POST',
            `/v1/widget/conversations/${conversationId}/messages`,
            { body: `rest ${i}` },
            bearer(guest.sessionToken),
          );
          return res.status === 201
            ? 'ack'
            : `${res.status} ${res.body.error.code}: ${res.body.error.message}`;
        }),
      );

    const answers = (
      await Promise.all([
        socketSends(tenant.owner.accessToken, conversationId, 8),
        socketSends(guest.sessionToken, conversationId, 8),
        restSends(8),
      ])
    ).flat();
    expect(answers.filter((a) => a === 'ack')).toHaveLength(LIMIT);
    const message = `Your plan allows ${LIMIT} messages a month`;
    // Which way got there first varies; every refusal is the plan's, in its transport's words.
    const allowed = [`plan_limit_reached: ${message}`, `402 plan_limit_reached: ${message}`];
    for (const refusal of answers.filter((a) => a !== 'ack')) expect(allowed).toContain(refusal);
    expect(await restSends(1)).toEqual([`402 plan_limit_reached: ${message}`]);
    expect(await socketSends(guest.sessionToken, conversationId, 1)).toEqual([
      `plan_limit_reached: ${message}`,
    ]);

    const otherGuest = await bootVisitor(call, other);
    const otherConversation = await openConversation(call, otherGuest);
    expect(await socketSends(other.owner.accessToken, otherConversation.id, 12)).toEqual(
      Array.from({ length: 12 }, () => 'ack'),
    );
  }, 60_000);
});
