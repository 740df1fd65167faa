import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  bootVisitor,
  type ChatTenant,
  chatTenant,
  openConversation,
  type Rest,
  restClient,
  visitorSays,
} from '@flc/testkit';
import type { Page } from 'playwright-core';
import {
  type BrowserHarness,
  browserSuiteRuns,
  startBrowserHarness,
} from '../../standalone/src/testing/browser.ts';
import { CONSOLE_ROUTES } from './bundle.ts';
import { expectAccessible } from './testing/axe.ts';

// WCAG 2.1 AA sweep of every page of the console in Debian's Chromium against the standalone
// platform: each route the features declare, every settings section, signed in as the install's
// owner (so System shows) or signed out for the public pages, checked by axe at 100% (1280×800)
// and at 200% zoom (640×400 CSS pixels, what the same window shows at 200%), where nothing may
// scroll sideways. The routes are read from the features' routes files, so a new page is swept
// without editing this suite (a new route parameter needs a value below).
const ZOOM_100 = { width: 1280, height: 800 };
const ZOOM_200 = { width: 640, height: 400 };
const features = join(import.meta.dir, 'features');

interface DeclaredRoute {
  path: string;
  public: boolean;
}

/** Every `path:` in features/<x>/routes.tsx, with whether its route is public. */
function declaredRoutes(): DeclaredRoute[] {
  const found: DeclaredRoute[] = [];
  for (const feature of readdirSync(features)) {
    let source: string;
    try {
      source = readFileSync(join(features, feature, 'routes.tsx'), 'utf8');
    } catch {
      continue; // a feature without pages of its own
    }
    const parts = source.split(/\bpath: /).slice(1);
    for (const part of parts) {
      const path = /^'([^']+)'/.exec(part)?.[1];
      // A route's object names its path first, so its flags sit between it and the next path.
      if (path) found.push({ path, public: /public: true/.test(part) });
    }
  }
  return found;
}

/** The settings sections' ids, as settings-page.tsx lists them. */
const settingsSections = () =>
  [
    ...readFileSync(join(features, 'settings', 'settings-page.tsx'), 'utf8').matchAll(
      /\{ id: '([a-z-]+)'/g,
    ),
  ].map((m) => m[1] as string);

/** The concrete paths of a route: optional parameters both left out and filled in. */
function pathsOf(route: string, values: Record<string, string[]>): string[] {
  let paths = [''];
  for (const segment of route.split('/').filter(Boolean)) {
    if (!segment.startsWith(':')) {
      paths = paths.map((p) => `${p}/${segment}`);
      continue;
    }
    const optional = segment.endsWith('?');
    const name = segment.slice(1, optional ? -1 : undefined);
    const filled = values[name];
    if (!filled) throw new Error(`a11y sweep: no value for :${name} of ${route}; add one`);
    paths = paths.flatMap((p) => [
      ...(optional ? [p || '/'] : []),
      ...filled.map((v) => `${p}/${v}`),
    ]);
  }
  return paths.map((p) => p || '/');
}

/** Settled: the app rendered, nothing still loading. */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => {
    const root = document.getElementById('root');
    return (
      root !== null &&
      root.childElementCount > 0 &&
      document.querySelector('.ui-spinner, [aria-busy="true"]') === null &&
      // A drawer sliding in is half transparent: axe would measure its fading text.
      document
        .getAnimations()
        .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)
    );
  });
}

/** axe at 100% and at 200% zoom; at 200% the page must not scroll sideways. */
async function audit(page: Page, where: string): Promise<void> {
  await page.setViewportSize(ZOOM_100);
  await settled(page);
  await expectAccessible(page, `${where}, 100%`, 'serious');
  await page.setViewportSize(ZOOM_200);
  await settled(page);
  await expectAccessible(page, `${where}, 200%`, 'serious');
  const sideways = await page.evaluate(
    () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
  );
  expect({ where, scrollsSideways: sideways }).toEqual({ where, scrollsSideways: false });
  await page.setViewportSize(ZOOM_100);
}

