import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { type ChatTenant, chatTenant, restClient } from '@flc/testkit';
import type { Page } from 'playwright-core';
// By path, not as a package: @flc/standalone depends on this package (it serves widget.js).
import { expectAccessible } from '../../console/src/testing/axe.ts';
import type { Standalone } from '../../standalone/src/index.ts';
import {
  type BrowserHarness,
  browserSuiteRuns,
  startBrowserHarness,
} from '../../standalone/src/testing/browser.ts';

// The widget's languages in Debian's Chromium on /demo of the standalone platform: Arabic from
// the browser's language, right to left and mirrored; Japanese from the environment's setting
// in an English browser.
const viewport = { width: 1000, height: 720 };

describe.if(browserSuiteRuns('widget-i18n'))('the widget in other languages', () => {
  let h: BrowserHarness;
  let platform: Standalone;
  const call = restClient(() => platform.url);

  beforeAll(async () => {
    h = await startBrowserHarness({ label: 'widget-i18n' });
    platform = h.platform;
  }, 60_000);
  afterAll(() => h?.stop());

  const demo = async (page: Page, tenant: ChatTenant) => {
    await page.goto(`${platform.url}/demo?pluginKey=${tenant.env.pluginKey}`);
  };
  const root = (page: Page) => page.locator('[data-flc-widget] .w');
  const box = async (page: Page, selector: string) => {
    const b = await page.locator(selector).first().boundingBox();
    if (!b) throw new Error(`${selector} is not shown`);
    return b;
  };

  test('an Arabic browser gets the widget in Arabic, right to left and mirrored', async () => {
    const tenant = await chatTenant(call, { name: 'Widget Co' });
    const context = await h.browser.newContext({ locale: 'ar', viewport });
    const page = h.track(await context.newPage());
    await demo(page, tenant);
    const launcher = page.getByRole('button', { name: 'فتح المحادثة' });
    await launcher.waitFor();
    expect(await root(page).getAttribute('dir')).toBe('rtl');
    expect(await root(page).getAttribute('lang')).toBe('ar');
    // The launcher sits in the bottom corner on the start side: the left, right to left.
    const l = await launcher.boundingBox();
    expect(l && l.x + l.width < viewport.width / 2).toBe(true);

    await launcher.press('Enter');
    await page.getByRole('dialog', { name: 'تحدّث معنا' }).waitFor();
    const composer = page.getByRole('textbox', { name: 'اكتب رسالة…' });
    await composer.fill('مرحبًا، أين طلبي؟');
    await composer.press('Enter');
    await composer.fill('Order ORD-1234, ada@example.com');
    await composer.press('Enter');
    const log = page.getByRole('log', { name: 'الرسائل' });
    await log.locator('.m.mine:not(.sending)', { hasText: 'ORD-1234' }).waitFor();

    const list = await call('GET', '/v1/conversations', undefined, tenant.ownerAuth);
    const conversationId = list.body.items[0].id;
    const reply = await call(
      'POST',
      `/v1/conversations/${conversationId}/messages`,
      { body: 'سيصل طلبك غدًا.' },
      tenant.ownerAuth,
    );
    expect(reply.status).toBe(201);
    await log.getByText('سيصل طلبك غدًا.').waitFor();

    // Mirrored: the visitor's bubbles on the left (the end side), the team's on the right.
    const logBox = await box(page, '.log');
    const mine = await box(page, '.m.mine .b');
    const theirs = await box(page, '.m:not(.mine)[data-k] .b');
    expect(mine.x - logBox.x).toBeLessThan(24);
    expect(logBox.x + logBox.width - (theirs.x + theirs.width)).toBeLessThan(24);
    // The header's close button at the far left, the send button left of the input.
    const header = await box(page, 'header');
    const close = await box(page, 'header .x');
    expect(close.x - header.x).toBeLessThan(24);
    const composerBox = await box(page, '.panel > form > textarea');
    expect((await box(page, '.panel > form > .go')).x).toBeLessThan(composerBox.x);
    // People's text runs in its own direction: the Latin message stays left to right.
    const latin = log.locator('.m.mine .b', { hasText: 'ORD-1234' });
    expect(await latin.getAttribute('dir')).toBe('auto');
    expect(await latin.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
    expect(await composer.getAttribute('dir')).toBe('auto');

    await expectAccessible(page, 'the widget in Arabic', 'serious');
    await h.screenshot(page, 'widget-ar-rtl');
    await context.close();
    expect(h.pageErrors).toEqual([]);
  }, 30_000);

  test("the environment's Japanese wins over an English browser, from the first page on", async () => {
    const tenant = await chatTenant(call, { name: 'Sakura' });
    const set = await call(
      'PATCH',
      `/v1/environments/${tenant.env.id}`,
      { widgetLanguage: 'ja' },
      tenant.ownerAuth,
    );
    expect(set.status).toBe(200);
    const context = await h.browser.newContext({ locale: 'en-US', viewport });
    const page = h.track(await context.newPage());
    await demo(page, tenant);
    // The first page learns the language from the boot and redraws the widget in it.
    const launcher = page.getByRole('button', { name: 'チャットを開く' });
    await launcher.waitFor();
    expect(await root(page).getAttribute('lang')).toBe('ja');
    expect(await root(page).getAttribute('dir')).toBe('ltr');
    const l = await launcher.boundingBox();
    expect(l && l.x > viewport.width / 2).toBe(true);
    await launcher.click();
    await page.getByRole('dialog', { name: 'チャットでお問い合わせ' }).waitFor();
    const composer = page.getByRole('textbox', { name: 'メッセージを入力…' });
    await composer.fill('こんにちは');
    await composer.press('Enter');
    await page
      .getByRole('log')
      .locator('.m.mine:not(.sending)', { hasText: 'こんにちは' })
      .waitFor();
    await expectAccessible(page, 'the widget in Japanese', 'serious');
    await h.screenshot(page, 'widget-ja-environment');

    // The next page speaks Japanese before its boot answers: the language is remembered.
    const remembered = () =>
      page.evaluate((key) => localStorage.getItem(key), `flc:${tenant.env.pluginKey}:language`);
    expect(await remembered()).toBe('ja');
    await page.reload();
    await page.getByRole('dialog', { name: 'チャットでお問い合わせ' }).waitFor();

    // Back to auto: the English browser gets English again.
    await call(
      'PATCH',
      `/v1/environments/${tenant.env.id}`,
      { widgetLanguage: 'auto' },
      tenant.ownerAuth,
    );
    await page.reload();
    await page.getByRole('dialog', { name: 'Chat with us' }).waitFor();
    expect(await remembered()).toBeNull();
    await context.close();
    expect(h.pageErrors).toEqual([]);
  }, 30_000);
});
