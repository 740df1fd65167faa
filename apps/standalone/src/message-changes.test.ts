import { afterAll, beforeAll, expect, test } from 'bun:test';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@flc/config';
import { createClient, type MessageChange } from '@flc/sdk';
import {
  bearer,
  bootVisitor,
  chatTenant,
  openConversation,
  restClient,
  TestClient,
  visitorSays,
} from '@flc/testkit';
import { type Standalone, startStandalone } from './standalone.ts';

// Edits and deletes over the socket, end to end on the embedded profile: followers get them
// live (a note's only on agents' sockets), and a socket resuming with `afterRev` gets what it
// missed of the messages it had, before `subscribed` with the conversation's `headRev`.
const dataDir = join(tmpdir(), `flc-changes-${crypto.randomUUID()}`);
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

test('changes reach followers live and a resume, and a note’s never reach the visitor', async () => {
  const tenant = await chatTenant(call, { name: 'Changing Co' });
  const guest = await bootVisitor(call, tenant);
  const { id: conversationId } = await openConversation(call, guest);
  await visitorSays(call, guest, conversationId, 'my ordr is late'); // seq 1
  const post = (body: unknown) =>
    call('POST', `/v1/conversations/${conversationId}/messages`, body, tenant.ownerAuth);
  expect((await post({ body: 'checking', kind: 'note' })).status).toBe(201); // seq 2
  expect((await post({ body: 'On its way!' })).status).toBe(201); // seq 3
  const ws = platform.url.replace('http://', 'ws://');
  const agent = await TestClient.connect(`${ws}/v1/ws?token=${tenant.owner.accessToken}`);
  const visitor = await TestClient.connect(`${ws}/v1/ws?token=${guest.sessionToken}`);
  await Promise.all([agent.next('ready'), visitor.next('ready')]);
  agent.send({ t: 'subscribe', conversationId, afterSeq: 3, afterRev: 0 });
  visitor.send({ t: 'subscribe', conversationId, afterSeq: 3, afterRev: 0 });
  expect((await agent.next('subscribed')).headRev).toBe(0);
  expect((await visitor.next('subscribed')).headRev).toBe(0);

  const change = (method: string, seq: number, body?: unknown, auth = tenant.ownerAuth) =>
    call(method, `/v1/conversations/${conversationId}/messages/${seq}`, body, auth);
  expect((await change('DELETE', 2)).status).toBe(200); // rev 1: the note
  expect((await change('PATCH', 3, { body: 'On its way, 2 days' })).status).toBe(200); // rev 2
  const fixed = await call(
    'PATCH',
    `/v1/widget/conversations/${conversationId}/messages/1`,
    { body: 'my order is late' },
    bearer(guest.sessionToken),
  );
  expect(fixed.status).toBe(200); // rev 3

  expect(await agent.next('message.deleted')).toMatchObject({ kind: 'note', seq: 2, rev: 1 });
  expect(await agent.next('message.updated', (f) => f.rev === 2)).toMatchObject({ seq: 3 });
  expect(await visitor.next('message.updated', (f) => f.rev === 3)).toMatchObject({
    seq: 1,
    body: 'my order is late',
  });
  // The visitor's socket got the two changes of messages, and nothing of the note.
  const seen = visitor.frames.filter((f) => f.t.startsWith('message.'));
  expect(seen.map((f) => f.t === 'message.updated' && [f.seq, f.rev])).toEqual([
    [3, 2],
    [1, 3],
  ]);

  // A visitor resuming from the first rev it knew gets both changes again before `subscribed`.
  const again = await TestClient.connect(`${ws}/v1/ws?token=${guest.sessionToken}`);
  await again.next('ready');
  again.send({ t: 'subscribe', conversationId, afterSeq: 3, afterRev: 0 });
  const subscribed = await again.next('subscribed');
  expect(subscribed.headRev).toBe(3);
  const before = again.frames
    .slice(0, again.frames.indexOf(subscribed))
    // What a visitor's socket is told on opening (ready, the environment's availability) aside.
    .filter((f) => f.t !== 'ready' && f.t !== 'availability');
  expect(before.map((f) => f.t === 'message.updated' && [f.seq, f.rev, f.body])).toEqual([
    [3, 2, 'On its way, 2 days'],
    [1, 3, 'my order is late'],
  ]);
  // The agent resuming from rev 2 gets the one change after it.
  const agent2 = await TestClient.connect(`${ws}/v1/ws?token=${tenant.owner.accessToken}`);
  await agent2.next('ready');
  agent2.send({ t: 'subscribe', conversationId, afterSeq: 3, afterRev: 2 });
  const head = await agent2.next('subscribed');
  expect(
    agent2.frames.slice(0, agent2.frames.indexOf(head)).filter((f) => f.t.startsWith('message.')),
  ).toMatchObject([{ t: 'message.updated', seq: 1, rev: 3 }]);
  for (const socket of [agent, visitor, again, agent2]) socket.close();
});

test('the SDK resumes after the last change it heard: an edit made while it was away arrives', async () => {
  const tenant = await chatTenant(call, { name: 'Resuming Co' });
  const guest = await bootVisitor(call, tenant);
  const { id: conversationId } = await openConversation(call, guest);
  await visitorSays(call, guest, conversationId, 'frist'); // seq 1
  const edit = (body: string) =>
    call(
      'PATCH',
      `/v1/widget/conversations/${conversationId}/messages/1`,
      { body },
      bearer(guest.sessionToken),
    );
  const client = createClient({ url: platform.url, token: tenant.owner.accessToken });
  const heard: MessageChange[] = [];
  const waiters: (() => void)[] = [];
  client.on('message.updated', (c) => {
    heard.push(c);
    for (const w of waiters.splice(0)) w();
  });
  const nextChange = () => new Promise<void>((resolve) => waiters.push(resolve));
  const subscribed = () =>
    new Promise<void>((resolve) => {
      const off = client.on('subscribed', () => {
        off();
        resolve();
      });
    });
  client.subscribe(conversationId, 1);
  let ready = subscribed();
  client.connect();
  await ready;
  let changed = nextChange();
  expect((await edit('first')).status).toBe(200); // rev 1, live
  await changed;
  client.close();
  expect((await edit('first!')).status).toBe(200); // rev 2, while the client is away

  changed = nextChange();
  ready = subscribed();
  client.connect();
  await Promise.all([changed, ready]);
  client.close();
  // Rev 1 is not sent again: the resume asked for the changes after it.
  expect(heard.map((c) => [c.rev, 'body' in c && c.body])).toEqual([
    [1, 'first'],
    [2, 'first!'],
  ]);
});
