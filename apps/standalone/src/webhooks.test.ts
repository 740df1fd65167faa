import { afterAll, beforeAll, expect, test } from 'bun:test';
import { createHmac } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@flc/config';
import {
  bootVisitor,
  chatTenant,
  createWebhook,
  openConversation,
  restClient,
  TestClient,
} from '@flc/testkit';
import { type Standalone, startStandalone } from './standalone.ts';

// The embedded profile's webhook dispatcher (a Web Worker of the standalone process, on PGlite's
// socket): events from REST and from the socket reach a receiver on loopback, signed, in order.
const dataDir = join(tmpdir(), `flc-webhooks-${crypto.randomUUID()}`);
const received: { raw: string; headers: Headers }[] = [];
let wake = () => {};
const receiver = Bun.serve({
  port: 0,
  hostname: '127.0.0.1',
  async fetch(request) {
    received.push({ raw: await request.text(), headers: request.headers });
    wake();
    return new Response('ok');
  },
});
const until = async (count: number) => {
  while (received.length < count) await new Promise<void>((resolve) => (wake = resolve));
};

let platform: Standalone;
beforeAll(async () => {
  platform = await startStandalone(
    loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      FLC_DATA_DIR: dataDir,
      FLC_WEBHOOK_ALLOW_PRIVATE: 'true',
      FLC_WEBHOOK_POLL_MS: '20',
    }),
  );
}, 60_000);
afterAll(async () => {
  await platform.stop();
  await receiver.stop(true);
  rmSync(dataDir, { recursive: true, force: true });
});

const call = restClient(() => platform.url);

test('conversation and message events reach the webhook signed and in order', async () => {
  const running = async () =>
    /^flc_webhook_dispatchers_running (\d+)$/m.exec(
      await (await fetch(`${platform.url}/metrics`)).text(),
    )?.[1];
  // No webhook yet: no dispatcher worker either; the first webhook starts it.
  expect(await running()).toBe('0');
  const tenant = await chatTenant(call, { name: 'Hooked Co' });
  const hook = await createWebhook(call, tenant, `http://127.0.0.1:${receiver.port}/hook`, [
    'conversation.created',
    'conversation.updated',
    'message.created',
  ]);
  const guest = await bootVisitor(call, tenant);
  const { id: conversationId } = await openConversation(call, guest);
  const ws = platform.url.replace('http://', 'ws://');
  const visitor = await TestClient.connect(`${ws}/v1/ws?token=${guest.sessionToken}`);
  await visitor.next('ready');
  visitor.send({ t: 'send', cid: 'c-1', conversationId, body: 'Over the socket' });
  await visitor.next('ack');
  await call(
    'POST',
    `/v1/conversations/${conversationId}/messages`,
    { body: 'Over REST' },
    tenant.ownerAuth,
  );
  await call(
    'PATCH',
    `/v1/conversations/${conversationId}`,
    { status: 'closed' },
    tenant.ownerAuth,
  );
  // The visitor writes again: that reopens the conversation.
  visitor.send({ t: 'send', cid: 'c-2', conversationId, body: 'Back again' });
  await visitor.next('ack', (f) => f.cid === 'c-2');
  visitor.close();
  await until(6);

  const events = received.map((r) => JSON.parse(r.raw));
  expect(events.map((e) => [e.type, e.data.message?.body ?? e.data.conversation.status])).toEqual([
    ['conversation.created', 'open'],
    ['message.created', 'Over the socket'],
    ['message.created', 'Over REST'],
    ['conversation.updated', 'closed'],
    ['message.created', 'Back again'],
    ['conversation.updated', 'open'],
  ]);
  // What a receiver does (the README's example): recompute the signature, check the age.
  for (const { raw, headers } of received) {
    const timestamp = headers.get('x-flc-timestamp') ?? '';
    const expected = createHmac('sha256', hook.signingSecret)
      .update(`${timestamp}.${raw}`)
      .digest('hex');
    expect(headers.get('x-flc-signature')).toBe(`v1=${expected}`);
    expect(Math.abs(Date.now() / 1000 - Number(timestamp))).toBeLessThan(300);
    expect(headers.get('x-flc-event-id')).toBe(JSON.parse(raw).id);
  }
  const log = await call('GET', `/v1/webhooks/${hook.id}/deliveries`, undefined, tenant.ownerAuth);
  expect(log.body.items).toHaveLength(6);
  // The log is written just after the receiver answered; every attempt was the first.
  expect(log.body.items.every((d: { attempts: number }) => d.attempts === 1)).toBe(true);
  // The deliveries above came from the dispatcher the webhook started.
  expect(await running()).toBe('1');
});
