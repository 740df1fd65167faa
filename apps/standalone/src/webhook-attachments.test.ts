import { afterAll, beforeAll, expect, test } from 'bun:test';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@flc/config';
import { AttachmentLinks } from '@flc/core';
import {
  bearer,
  bootVisitor,
  chatTenant,
  createWebhook,
  freePort,
  openConversation,
  pixelPng,
  restClient,
  uploadFile,
} from '@flc/testkit';
import { type Standalone, startStandalone } from './standalone.ts';

// A message's attachments in its `message.created` webhook: metadata and a link signed at the
// delivery, absolute under FLC_PUBLIC_URL, that an integration fetches with no session; a link
// altered is 403 and one whose time is up 410.
const dataDir = join(tmpdir(), `flc-webhook-files-${crypto.randomUUID()}`);
const jwtSecret = `${crypto.randomUUID()}${crypto.randomUUID()}`;
const received: string[] = [];
let wake = () => {};
const receiver = Bun.serve({
  port: 0,
  hostname: '127.0.0.1',
  async fetch(request) {
    received.push(await request.text());
    wake();
    return new Response('ok');
  },
});

let platform: Standalone;
let publicUrl: string;
beforeAll(async () => {
  const port = freePort();
  publicUrl = `http://127.0.0.1:${port}`;
  platform = await startStandalone(
    loadConfig({
      PORT: String(port),
      HOST: '127.0.0.1',
      FLC_DATA_DIR: dataDir,
      JWT_SECRET: jwtSecret,
      FLC_PUBLIC_URL: publicUrl,
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

test('message.created carries signed links an integration fetches without a session', async () => {
  const tenant = await chatTenant(call, { name: 'Files Co' });
  await createWebhook(call, tenant, `http://127.0.0.1:${receiver.port}/hook`, ['message.created']);
  const guest = await bootVisitor(call, tenant);
  const { id: conversationId } = await openConversation(call, guest);
  const uploaded = await uploadFile(
    call,
    `/v1/widget/conversations/${conversationId}/attachments`,
    bearer(guest.sessionToken),
    pixelPng,
    'receipt.png',
  );
  expect(uploaded.status).toBe(201);
  const { id } = uploaded.body as { id: string };
  const sent = await call(
    'POST',
    `/v1/widget/conversations/${conversationId}/messages`,
    { body: '', attachments: [id] },
    bearer(guest.sessionToken),
  );
  expect(sent.status).toBe(201);
  while (received.length < 1) await new Promise<void>((resolve) => (wake = resolve));

  const event = JSON.parse(received[0] ?? '{}');
  expect(event.type).toBe('message.created');
  expect(event.data.message).toMatchObject({
    body: '',
    attachments: [
      {
        id,
        fileName: 'receipt.png',
        contentType: 'image/png',
        size: pixelPng.length,
        image: true,
        width: 31,
        height: 17,
      },
    ],
  });
  const url: string = event.data.message.attachments[0].url;
  expect(url.startsWith(`${publicUrl}/v1/attachments/${id}?`)).toBe(true);
  // No credentials: the link is the permission.
  const served = await fetch(url);
  expect(served.status).toBe(200);
  expect(new Uint8Array(await served.arrayBuffer())).toEqual(pixelPng);

  const link = new URL(url);
  const exp = link.searchParams.get('exp');
  const sig = link.searchParams.get('sig') ?? '';
  const tampered = `${publicUrl}${link.pathname}?exp=${exp}&sig=${sig.slice(0, -2)}xx`;
  expect((await fetch(tampered)).status).toBe(403);
  const longer = `${publicUrl}${link.pathname}?exp=${Number(exp) + 3600}&sig=${sig}`;
  expect((await fetch(longer)).status).toBe(403);
  // A link the platform signed an hour ago, for a minute: expired.
  const old = new AttachmentLinks(jwtSecret, 60, () => Date.now() - 3_600_000).path(id);
  const expired = await fetch(`${publicUrl}${old}`);
  expect(expired.status).toBe(410);
  expect((await expired.json()).error.code).toBe('link_expired');
});
