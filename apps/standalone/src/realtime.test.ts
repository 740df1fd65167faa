import { afterAll, beforeAll, expect, test } from 'bun:test';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@flc/config';
import {
  bearer,
  bootVisitor,
  chatTenant,
  restClient,
  TestClient,
  upgradeHeaders,
} from '@flc/testkit';
import { type Standalone, startStandalone } from './standalone.ts';

// The embedded profile end to end: REST and WebSocket on one port, real tokens, PGlite.
const dataDir = join(tmpdir(), `flc-realtime-${crypto.randomUUID()}`);
let platform: Standalone;
beforeAll(async () => {
  platform = await startStandalone(
    loadConfig({ PORT: '0', HOST: '127.0.0.1', FLC_DATA_DIR: dataDir }),
  );
}, 60_000);
afterAll(async () => {
  await platform.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const call = restClient(() => platform.url);

test('a visitor and an agent talk both ways over the socket and REST; the inbox updates live', async () => {
  const tenant = await chatTenant(call, { name: 'Live Co' });
  const guest = await bootVisitor(call, tenant);
  const visitorAuth = bearer(guest.sessionToken);
  const ws = platform.url.replace('http://', 'ws://');

  const agent = await TestClient.connect(`${ws}/v1/ws?token=${tenant.owner.accessToken}`);
  expect((await agent.next('ready')).principal.type).toBe('agent');
  const opened = await call('POST', '/v1/widget/conversations', {}, visitorAuth);
  expect(opened.status).toBe(201);
  const conversationId: string = opened.body.id;
  expect((await agent.next('conversation', (c) => c.event === 'created')).conversation.id).toBe(
    conversationId,
  );

  const visitor = await TestClient.connect(`${ws}/v1/ws?token=${guest.sessionToken}`);
  await visitor.next('ready');
  visitor.send({ t: 'subscribe', conversationId, afterSeq: 0 });
  agent.send({ t: 'subscribe', conversationId });
  await Promise.all([visitor.next('subscribed'), agent.next('subscribed')]);

  visitor.send({ t: 'send', cid: 'hello-1', conversationId, body: 'Hi, my order is late' });
  expect((await visitor.next('ack')).seq).toBe(1);
  expect((await agent.next('message', (m) => m.seq === 1)).body).toBe('Hi, my order is late');
  const inbox = await agent.next('conversation', (c) => c.event === 'message');
  expect(inbox.conversation.lastMessage?.body).toBe('Hi, my order is late');

  const reply = await call(
    'POST',
    `/v1/conversations/${conversationId}/messages`,
    { body: 'On it!' },
    tenant.ownerAuth,
  );
  expect(reply.status).toBe(201);
  const delivered = await visitor.next('message', (m) => m.seq === 2);
  expect(delivered).toMatchObject({ body: 'On it!', sender: { type: 'agent' } });

  const history = await call(
    'GET',
    `/v1/widget/conversations/${conversationId}/messages`,
    undefined,
    visitorAuth,
  );
  expect(history.body.items.map((m: { seq: number }) => m.seq)).toEqual([1, 2]);
  visitor.close();
  agent.close();
});

test('an invalid token is refused with 401 before the upgrade', async () => {
  const res = await fetch(`${platform.url}/v1/ws?token=forged`, { headers: upgradeHeaders });
  expect(res.status).toBe(401);
  expect((await res.json()).error.code).toBe('unauthorized');
});
