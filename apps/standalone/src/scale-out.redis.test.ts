import { afterAll, describe, expect, test } from 'bun:test';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@flc/config';
import { openDatabase } from '@flc/storage/postgres';
import { createTestDatabase, serviceUrl } from '@flc/storage/testing';
import {
  bootVisitor,
  chatTenant,
  createWebhook,
  eventually,
  openConversation,
  restClient,
  TestClient,
} from '@flc/testkit';
import { type Standalone, startStandalone } from './standalone.ts';

// The standalone process with REDIS_URL: the Redis bus, appends deferred, and the persisters and
// the webhooks' fan-out as Web Workers of the process, on PostgreSQL and on embedded PGlite
// (through its socket). Messages sent over the socket reach the store through the persisters,
// which also move the read model: a visitor's message reopens the conversation the agent closed
// (live `updated`, `conversation.updated`), and every message makes its `message.created`.
const redis = serviceUrl('redis');
const pg = serviceUrl('postgres');

interface Target {
  name: string;
  /** Where the data lives: DATABASE_URL, or FLC_DATA_DIR for PGlite. */
  env(): Promise<Record<string, string>>;
  /** Opens the database once the platform has stopped (PGlite is the process's own). */
  open(): ReturnType<typeof openDatabase>;
  cleanup(): Promise<void>;
}

const pgliteTarget = (): Target => {
  const dataDir = join(tmpdir(), `flc-scale-out-${crypto.randomUUID()}`);
  return {
    name: 'pglite',
    env: async () => ({ FLC_DATA_DIR: dataDir }),
    open: () => openDatabase({ dataDir }),
    cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
};
const postgresTarget = (adminUrl: string): Target => {
  let fresh: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  return {
    name: 'postgres',
    env: async () => {
      fresh = await createTestDatabase(adminUrl, 'flc_standalone');
      return { DATABASE_URL: fresh.url };
    },
    open: () => openDatabase({ databaseUrl: fresh?.url, max: 1 }),
    cleanup: async () => fresh?.drop(),
  };
};

const targets = [pgliteTarget(), ...(pg ? [postgresTarget(pg)] : [])];
const MESSAGES = 20;

for (const target of targets) {
  describe.if(Boolean(redis))(`standalone with REDIS_URL on ${target.name}`, () => {
    const received: { type: string; data: Record<string, { status?: string }> }[] = [];
    let wake = () => {};
    // Started by the test: a skipped suite (no Redis) opens no port.
    let receiver: ReturnType<typeof Bun.serve> | undefined;
    let platform: Standalone | undefined;
    afterAll(async () => {
      await platform?.stop();
      await receiver?.stop(true);
      await target.cleanup();
    }, 30_000);

    test('socket messages reach the store through the persister workers', async () => {
      receiver = Bun.serve({
        port: 0,
        hostname: '127.0.0.1',
        async fetch(request) {
          received.push(JSON.parse(await request.text()));
          wake();
          return new Response('ok');
        },
      });
      platform = await startStandalone(
        loadConfig({
          ...(await target.env()),
          PORT: '0',
          HOST: '127.0.0.1',
          REDIS_URL: redis ?? '',
          FLC_REDIS_PREFIX: `flc-test-${crypto.randomUUID()}`,
          FLC_PERSISTER_WORKERS: '2',
          FLC_PERSISTER_BATCH: '5',
          FLC_WEBHOOK_ALLOW_PRIVATE: 'true',
          FLC_WEBHOOK_POLL_MS: '20',
        }),
      );
      const running = platform;
      const call = restClient(() => running.url);
      const tenant = await chatTenant(call, { name: 'Scaled Co' });
      await createWebhook(call, tenant, `http://127.0.0.1:${receiver?.port}/hook`, [
        'conversation.updated',
        'message.created',
      ]);
      const guest = await bootVisitor(call, tenant);
      const { id: conversationId } = await openConversation(call, guest);
      const ws = running.url.replace('http://', 'ws://');
      const agent = await TestClient.connect(`${ws}/v1/ws?token=${tenant.owner.accessToken}`);
      await agent.next('ready');
      const closed = await call(
        'PATCH',
        `/v1/conversations/${conversationId}`,
        { status: 'closed' },
        tenant.ownerAuth,
      );
      expect(closed.body.status).toBe('closed');

      const visitor = await TestClient.connect(`${ws}/v1/ws?token=${guest.sessionToken}`);
      await visitor.next('ready');
      for (let i = 1; i <= MESSAGES; i++) {
        visitor.send({ t: 'send', cid: `c-${i}`, conversationId, body: `message ${i}` });
      }
      const last = await visitor.next('ack', (f) => f.cid === `c-${MESSAGES}`);
      expect(last.seq).toBe(MESSAGES);
      // The persisters reopened it: agents hear it open again, with the last message (inbox
      // events of one conversation are coalesced: the newest summary is the one that counts).
      const reopened = await agent.next(
        'conversation',
        (f) => f.conversation.status === 'open' && f.conversation.lastMessage?.seq === MESSAGES,
      );
      expect(reopened.conversation.id).toBe(conversationId);
      const shown = await call(
        'GET',
        `/v1/conversations/${conversationId}`,
        undefined,
        tenant.ownerAuth,
      );
      expect(shown.body).toMatchObject({ status: 'open', lastSeq: MESSAGES });

      // Webhooks: the API's close, the persister's reopen, the fan-out's messages.
      while (received.length < MESSAGES + 2) await new Promise<void>((r) => (wake = r));
      const updates = received.filter((e) => e.type === 'conversation.updated');
      expect(updates.map((e) => e.data.conversation?.status)).toEqual(['closed', 'open']);
      expect(received.filter((e) => e.type === 'message.created')).toHaveLength(MESSAGES);

      const metrics = async () => (await fetch(`${running.url}/metrics`)).text();
      await eventually(
        'both groups caught up',
        async () => {
          const text = await metrics();
          return (
            text.includes('flc_persister_lag 0\n') &&
            text.includes('flc_persister_pending 0\n') &&
            text.includes('flc_webhook_fanout_lag 0\n')
          );
        },
        20_000,
      );
      const text = await metrics();
      expect(text).toContain(`flc_persister_messages_total ${MESSAGES}\n`);
      expect(text).toContain('flc_workers_running 2\n');
      expect(text).toContain(`flc_webhook_messages_total ${MESSAGES}\n`);
      expect(text).toContain('flc_http_requests_total');
      expect(text.match(/^# TYPE process_resident_memory_bytes/gm)).toHaveLength(1);
      // Both stores answer the process's own pings (through its pools).
      expect(text).toContain('flc_dependency_up{dependency="postgresql"} 1\n');
      expect(text).toContain('flc_dependency_up{dependency="redis"} 1\n');
      expect(text).toMatch(/^flc_dependency_ping_seconds\{dependency="redis"\} [\d.e-]+$/m);
      agent.close();
      visitor.close();
      await running.stop();
      platform = undefined;

      // In the store, each once, written by the persisters (the API and the gateway never are).
      const db = await target.open();
      try {
        const rows = await db.sql<{ seq: number; cid: string }[]>`
          select seq, cid from messages where conversation_id = ${conversationId} order by seq`;
        expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: MESSAGES }, (_, i) => i + 1));
        expect(rows.map((r) => r.cid)).toEqual(
          Array.from({ length: MESSAGES }, (_, i) => `c-${i + 1}`),
        );
      } finally {
        await db.close();
      }
    }, 60_000);
  });
}
