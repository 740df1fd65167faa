import { afterAll, beforeAll, expect, test } from 'bun:test';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@flc/config';
import {
  bearer,
  bootVisitor,
  chatTenant,
  openConversation,
  pixelPng,
  restClient,
  TestClient,
  uploadFile,
} from '@flc/testkit';
import { type Standalone, startStandalone } from './standalone.ts';

// Attachments over the socket, end to end on the embedded profile: a visitor uploads an image,
// sends it with a `send` frame, the agent following the conversation gets the message with a
// link that serves the bytes from the data directory, and a resume carries it again.
const dataDir = join(tmpdir(), `flc-attachments-${crypto.randomUUID()}`);
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

test('a visitor sends an image over the socket; the agent gets it live and on resume', async () => {
  const tenant = await chatTenant(call, { name: 'Picture Co' });
  const guest = await bootVisitor(call, tenant);
  const { id: conversationId } = await openConversation(call, guest);
  const uploaded = await uploadFile(
    call,
    `/v1/widget/conversations/${conversationId}/attachments`,
    bearer(guest.sessionToken),
    pixelPng,
    'broken page.png',
  );
  expect(uploaded.status).toBe(201);
  const { id } = uploaded.body as { id: string };

  const ws = platform.url.replace('http://', 'ws://');
  const agent = await TestClient.connect(`${ws}/v1/ws?token=${tenant.owner.accessToken}`);
  const visitor = await TestClient.connect(`${ws}/v1/ws?token=${guest.sessionToken}`);
  await Promise.all([agent.next('ready'), visitor.next('ready')]);
  agent.send({ t: 'subscribe', conversationId, afterSeq: 0 });
  await agent.next('subscribed');

  // An id that is not this conversation's is the sender's mistake: bad_frame, nothing sent.
  visitor.send({
    t: 'send',
    cid: 'c-0',
    conversationId,
    body: 'this one?',
    attachments: [crypto.randomUUID()],
  });
  expect(await visitor.next('error')).toMatchObject({ code: 'bad_frame', ref: 'c-0' });

  visitor.send({
    t: 'send',
    cid: 'c-1',
    conversationId,
    body: 'it looks like this',
    attachments: [id],
  });
  expect(await visitor.next('ack')).toMatchObject({ cid: 'c-1', seq: 1 });
  const live = await agent.next('message');
  expect(live).toMatchObject({
    seq: 1,
    attachments: [{ id, fileName: 'broken page.png', contentType: 'image/png', width: 31 }],
  });
  const link = (live as { attachments: { url: string }[] }).attachments[0]?.url ?? '';
  const served = await fetch(`${platform.url}${link}`);
  expect(served.headers.get('content-type')).toBe('image/png');
  expect(new Uint8Array(await served.arrayBuffer())).toEqual(pixelPng);

  const again = await TestClient.connect(`${ws}/v1/ws?token=${tenant.owner.accessToken}`);
  await again.next('ready');
  again.send({ t: 'subscribe', conversationId, afterSeq: 0 });
  expect(await again.next('message')).toMatchObject({ seq: 1, attachments: [{ id }] });
  for (const c of [agent, visitor, again]) c.close();
});
