import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { chatTenant, pixelPng, restClient, uploadFile } from '@flc/testkit';
// By path, not as a package: @flc/standalone depends on this package (it serves widget.js).
import { expectAccessible } from '../../console/src/testing/axe.ts';
import {
  type BrowserHarness,
  browserSuiteRuns,
  startBrowserHarness,
} from '../../standalone/src/testing/browser.ts';

// The agent answers with an image and a file: the open widget shows the image inline at its size,
// loaded through its signed link from the API, and the file as a download link; axe-checked.

describe.if(browserSuiteRuns('widget-attachments'))('attachments in the widget', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness({ label: 'widget-attachments' });
  }, 60_000);
  afterAll(() => h?.stop());

  /** A new tenant and its demo page with the widget opened by keyboard. */
  const openWidget = async (name: string) => {
    const call = restClient(() => h.platform.url);
    const tenant = await chatTenant(call, { name });
    const context = await h.browser.newContext({ locale: 'en-US' });
    const page = h.track(await context.newPage());
    await page.goto(`${h.platform.url}/demo?pluginKey=${tenant.env.pluginKey}`);
    await page.getByRole('button', { name: 'Open chat' }).press('Enter');
    const log = page.getByRole('log');
    const composer = page.getByRole('textbox', { name: 'Write a message…' });
    return { call, tenant, page, log, composer };
  };

  test("an agent's image shows inline in the open widget, a file as a download", async () => {
    const { call, tenant, page, log, composer } = await openWidget('Picture Co');
    await composer.fill('Where do I find my invoice?');
    await composer.press('Enter');
    await log.locator('.m.mine:not(.sending)').waitFor();
    const list = await call('GET', '/v1/conversations', undefined, tenant.ownerAuth);
    const conversationId: string = list.body.items[0].id;

    const upload = async (bytes: Uint8Array<ArrayBuffer>, name: string) => {
      const path = `/v1/conversations/${conversationId}/attachments`;
      const res = await uploadFile(call, path, tenant.ownerAuth, bytes, name);
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const attachments = [
      await upload(pixelPng, 'where.png'),
      await upload(new TextEncoder().encode('invoice\n'), 'invoice.txt'),
    ];
    const sent = await call(
      'POST',
      `/v1/conversations/${conversationId}/messages`,
      { body: 'Here, under Billing:', attachments },
      tenant.ownerAuth,
    );
    expect(sent.status).toBe(201);

    const image = log.getByRole('img', { name: 'where.png' });
    await image.waitFor();
    await image.evaluate(
      (img: HTMLImageElement) =>
        img.complete || new Promise((done) => img.addEventListener('load', done, { once: true })),
    );
    expect(
      await image.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]),
    ).toEqual([31, 17]);
    const file = log.getByRole('link', { name: 'Download invoice.txt (8 B)' });
    expect(await file.getAttribute('href')).toStartWith(`${h.platform.url}/v1/attachments/`);
    await expectAccessible(page, 'an image and a file from the agent', 'serious');
    await h.screenshot(page, 'widget-attachments');
  });

  test('a visitor attaches a screenshot by keyboard, then a file alone; an empty file is refused and said so', async () => {
    const { call, tenant, page, log, composer } = await openWidget('Screenshot Co');
    await composer.fill('The checkout says this');
    const attach = page.getByRole('button', { name: 'Attach a file' });
    const choose = async (name: string, bytes: Uint8Array<ArrayBuffer>) => {
      const chooser = page.waitForEvent('filechooser');
      await attach.press('Enter');
      await (await chooser).setFiles({
        name,
        mimeType: 'application/octet-stream',
        buffer: Buffer.from(bytes),
      });
    };
    await choose('checkout.png', pixelPng);
    const image = log.getByRole('img', { name: 'checkout.png' });
    await image.waitFor();
    await log.locator('.m.mine:not(.sending)', { hasText: 'The checkout says this' }).waitFor();
    expect(await composer.inputValue()).toBe('');
    await h.screenshot(page, 'widget-attach');

    // The agent has it, with the caption the visitor typed.
    const list = await call('GET', '/v1/conversations', undefined, tenant.ownerAuth);
    const conversationId: string = list.body.items[0].id;
    const history = await call(
      'GET',
      `/v1/conversations/${conversationId}/messages`,
      undefined,
      tenant.ownerAuth,
    );
    expect(history.body.items).toMatchObject([
      {
        body: 'The checkout says this',
        attachments: [{ fileName: 'checkout.png', contentType: 'image/png', width: 31 }],
      },
    ]);

    await choose('empty.txt', new Uint8Array(0));
    await page.getByRole('status').filter({ hasText: "This file couldn't be sent." }).waitFor();
    expect(await log.locator('.m[data-k]').count()).toBe(1);
    await expectAccessible(page, 'an empty file refused', 'serious');

    // Nothing typed: the file goes alone, shown without an empty bubble beside it.
    await choose('receipt.txt', new TextEncoder().encode('paid\n'));
    const link = page.getByRole('link', { name: 'Download receipt.txt (5 B)' });
    const alone = log.locator('.m.mine:not(.sending)', { has: link });
    await alone.waitFor();
    expect(await alone.locator('.b').count()).toBe(0);
    const after = await call(
      'GET',
      `/v1/conversations/${conversationId}/messages`,
      undefined,
      tenant.ownerAuth,
    );
    expect(after.body.items.at(-1)).toMatchObject({
      body: '',
      attachments: [{ fileName: 'receipt.txt' }],
    });
  });
});
