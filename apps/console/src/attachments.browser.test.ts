import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import {
  bearer,
  bootVisitor,
  chatTenant,
  openConversation,
  pixelPng,
  type Rest,
  restClient,
  uploadFile,
} from '@flc/testkit';
import {
  createTestDatabase,
  type TestDatabase,
} from '../../../packages/storage/src/testing/databases.ts';
import { serviceUrl } from '../../../packages/storage/src/testing/services.ts';
// By path, not as a package: @flc/standalone depends on this package (see settings.browser.test).
import {
  type BrowserHarness,
  browserSuiteRuns,
  startBrowserHarness,
} from '../../standalone/src/testing/browser.ts';
import { expectAccessible } from './testing/axe.ts';

// A visitor's image and file in the console, in Chromium: the image shows inline at its own size
// (loaded through its signed link), the file is a download link with its name and size, and the
// page stays accessible. Twice: embedded (PGlite, files under the data directory), and as the
// scaled profile keeps them (PostgreSQL, Redis with persister workers, an S3 bucket on SeaweedFS).

const runs = browserSuiteRuns('console-attachments');
const profiles = [
  { name: 'embedded', shot: '', services: undefined },
  {
    name: 'PostgreSQL, Redis and S3',
    shot: '-s3',
    services: runs
      ? { postgres: serviceUrl('postgres'), redis: serviceUrl('redis'), s3: serviceUrl('s3') }
      : undefined,
  },
];

for (const profile of profiles) {
  const scaled = profile.services;
  if (profile.name !== 'embedded' && !(scaled?.postgres && scaled.redis && scaled.s3)) continue;

  describe.if(runs)(`attachments in the console (${profile.name})`, () => {
    let h: BrowserHarness;
    let rest: Rest;
    let database: TestDatabase | undefined;
    beforeAll(async () => {
      let env: Record<string, string> = {};
      if (scaled?.postgres && scaled.redis && scaled.s3) {
        database = await createTestDatabase(scaled.postgres, 'flc_attachments');
        env = {
          DATABASE_URL: database.url,
          REDIS_URL: scaled.redis,
          FLC_REDIS_PREFIX: `flc-test-${crypto.randomUUID()}`,
          FLC_S3_ENDPOINT: scaled.s3,
          FLC_S3_BUCKET: process.env.TEST_S3_BUCKET ?? 'flc-test',
          FLC_S3_ACCESS_KEY_ID: process.env.TEST_S3_ACCESS_KEY ?? '',
          FLC_S3_SECRET_ACCESS_KEY: process.env.TEST_S3_SECRET_KEY ?? '',
        };
      }
      h = await startBrowserHarness({ label: 'console-attachments', env });
      rest = restClient(() => h.platform.url);
    }, 120_000);
    afterAll(async () => {
      await h?.stop();
      await database?.drop();
    });

    test("a visitor's image shows inline at its size and a file is a download", async () => {
      const tenant = await chatTenant(rest, { name: 'Picture Desk' });
      const visitor = await bootVisitor(rest, tenant);
      const chat = await openConversation(rest, visitor);
      const upload = async (bytes: Uint8Array<ArrayBuffer>, name: string) => {
        const path = `/v1/widget/conversations/${chat.id}/attachments`;
        const res = await uploadFile(rest, path, bearer(visitor.sessionToken), bytes, name);
        expect(res.status).toBe(201);
        return res.body.id as string;
      };
      const image = await upload(pixelPng, 'checkout error.png');
      const file = await upload(new TextEncoder().encode('order 1234\n'), 'order.txt');
      const sent = await rest(
        'POST',
        `/v1/widget/conversations/${chat.id}/messages`,
        { body: 'The page shows this', attachments: [image, file] },
        bearer(visitor.sessionToken),
      );
      expect(sent.status).toBe(201);

      const page = await h.signedIn(tenant.owner, `/inbox/${chat.id}`);
      const history = page.getByRole('log', { name: 'Messages' });
      const shown = history.getByRole('img', { name: 'checkout error.png' });
      await shown.waitFor();
      // Loaded through its signed link, and its place was held at its size.
      await page.waitForFunction(
        () => (document.querySelector('.msg-attachments img') as HTMLImageElement | null)?.complete,
      );
      const size = await shown.evaluate((img: HTMLImageElement) => ({
        natural: [img.naturalWidth, img.naturalHeight],
        attrs: [img.getAttribute('width'), img.getAttribute('height')],
      }));
      expect(size).toEqual({ natural: [31, 17], attrs: ['31', '17'] });
      const download = history.getByRole('link', { name: /^Download order\.txt \(11 B\)$/ });
      expect(await download.getAttribute('download')).toBe('order.txt');
      // The link serves the file as a download, never as a page.
      const href = (await download.getAttribute('href')) ?? '';
      const served = await fetch(`${h.platform.url}${href}`);
      expect(served.headers.get('content-disposition')).toStartWith('attachment;');
      await expectAccessible(page, 'conversation with attachments');
      await h.screenshot(page, `console-attachments${profile.shot}`);
    });

    test('an agent attaches an image by keyboard; the visitor gets it with the caption, or alone', async () => {
      const tenant = await chatTenant(rest, { name: 'Reply Desk' });
      const visitor = await bootVisitor(rest, tenant);
      const chat = await openConversation(rest, visitor);
      const said = await rest(
        'POST',
        `/v1/widget/conversations/${chat.id}/messages`,
        { body: 'Where is the setting?' },
        bearer(visitor.sessionToken),
      );
      expect(said.status).toBe(201);
      const page = await h.signedIn(tenant.owner, `/inbox/${chat.id}`);
      const history = page.getByRole('log', { name: 'Messages' });
      await history.locator('.msg', { hasText: 'Where is the setting?' }).waitFor();
      const field = page.getByRole('textbox', { name: 'Reply' });
      await field.fill('Right here');
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Attach a file' }).press('Enter');
      await (await chooser).setFiles({
        name: 'settings.png',
        mimeType: 'image/png',
        buffer: Buffer.from(pixelPng),
      });
      await history.getByRole('img', { name: 'settings.png' }).waitFor();
      expect(await field.inputValue()).toBe('');
      const seen = await rest(
        'GET',
        `/v1/widget/conversations/${chat.id}/messages`,
        undefined,
        bearer(visitor.sessionToken),
      );
      expect(seen.body.items.at(-1)).toMatchObject({
        body: 'Right here',
        attachments: [{ fileName: 'settings.png', width: 31, height: 17 }],
      });
      await expectAccessible(page, 'after attaching');

      // Nothing typed: the file goes alone, and the inbox previews it by its name.
      const next = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Attach a file' }).press('Enter');
      await (await next).setFiles({
        name: 'steps.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('1. Open settings\n'),
      });
      await history.getByRole('link', { name: /steps\.txt/ }).waitFor();
      await page.locator('.conv-row-preview', { hasText: '📎 steps.txt' }).waitFor();
      const alone = await rest(
        'GET',
        `/v1/widget/conversations/${chat.id}/messages`,
        undefined,
        bearer(visitor.sessionToken),
      );
      expect(alone.body.items.at(-1)).toMatchObject({
        body: '',
        attachments: [{ fileName: 'steps.txt' }],
      });
    });
  });
}
