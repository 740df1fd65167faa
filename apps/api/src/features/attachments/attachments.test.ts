import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AttachmentLinks } from '@flc/core';
import { pgliteTarget, serviceUrl } from '@flc/storage/testing';
import { bootVisitor, type ChatTenant, chatTenant, openConversation, pixelPng } from '@flc/testkit';
import { createTestApi, databaseTargets, type TestApi } from '../../testing/harness.ts';
import { cleanName } from './service.ts';

// Uploads by agents and visitors, typed from their bytes, served by signed links with the headers
// that keep a browser from running them; size and storage limits (the latter race-free on
// PostgreSQL); tenants and visitors kept apart; and the same on an S3 bucket (SeaweedFS).
const html = new TextEncoder().encode('<html><script>alert(document.cookie)</script></html>');

function uploader(api: TestApi) {
  return async (
    path: string,
    auth: Record<string, string>,
    file: Blob | null,
    name = 'file.bin',
  ) => {
    const form = new FormData();
    if (file !== null) form.set('file', file, name);
    const res = await api.handle(
      new Request(`http://localhost${path}`, { method: 'POST', headers: auth, body: form }),
    );
    return {
      status: res.status,
      retryAfter: res.headers.get('retry-after'),
      // biome-ignore lint/suspicious/noExplicitAny: loosely typed JSON replies
      body: (await res.json()) as any,
    };
  };
}

async function setUp(api: TestApi) {
  const tenant = await chatTenant(api.rest);
  const visitor = await bootVisitor(api.rest, tenant);
  const chat = await openConversation(api.rest, visitor);
  return { tenant, visitor, chat };
}
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const fetchLink = (api: TestApi, url: string) => api.handle(new Request(`http://localhost${url}`));

