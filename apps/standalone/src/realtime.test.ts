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

test("a label one agent puts on reaches a teammate's inbox live, with the conversation's labels", async () => {
  const tenant = await chatTenant(call, { name: 'Label Co' });
  const ws = platform.url.replace('http://', 'ws://');
  const invited = await call(
    'POST',
    '/v1/agents',
    { email: `mate-${crypto.randomUUID()}@example.com`, name: 'Mate', role: 'agent' },
    tenant.ownerAuth,
  );
  const joined = await call('POST', '/v1/auth/accept-invite', {
    token: invited.body.inviteToken,
    password: 'a long enough password',
  });
  const mate = await TestClient.connect(`${ws}/v1/ws?token=${joined.body.accessToken}`);
  await mate.next('ready');
  const guest = await bootVisitor(call, tenant);
  const opened = await call('POST', '/v1/widget/conversations', {}, bearer(guest.sessionToken));
  const conversationId: string = opened.body.id;
  const created = await mate.next('conversation', (c) => c.event === 'created');
  expect(created.conversation.labelIds).toEqual([]);

  const vip = await call('POST', '/v1/labels', { name: 'VIP', color: '#b45309' }, tenant.ownerAuth);
  const path = `/v1/conversations/${conversationId}/labels/${vip.body.id}`;
  expect((await call('PUT', path, undefined, tenant.ownerAuth)).status).toBe(200);
  // Frames are recorded from the start: each wait names the change it expects, in order.
  const labelled = (c: { conversation: { id: string; labelIds: string[] } }) =>
    c.conversation.id === conversationId && c.conversation.labelIds.length > 0;
  const on = await mate.next('conversation', labelled);
  expect([on.event, on.conversation.labelIds]).toEqual(['updated', [vip.body.id]]);
  // The tenant's backend takes it off with its API key: the agents see that too.
  expect((await call('DELETE', path, undefined, tenant.keyHeaders)).status).toBe(200);
  const after = mate.frames.indexOf(on);
  const off = await mate.next(
    'conversation',
    (c) => c.conversation.id === conversationId && mate.frames.indexOf(c) > after,
  );
  expect([off.event, off.conversation.labelIds]).toEqual(['updated', []]);
  expect(mate.frames.filter((f) => f.t === 'conversation')).toHaveLength(3);
  mate.close();
});

test('an invalid token is refused with 401 before the upgrade', async () => {
  const res = await fetch(`${platform.url}/v1/ws?token=forged`, { headers: upgradeHeaders });
  expect(res.status).toBe(401);
  expect((await res.json()).error.code).toBe('unauthorized');
});
