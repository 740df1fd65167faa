import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { type ChatTenant, chatTenant, pixelPng, restClient, uploadFile } from '@flc/testkit';
import type { BrowserContextOptions, Page } from 'playwright-core';
// By path, not as a package: @flc/standalone depends on this package (it serves widget.js).
import { expectAccessible } from '../../console/src/testing/axe.ts';
import {
  type BrowserHarness,
  browserSuiteRuns,
  startBrowserHarness,
} from '../../standalone/src/testing/browser.ts';
import { contrast } from './ui/contrast.ts';

// WCAG 2.1 AA audit of every state of the widget on /demo: axe-core (serious and critical) at
// 100% (1280×800) and at 200% zoom, the keyboard-only path, the focus ring and reduced motion.
// 200% zoom is a 640×400 CSS-pixel viewport: what a 1280×800 window shows at 200% (a
// `deviceScaleFactor` only sharpens the pixels, the layout stays the same).
const ZOOM_100 = { width: 1280, height: 800 };
const ZOOM_200 = { width: 640, height: 400 };

/** The widget's host element: `evaluate` on it reaches the shadow root. */
const host = (page: Page) => page.locator('[data-flc-widget]');

describe.if(browserSuiteRuns('widget-a11y'))('the widget meets WCAG 2.1 AA', () => {
  let h: BrowserHarness;
  let plain: ChatTenant;
  let yellow: ChatTenant;
  let prechat: ChatTenant;
  const call = restClient(() => h.platform.url);

  beforeAll(async () => {
    h = await startBrowserHarness({ label: 'widget-a11y' });
    plain = await chatTenant(call, { name: 'Plain Co' });
    yellow = await chatTenant(call, { name: 'Yellow Co' });
    const color = await call(
      'PATCH',
      `/v1/environments/${yellow.env.id}`,
      { widgetSettings: { color: '#ffd400', greeting: 'Hello! Ask away.' } },
      yellow.ownerAuth,
    );
    expect(color.status).toBe(200);
    prechat = await chatTenant(call, { name: 'Form Co' });
    const form = await call(
      'PUT',
      `/v1/environments/${prechat.env.id}/pre-chat-form`,
      {
        enabled: true,
        intro: 'Tell us a little about you.',
        fields: [
          { key: 'name', label: 'Your name', type: 'text', required: true },
          { key: 'topic', label: 'Topic', type: 'select', required: false, options: ['A', 'B'] },
        ],
        csatEnabled: false,
      },
      prechat.ownerAuth,
    );
    expect(form.status).toBe(200);
  }, 60_000);
  afterAll(() => h?.stop());

  const demo = async (tenant: ChatTenant, extra = '', options: BrowserContextOptions = {}) => {
    const context = await h.browser.newContext({ locale: 'en-US', viewport: ZOOM_100, ...options });
    const page = h.track(await context.newPage());
    await page.goto(`${h.platform.url}/demo?pluginKey=${tenant.env.pluginKey}${extra}`);
    return page;
  };
  const launcher = (page: Page) => page.locator('.launcher');
  const composer = (page: Page) => page.getByRole('textbox', { name: 'Write a message…' });
  const open = async (page: Page) => {
    await launcher(page).click();
    await page.getByRole('dialog', { name: 'Chat with us' }).waitFor();
  };

  /**
   * axe at 100%, then at 200% zoom, where the panel (when open) must still show its composer and
   * send button (or `also`, e.g. a form's button) inside the viewport, with nothing scrolling
   * sideways.
   */
  const audit = async (page: Page, state: string, composerShown: boolean, also?: string) => {
    await page.setViewportSize(ZOOM_100);
    await expectAccessible(page, `${state}, 100%`, 'serious');
    await page.setViewportSize(ZOOM_200);
    await expectAccessible(page, `${state}, 200%`, 'serious');
    const layout = await host(page).evaluate((el, extra) => {
      const root = el.shadowRoot as ShadowRoot;
      const inView = (selector: string) => {
        const el = root.querySelector(selector);
        if (!el || (el as HTMLElement).offsetParent === null) return false;
        const r = el.getBoundingClientRect();
        return r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight;
      };
      const panel = root.querySelector('.panel') as HTMLElement;
      return {
        pageScrollsSideways: document.documentElement.scrollWidth > innerWidth,
        panelScrollsSideways: panel.scrollWidth > panel.clientWidth,
        launcher: inView('.launcher'),
        composer: inView('.panel > form textarea'),
        send: inView('.panel > form .go'),
        also: extra ? inView(extra) : null,
      };
    }, also);
    expect({ state, ...layout }).toEqual({
      state,
      pageScrollsSideways: false,
      panelScrollsSideways: false,
      launcher: true,
      composer: composerShown,
      send: composerShown,
      also: also ? true : null,
    });
    await h.screenshot(page, `widget-a11y-${state.replaceAll(/\W+/g, '-')}-200`);
    await page.setViewportSize(ZOOM_100);
  };

  test('closed, open, offline: no serious violation at 100% and 200%', async () => {
    const page = await demo(plain);
    await launcher(page).waitFor();
    await audit(page, 'closed', false);
    await open(page);
    await audit(page, 'open', true);
    await composer(page).fill('Is anyone there?');
    await composer(page).press('Enter');
    await page.locator('.m.mine:not(.sending)').waitFor();
    await page.context().setOffline(true);
    await page.getByRole('status').getByText("You're offline").waitFor();
    await composer(page).fill('Sent while offline');
    await composer(page).press('Enter');
    await page.locator('.m.sending').waitFor();
    await audit(page, 'offline', true);
    await page.context().close();
  }, 60_000);

  test('identity refused: no serious violation at 100% and 200%', async () => {
    const page = await demo(plain, `&memberId=user-7&memberHash=${'0'.repeat(64)}`);
    await open(page);
    await page.getByRole('alert').getByText("We couldn't verify your identity").waitFor();
    await audit(page, 'identity refused', false);
    await page.context().close();
  }, 30_000);

  test('pre-chat form shown: no serious violation at 100% and 200%', async () => {
    const page = await demo(prechat);
    await open(page);
    await page.getByRole('form', { name: 'Before we start' }).waitFor();
    await audit(page, 'pre-chat form', false, '.sv .go');
    await page.context().close();
  }, 30_000);

  test('an incoming attachment: no serious violation at 100% and 200%', async () => {
    const page = await demo(plain);
    await open(page);
    await composer(page).fill('Where is my invoice?');
    await composer(page).press('Enter');
    await page.locator('.m.mine:not(.sending)').waitFor();
    const list = await call('GET', '/v1/conversations', undefined, plain.ownerAuth);
    const id: string = list.body.items[0].id;
    const path = `/v1/conversations/${id}/attachments`;
    const image = await uploadFile(call, path, plain.ownerAuth, pixelPng, 'invoice.png');
    const file = await uploadFile(call, path, plain.ownerAuth, new Uint8Array([1, 2]), 'a.bin');
    const sent = await call(
      'POST',
      `/v1/conversations/${id}/messages`,
      { body: 'Here it is', attachments: [image.body.id, file.body.id] },
      plain.ownerAuth,
    );
    expect(sent.status).toBe(201);
    await page.getByRole('img', { name: 'invoice.png' }).waitFor();
    await page.getByRole('link', { name: /Download a\.bin/ }).waitFor();
    await audit(page, 'incoming attachment', true);
    await page.context().close();
  }, 30_000);

  test('a yellow tenant color (#ffd400): dark text on it, readable, at 100% and 200%', async () => {
    const page = await demo(yellow);
    await launcher(page).waitFor();
    const color = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((el) => getComputedStyle(el).color);
    // The settings arrive with the boot's answer.
    await page.waitForFunction(() => {
      const root = document.querySelector('[data-flc-widget]')?.shadowRoot;
      const el = root?.querySelector('.launcher');
      return el ? getComputedStyle(el).backgroundColor === 'rgb(255, 212, 0)' : false;
    });
    expect(await color('.launcher')).toBe('rgb(17, 24, 39)'); // near-black, not white
    await audit(page, 'yellow closed', false);
    await open(page);
    await composer(page).fill('A question in yellow');
    await composer(page).press('Enter');
    await page.locator('.m.mine:not(.sending)').waitFor();
    expect(await color('.mine .b')).toBe('rgb(17, 24, 39)');
    expect(await color('header')).toBe('rgb(17, 24, 39)');
    expect(await color('.go')).toBe('rgb(17, 24, 39)');
    await audit(page, 'yellow open', true);
    await page.context().close();
  }, 30_000);

  test('keyboard only: Tab to the launcher, Enter opens, Enter sends, Escape closes', async () => {
    const page = await demo(yellow);
    await launcher(page).waitFor();
    const focused = () =>
      host(page).evaluate((el) => {
        const active = el.shadowRoot?.activeElement as HTMLElement | null | undefined;
        return active?.className || active?.tagName.toLowerCase() || 'none';
      });
    for (let i = 0; i < 10 && (await focused()) !== 'launcher'; i++)
      await page.keyboard.press('Tab');
    expect(await focused()).toBe('launcher');
    // A visible focus ring: a 2px solid outline in the tenant color made readable on white.
    const ring = await launcher(page).evaluate((el) => {
      const s = getComputedStyle(el);
      return { style: s.outlineStyle, width: s.outlineWidth, color: s.outlineColor };
    });
    expect(ring.style).toBe('solid');
    expect(ring.width).toBe('2px');
    const [r, g, b] = ring.color.match(/\d+/g)?.map(Number) ?? [];
    const hex = `#${[r, g, b].map((c) => (c ?? 0).toString(16).padStart(2, '0')).join('')}`;
    expect(contrast(hex, '#ffffff')).toBeGreaterThanOrEqual(3); // WCAG 1.4.11, non-text
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Chat with us' }).waitFor();
    expect(await focused()).toBe('textarea'); // the composer
    expect(await composer(page).evaluate((el) => getComputedStyle(el).borderColor)).toBe(
      ring.color, // the focused composer's border: the same readable color
    );
    await page.keyboard.type('Typed without a mouse');
    await page.keyboard.press('Enter');
    await page.locator('.m.mine:not(.sending)', { hasText: 'Typed without a mouse' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    expect(await focused()).toBe('launcher');
    await page.context().close();
  }, 30_000);

  test('prefers-reduced-motion: the panel opens without animation', async () => {
    const opened = (page: Page) =>
      host(page).evaluate((el) => {
        const root = el.shadowRoot as ShadowRoot;
        const started = new Promise<string>((done) =>
          root.addEventListener('animationstart', (e) => done((e as AnimationEvent).animationName)),
        );
        (root.querySelector('.launcher') as HTMLElement).click();
        return started;
      });
    // Without the preference the panel slides in: the check below can tell the difference.
    const moving = await demo(plain);
    await launcher(moving).waitFor();
    expect(await opened(moving)).toBe('up');
    await moving.context().close();

    const still = await demo(plain, '', { reducedMotion: 'reduce' });
    await open(still);
    const motion = await still.locator('.panel').evaluate((panel) => ({
      animations: panel.getAnimations().length,
      name: getComputedStyle(panel).animationName,
    }));
    expect(motion).toEqual({ animations: 0, name: 'none' });
    await still.context().close();
    expect(h.pageErrors).toEqual([]);
  }, 30_000);
});