for (const target of databaseTargets()) {
  describe(`attachments on ${target.name}`, () => {
    let api: TestApi;
    let upload: ReturnType<typeof uploader>;
    beforeAll(async () => {
      api = await createTestApi(target, {
        attachmentMaxBytes: 4096,
        attachmentOrganizationBytes: 6000,
        attachmentOrganizationUploadsPerDay: 5,
      });
      upload = uploader(api);
    }, 60_000);
    afterAll(() => api.close());

    test('an image is an image by its bytes, whatever its name; its link serves it inline', async () => {
      const { tenant, chat } = await setUp(api);
      const res = await upload(
        `/v1/conversations/${chat.id}/attachments`,
        bearer(tenant.owner.accessToken),
        new Blob([pixelPng], { type: 'text/html' }),
        'screenshot.html',
      );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        conversationId: chat.id,
        fileName: 'screenshot.html',
        contentType: 'image/png',
        size: pixelPng.byteLength,
        image: true,
        width: 31,
        height: 17,
      });
      const served = await fetchLink(api, res.body.url);
      expect(served.status).toBe(200);
      expect(new Uint8Array(await served.arrayBuffer())).toEqual(pixelPng);
      const headers: Record<string, string> = {};
      served.headers.forEach((value, name) => {
        headers[name] = value;
      });
      expect(headers).toMatchObject({
        'content-type': 'image/png',
        'content-disposition': `inline; filename="screenshot.html"; filename*=UTF-8''screenshot.html`,
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
      });
    });

    test("a visitor's HTML named .png is a download, never a page", async () => {
      const { visitor, chat } = await setUp(api);
      const res = await upload(
        `/v1/widget/conversations/${chat.id}/attachments`,
        bearer(visitor.sessionToken),
        new Blob([html], { type: 'image/png' }),
        '../../etc/photo.png',
      );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        fileName: 'photo.png',
        contentType: 'text/plain; charset=utf-8',
        image: false,
      });
      expect(res.body.width).toBeUndefined();
      const served = await fetchLink(api, res.body.url);
      expect(served.headers.get('content-type')).toBe('application/octet-stream');
      expect(served.headers.get('content-disposition')).toStartWith('attachment;');
      expect(served.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await served.text()).toBe(new TextDecoder().decode(html));
    });

    test('a link is good only as signed: another id, a longer life or another signature is 403', async () => {
      const { tenant, chat } = await setUp(api);
      const res = await upload(
        `/v1/conversations/${chat.id}/attachments`,
        bearer(tenant.owner.accessToken),
        new Blob([pixelPng]),
        'a.png',
      );
      const url = new URL(`http://localhost${res.body.url}`);
      const exp = Number(url.searchParams.get('exp'));
      const sig = url.searchParams.get('sig');
      for (const bad of [
        `/v1/attachments/${crypto.randomUUID()}?exp=${exp}&sig=${sig}`,
        `${url.pathname}?exp=${exp + 60}&sig=${sig}`,
        `${url.pathname}?exp=${exp}&sig=${sig?.slice(1)}x`,
        `${url.pathname}?exp=1&sig=${sig}`,
      ]) {
        const answer = await fetchLink(api, bad);
        expect({ bad, status: answer.status }).toEqual({ bad, status: 403 });
      }
      expect((await fetchLink(api, `${url.pathname}?exp=${exp}`)).status).toBe(422);
      // Signed by the platform, but its time is up: 410, so a holder knows to read it again.
      const past = new AttachmentLinks(api.deps.jwtSecret, 60, () => Date.now() - 120_000);
      const expired = await fetchLink(api, past.path(res.body.id));
      expect(expired.status).toBe(410);
      expect((await expired.json()).error.code).toBe('link_expired');
    });

    test('nobody uploads to a conversation they cannot see', async () => {
      const { chat } = await setUp(api);
      const other = await setUp(api);
      const foreignAgent = await upload(
        `/v1/conversations/${chat.id}/attachments`,
        bearer(other.tenant.owner.accessToken),
        new Blob([pixelPng]),
      );
      const otherVisitor = await upload(
        `/v1/widget/conversations/${chat.id}/attachments`,
        bearer(other.visitor.sessionToken),
        new Blob([pixelPng]),
      );
      const anonymous = await upload(
        `/v1/conversations/${chat.id}/attachments`,
        {},
        new Blob([pixelPng]),
      );
      expect([foreignAgent.status, otherVisitor.status, anonymous.status]).toEqual([404, 404, 401]);
    });

    test('bad uploads: too large, empty, no file, a NUL in the name', async () => {
      const { tenant, chat } = await setUp(api);
      const path = `/v1/conversations/${chat.id}/attachments`;
      const auth = bearer(tenant.owner.accessToken);
      const big = await upload(path, auth, new Blob([new Uint8Array(5000)]));
      expect(big).toMatchObject({ status: 413, body: { error: { code: 'too_large' } } });
      expect((await upload(path, auth, new Blob([]))).status).toBe(422);
      expect((await upload(path, auth, null)).status).toBe(422);
      // A NUL in the name, as raw bytes (FormData would escape it); cleanName refuses one too.
      const boundary = 'flc-boundary';
      const raw = await api.handle(
        new Request(`http://localhost${path}`, {
          method: 'POST',
          headers: { ...auth, 'content-type': `multipart/form-data; boundary=${boundary}` },
          body: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a\u0000.png"\r\nContent-Type: image/png\r\n\r\nhello\r\n--${boundary}--\r\n`,
        }),
      );
      // The form parser ends the name at the NUL: none is ever stored.
      expect(raw.status).toBe(201);
      expect((await raw.json()).fileName).toBe('a');
      const declared = await api.handle(
        new Request(`http://localhost${path}`, {
          method: 'POST',
          headers: { ...auth, 'content-length': String(10 * 1024 * 1024) },
          body: 'x',
        }),
      );
      expect(declared.status).toBe(413);
    });

    test('a message carries attachments uploaded to its conversation, with links that serve them', async () => {
      const { tenant, visitor, chat } = await setUp(api);
      const auth = bearer(tenant.owner.accessToken);
      const visitorAuth = bearer(visitor.sessionToken);
      const image = await upload(
        `/v1/widget/conversations/${chat.id}/attachments`,
        visitorAuth,
        new Blob([pixelPng]),
        'shot.png',
      );
      const file = await upload(
        `/v1/widget/conversations/${chat.id}/attachments`,
        visitorAuth,
        new Blob([html]),
        'page.html',
      );
      const sent = await api.call('POST', `/v1/widget/conversations/${chat.id}/messages`, {
        headers: visitorAuth,
        body: { body: 'See these', attachments: [image.body.id, file.body.id] },
      });
      expect(sent.status).toBe(201);
      const carried = [
        { id: image.body.id, fileName: 'shot.png', contentType: 'image/png', image: true },
        { id: file.body.id, fileName: 'page.html', image: false },
      ];
      expect(sent.body.attachments).toMatchObject(carried);
      expect(sent.body.attachments[0]).toMatchObject({
        width: 31,
        height: 17,
        size: pixelPng.length,
      });
      expect(sent.body.attachments[1]).not.toHaveProperty('width');
      // The team reads it in the history with links of its own, which serve the bytes.
      const page = await api.call('GET', `/v1/conversations/${chat.id}/messages`, {
        headers: auth,
      });
      const [message] = page.body.items;
      expect(message.attachments).toMatchObject(carried);
      const served = await fetchLink(api, message.attachments[0].url);
      expect(new Uint8Array(await served.arrayBuffer())).toEqual(pixelPng);

      // Another conversation's attachment, an unknown id, too many, or a repeated one: refused.
      const other = await setUp(api);
      const foreign = await upload(
        `/v1/conversations/${other.chat.id}/attachments`,
        bearer(other.tenant.owner.accessToken),
        new Blob([pixelPng]),
      );
      for (const attachments of [
        [foreign.body.id],
        [Bun.randomUUIDv7()],
        ['not-a-uuid'],
        Array.from({ length: 11 }, () => Bun.randomUUIDv7()),
        [image.body.id, image.body.id],
        [],
      ]) {
        const refused = await api.call('POST', `/v1/conversations/${chat.id}/messages`, {
          headers: auth,
          body: { body: 'x', attachments },
        });
        expect(refused.status).toBe(422);
      }
      const after = await api.call('GET', `/v1/conversations/${chat.id}/messages`, {
        headers: auth,
      });
      expect(after.body.items).toHaveLength(1);

      // Deleting the message deletes its files: the bytes, the links, and what the history says.
      const link = message.attachments[1].url;
      const removed = await api.call('DELETE', `/v1/widget/conversations/${chat.id}/messages/1`, {
        headers: visitorAuth,
      });
      expect(removed.status).toBe(200);
      expect(removed.body).not.toHaveProperty('attachments');
      const org = tenant.owner.organization.id;
      expect(await api.deps.blobs.get(`${org}/${image.body.id}`)).toBeNull();
      expect(await api.deps.blobs.get(`${org}/${file.body.id}`)).toBeNull();
      expect((await fetchLink(api, link)).status).toBe(404);
      const tombstone = await api.call('GET', `/v1/conversations/${chat.id}/messages`, {
        headers: auth,
      });
      expect(tombstone.body.items[0]).toMatchObject({ seq: 1, body: '' });
      expect(tombstone.body.items[0]).not.toHaveProperty('attachments');
    });

    test('a message may be files alone; with neither text nor files it is refused', async () => {
      const { tenant, visitor, chat } = await setUp(api);
      const visitorAuth = bearer(visitor.sessionToken);
      const path = `/v1/widget/conversations/${chat.id}/messages`;
      const empty = await api.call('POST', path, { headers: visitorAuth, body: { body: '' } });
      expect(empty.status).toBe(422);
      expect(empty.body.error.code).toBe('validation');
      expect(JSON.stringify(empty.body.error)).toContain('attach a file');
      const file = await upload(
        `/v1/widget/conversations/${chat.id}/attachments`,
        visitorAuth,
        new Blob([pixelPng]),
        'receipt.png',
      );
      const sent = await api.call('POST', path, {
        headers: visitorAuth,
        body: { body: '', attachments: [file.body.id] },
      });
      expect(sent.status).toBe(201);
      expect(sent.body).toMatchObject({ seq: 1, body: '', attachments: [{ id: file.body.id }] });
      // The inbox previews it by the file's name.
      const inbox = await api.call('GET', `/v1/conversations/${chat.id}`, {
        headers: bearer(tenant.owner.accessToken),
      });
      expect(inbox.body.lastMessage).toMatchObject({ seq: 1, body: '', files: ['receipt.png'] });
    });

    test("erasing a contact or deleting an environment deletes its attachments' bytes", async () => {
      const { tenant, visitor, chat } = await setUp(api);
      const auth = bearer(tenant.owner.accessToken);
      const org = tenant.owner.organization.id;
      const up = () =>
        upload(
          `/v1/widget/conversations/${chat.id}/attachments`,
          bearer(visitor.sessionToken),
          new Blob([pixelPng]),
        );
      const [first, second] = [await up(), await up()];
      expect([first.status, second.status]).toEqual([201, 201]);
      const key = (id: string) => `${org}/${id}`;
      expect(await api.deps.blobs.get(key(first.body.id))).toEqual(pixelPng);
      const erased = await api.call('DELETE', `/v1/contacts/${visitor.contact.id}`, {
        headers: auth,
      });
      expect(erased.status).toBe(204);
      expect(await api.deps.blobs.get(key(first.body.id))).toBeNull();
      expect(await api.deps.blobs.get(key(second.body.id))).toBeNull();
      expect((await fetchLink(api, first.body.url)).status).toBe(404);
      const rows = await api.deps.db.sql`select id from attachments where organization_id = ${org}`;
      expect(rows).toHaveLength(0);
      const [usage] = await api.deps.db.sql<{ bytes: string }[]>`
        select bytes from attachment_usage where organization_id = ${org}`;
      expect(Number(usage?.bytes)).toBe(0);

      // An environment's deletion takes its conversations' attachments along.
      const guest = await bootVisitor(api.rest, tenant);
      const other = await openConversation(api.rest, guest);
      const third = await upload(
        `/v1/conversations/${other.id}/attachments`,
        auth,
        new Blob([pixelPng]),
      );
      expect(third.status).toBe(201);
      expect(
        (await api.call('DELETE', `/v1/environments/${tenant.env.id}`, { headers: auth })).status,
      ).toBe(204);
      expect(await api.deps.blobs.get(key(third.body.id))).toBeNull();
    });

    test('the organization storage limit holds, also for uploads at the same moment', async () => {
      const { tenant, chat } = await setUp(api);
      const path = `/v1/conversations/${chat.id}/attachments`;
      const auth = bearer(tenant.owner.accessToken);
      // 6000 bytes at most: of three 2500-byte uploads at once, exactly two fit.
      const answers = await Promise.all(
        [1, 2, 3].map((n) => upload(path, auth, new Blob([new Uint8Array(2500).fill(n)]))),
      );
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).toEqual([201, 201, 413]);
      const refused = answers.find((a) => a.status === 413);
      expect(refused?.body.error.code).toBe('attachment_quota');
      const [usage] = await api.deps.db.sql<{ bytes: string }[]>`
        select bytes from attachment_usage where organization_id = ${tenant.owner.organization.id}`;
      expect(Number(usage?.bytes)).toBe(5000);
      // Another organization has its own limit.
      const other = await setUp(api);
      const theirs = await upload(
        `/v1/conversations/${other.chat.id}/attachments`,
        bearer(other.tenant.owner.accessToken),
        new Blob([new Uint8Array(2500)]),
      );
      expect(theirs.status).toBe(201);
    });

    test('the uploads-per-day limit holds at the same moment, leaves nothing stored, and resets', async () => {
      const { tenant, chat } = await setUp(api);
      const org = tenant.owner.organization.id;
      const path = `/v1/conversations/${chat.id}/attachments`;
      const auth = bearer(tenant.owner.accessToken);
      // 5 a day: of 7 small uploads at once, exactly 5 are taken, whichever come first.
      const answers = await Promise.all(
        [1, 2, 3, 4, 5, 6, 7].map((n) => upload(path, auth, new Blob([Uint8Array.of(n)]))),
      );
      expect(answers.filter((a) => a.status === 201)).toHaveLength(5);
      const refused = answers.filter((a) => a.status !== 201);
      expect(refused.map((a) => [a.status, a.body.error.code])).toEqual([
        [429, 'attachment_daily_limit'],
        [429, 'attachment_daily_limit'],
      ]);
      const rows = await api.deps.db.sql<{ id: string }[]>`
        select id from attachments where organization_id = ${org}`;
      expect(rows).toHaveLength(5);
      const [usage] = await api.deps.db.sql<{ bytes: string; day_uploads: number }[]>`
        select bytes, day_uploads from attachment_usage where organization_id = ${org}`;
      expect({ bytes: Number(usage?.bytes), uploads: usage?.day_uploads }).toEqual({
        bytes: 5,
        uploads: 5,
      });
      // The refused ones' bytes were not left behind: the organization's folder holds the 5.
      const files = readdirSync(join(api.deps.config.dataDir, 'attachments', org));
      expect(files.sort()).toEqual(rows.map((r) => r.id).sort());
      const later = await upload(path, auth, new Blob([Uint8Array.of(8)]));
      expect(later.status).toBe(429);
      const retry = Number(later.retryAfter);
      expect(retry).toBeGreaterThan(0);
      expect(retry).toBeLessThanOrEqual(86_400);
      // Another organization has a day of its own; and a new day counts from zero.
      const other = await setUp(api);
      const theirs = await upload(
        `/v1/conversations/${other.chat.id}/attachments`,
        bearer(other.tenant.owner.accessToken),
        new Blob([Uint8Array.of(1)]),
      );
      expect(theirs.status).toBe(201);
      await api.deps.db.sql`
        update attachment_usage set day = day - 1 where organization_id = ${org}`;
      const tomorrow = await upload(path, auth, new Blob([Uint8Array.of(10)]));
      expect(tomorrow.status).toBe(201);
      const [after] = await api.deps.db.sql<{ day_uploads: number }[]>`
        select day_uploads from attachment_usage where organization_id = ${org}`;
      expect(after?.day_uploads).toBe(1);
    });
  });
}