describe.if(browserSuiteRuns('console-a11y'))('every console page meets WCAG 2.1 AA', () => {
  let h: BrowserHarness;
  let rest: Rest;
  let tenant: ChatTenant;
  let conversationId: string;
  let visitor: Awaited<ReturnType<typeof bootVisitor>>;
  beforeAll(async () => {
    h = await startBrowserHarness({ label: 'console-a11y' });
    rest = restClient(() => h.platform.url);
    // The first organization of the install: its owner also sees System.
    tenant = await chatTenant(rest, { name: 'Sweep Co' });
    visitor = await bootVisitor(rest, tenant);
    const conversation = await openConversation(rest, visitor);
    await visitorSays(rest, visitor, conversation.id, 'Where is my order?');
    conversationId = conversation.id;
  }, 120_000);
  afterAll(() => h?.stop());

  test('the sweep covers the routes the console serves', () => {
    const declared = declaredRoutes().map((r) => r.path.split('/')[1]);
    // CONSOLE_ROUTES (what the host answers with index.html) are all declared by a feature.
    for (const served of CONSOLE_ROUTES) expect(declared).toContain(served.split('/')[1]);
    expect(settingsSections()).toContain('audit-log');
  });

  test('signed out: every public page, at 100% and 200%', async () => {
    const page = await h.page('public: ');
    for (const route of declaredRoutes().filter((r) => r.public)) {
      for (const path of pathsOf(route.path, {})) {
        await page.goto(`${h.platform.url}${path}`);
        await audit(page, path);
      }
    }
    await page.context().close();
  }, 120_000);

  test("signed in as the install's owner: every page and settings section, at 100% and 200%", async () => {
    const values = { conversationId: [conversationId], section: settingsSections() };
    const page = await h.signedIn(tenant.owner, '/inbox', 'owner: ');
    let visited = 0;
    for (const route of declaredRoutes().filter((r) => !r.public)) {
      for (const path of pathsOf(route.path, values)) {
        await page.goto(`${h.platform.url}${path}`);
        await audit(page, path);
        if (path === `/inbox/${conversationId}`) {
          await page.getByRole('log').getByText('Where is my order?').waitFor();
        }
        visited++;
      }
    }
    // inbox ×2, mentions, reports, settings (bare and each section), system at least.
    expect(visited).toBeGreaterThanOrEqual(6 + settingsSections().length);
    expect(h.pageErrors).toEqual([]);
    await page.context().close();
  }, 300_000);

  test('keyboard only: Tab to a conversation, open it, reply with Enter; a new visitor message is announced', async () => {
    const page = await h.signedIn(tenant.owner, '/inbox', 'keyboard: ');
    const row = page.locator('.conv-row').first();
    await row.waitFor();
    await settled(page);
    /** The focused element, and whether it shows a focus ring (outline or the field's border). */
    const focus = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        const style = el ? getComputedStyle(el) : null;
        return {
          row: el?.classList.contains('conv-row') === true,
          tag: el?.tagName.toLowerCase() ?? '',
          ring: style !== null && style.outlineStyle !== 'none' && style.outlineWidth !== '0px',
        };
      });
    for (let i = 0; i < 40 && !(await focus()).row; i++) await page.keyboard.press('Tab');
    expect(await focus()).toEqual({ row: true, tag: 'a', ring: true });

    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/inbox/${conversationId}`));
    const pane = page.getByRole('region', { name: /^Conversation with / });
    await pane.getByRole('log').getByText('Where is my order?').waitFor();
    await page.keyboard.press('r'); // the inbox's shortcut: to the reply box
    const composer = pane.getByRole('textbox', { name: 'Reply' });
    await page.waitForFunction(() => document.activeElement?.tagName === 'TEXTAREA');
    expect(await focus()).toEqual({ row: false, tag: 'textarea', ring: true });
    await page.keyboard.type('It left the warehouse this morning.');
    await page.keyboard.press('Enter');
    await pane.locator('.msg-out[data-seq]', { hasText: 'It left the warehouse' }).waitFor();
    expect(await composer.inputValue()).toBe('');
    expect((await focus()).tag).toBe('textarea'); // still in the composer, ready for more

    // A dialog opened by keyboard gives the focus back to what opened it when it closes.
    const help = page.getByRole('button', { name: 'Keyboard shortcuts', exact: true });
    await help.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await help.evaluate((el) => el === document.activeElement)).toBe(true);

    // A visitor message arriving live is said once, politely; the log itself stays quiet.
    const announcer = pane.locator('.timeline-announcer');
    expect(await announcer.getAttribute('aria-live')).toBe('polite');
    expect(await pane.getByRole('log').getAttribute('aria-live')).toBe('off');
    expect(await announcer.textContent()).toBe(''); // the history loaded is not news
    await visitorSays(rest, visitor, conversationId, 'Great, thank you!');
    await pane.getByRole('log').getByText('Great, thank you!').waitFor();
    expect(await announcer.textContent()).toMatch(/^New message from .+: Great, thank you!$/);
    await expectAccessible(page, 'a reply sent by keyboard, a message announced', 'serious');
    expect(h.pageErrors).toEqual([]);
    await page.context().close();
  }, 60_000);
});
