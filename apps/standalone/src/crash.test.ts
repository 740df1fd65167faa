import { afterAll, expect, test } from 'bun:test';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chatTenant, createWebhook, restartable, restClient, sendThroughKill } from '@flc/testkit';

// The embedded profile killed with SIGKILL while a visitor is sending, then started again on
// the same data directory: every acked message is in the history exactly once, in seq order,
// and sends retried with their cids after the restart get their first ack, not a new message.
// Each stored message has exactly one `message.created` delivery: written in its transaction.
const dataDir = join(tmpdir(), `flc-crash-${crypto.randomUUID()}`);
const platform = restartable(
  ['bun', join(import.meta.dir, 'main.ts')],
  () => ({
    PORT: '0',
    HOST: '127.0.0.1',
    FLC_DATA_DIR: dataDir,
    FLC_WEBHOOK_ALLOW_PRIVATE: 'true',
  }),
  /running at (http:\/\/\S+)/,
  60_000,
);
// Answers every delivery; the count that matters is the delivery log's.
const receiver = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: () => new Response('ok') });
afterAll(async () => {
  await platform.kill();
  await receiver.stop(true);
  rmSync(dataDir, { recursive: true, force: true });
});

const start = async () => (await platform.start()).match[1] ?? '';

test('kill -9 under traffic, restart: history intact, retries deduplicated', async () => {
  let api = await start();
  const call = restClient(() => api);
  const tenant = await chatTenant(call, { name: 'Crash Co' });
  const hook = await createWebhook(call, tenant, `http://127.0.0.1:${receiver.port}/hook`, [
    'message.created',
  ]);

  const total = 300;
  const run = await sendThroughKill({
    baseUrl: () => api,
    tenant,
    total,
    // Kill the platform mid-stream, once some sends are acked and others are not.
    killAfter: 50,
    kill: () => platform.kill(),
    restart: async () => {
      api = await start();
    },
  });
  for (const cid of run.retried) expect(run.ackedAfter.get(cid)).toBe(run.ackedBefore.get(cid));

  const items: { seq: number; cid: string }[] = [];
  for (;;) {
    const after = items.at(-1)?.seq ?? 0;
    const page = await call(
      'GET',
      `/v1/conversations/${run.conversationId}/messages?afterSeq=${after}&limit=100`,
      undefined,
      tenant.ownerAuth,
    );
    expect(page.status).toBe(200);
    items.push(...page.body.items);
    if (!page.body.hasMore) break;
  }
  const deliveries: { eventType: string; eventId: string }[] = [];
  for (let cursor = '', pages = 0; pages < 10; pages++) {
    const page = await call(
      'GET',
      `/v1/webhooks/${hook.id}/deliveries?limit=100${cursor && `&cursor=${cursor}`}`,
      undefined,
      tenant.ownerAuth,
    );
    deliveries.push(...page.body.items);
    if (!page.body.nextCursor) break;
    cursor = page.body.nextCursor;
  }
  const cids = items.map((m) => m.cid);
  console.log(
    `[crash] sent ${total}, acked before kill ${run.ackedBefore.size}, resent ${run.resend.length} ` +
      `(${run.retried.length} already acked), stored ${items.length}, ` +
      `duplicates ${cids.length - new Set(cids).size}, message.created deliveries ${deliveries.length}`,
  );
  expect(deliveries.filter((d) => d.eventType === 'message.created')).toHaveLength(total);
  expect(new Set(deliveries.map((d) => d.eventId)).size).toBe(total);
  expect(items.map((m) => m.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
  expect(new Set(cids).size).toBe(total);
  for (const [cid, seq] of run.ackedBefore) {
    expect(items.find((m) => m.cid === cid)?.seq).toBe(seq);
  }
}, 120_000);