const s3 = serviceUrl('s3');
describe.if(Boolean(s3))('attachments in an S3 bucket (SeaweedFS)', () => {
  let api: TestApi;
  let tenant: ChatTenant;
  beforeAll(async () => {
    api = await createTestApi(pgliteTarget, {
      s3Endpoint: s3,
      s3Bucket: process.env.TEST_S3_BUCKET ?? 'flc-test',
      s3AccessKeyId: process.env.TEST_S3_ACCESS_KEY,
      s3SecretAccessKey: process.env.TEST_S3_SECRET_KEY,
    });
  }, 60_000);
  afterAll(() => api?.close());

  test('an upload goes to the bucket and its link serves it from there', async () => {
    ({ tenant } = { tenant: await chatTenant(api.rest) });
    const visitor = await bootVisitor(api.rest, tenant);
    const chat = await openConversation(api.rest, visitor);
    const res = await uploader(api)(
      `/v1/widget/conversations/${chat.id}/attachments`,
      bearer(visitor.sessionToken),
      new Blob([pixelPng]),
      'pixel.png',
    );
    expect(res.status).toBe(201);
    const key = `${tenant.owner.organization.id}/${res.body.id}`;
    expect(await api.deps.blobs.get(key)).toEqual(pixelPng);
    const served = await fetchLink(api, res.body.url);
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(pixelPng);
  });
});

test('names: folders, control characters and excess length go; NUL and broken text are refused', () => {
  expect(cleanName('C:\\Users\\me\\report.pdf')).toBe('report.pdf');
  expect(cleanName('../../x\u0007y.txt')).toBe('xy.txt');
  expect(cleanName('..')).toBe('file');
  expect(cleanName('   ')).toBe('file');
  const long = `${'é'.repeat(300)}.jpeg`;
  expect([...cleanName(long)]).toHaveLength(255);
  expect(cleanName(long).endsWith('é.jpeg')).toBe(true);
  expect(() => cleanName('a\u0000b')).toThrow('not valid text');
  expect(() => cleanName('a\ud800b')).toThrow('not valid text');
});
