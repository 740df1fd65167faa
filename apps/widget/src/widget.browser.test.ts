import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { type Client, createClient, type Message } from '@flc/sdk';
import { type ChatTenant, chatTenant, restClient } from '@flc/testkit';
import type { BrowserContext, Page } from 'playwright-core';
// By path, not as a package: @flc/standalone depends on this package (it serves widget.js), and
// turbo refuses a dependency cycle even through devDependencies.
import type { Standalone } from '../../standalone/src/index.ts';
import {
  type BrowserHarness,
  browserSuiteRuns,
  startBrowserHarness,
} from '../../standalone/src/testing/browser.ts';

// The widget in Debian's Chromium (headless, driven by playwright-core) on /demo of the real
// standalone platform (PGlite in a temp dir), with an agent on the SDK in this process.

/** Resolves when `check()` holds, re-checked on every `signal`; fails with `what` after `ms`. */
function until(
  on: (listener: () => void) => () => void,
  check: () => boolean,
  what: string,
  ms = 15_000,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (check()) return resolve();
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
    }, ms);
    const off = on(() => {
      if (!check()) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

/** An agent on the SDK, following every conversation of the organization as it is created. */
function agentOf(platform: Standalone, tenant: ChatTenant) {
  const client: Client = createClient({ url: platform.url, token: tenant.owner.accessToken });
  const messages: Message[] = [];
  client.on('conversation', (e) => {
    if (e.event === 'created') client.subscribe(e.conversation.id, 0);
  });
  client.on('message', (m) => messages.push(m));
  client.connect();
  const fromVisitors = () => messages.filter((m) => m.sender.type === 'visitor');
  return {
    client,
    messages,
    fromVisitors,
    ready: () =>
      until(
        (l) => client.on('state', l),
        () => client.state === 'open',
        'the agent',
      ),
    /** Waits until visitors have sent `n` messages in all. */
    visitorMessages: async (n: number) => {
      await until(
        (l) => client.on('message', l),
        () => fromVisitors().length >= n,
        `${n} visitor messages`,
      );
      return fromVisitors();
    },
  };
}

describe.if(browserSuiteRuns('widget'))('the widget in Chromium', () => {
  let h: BrowserHarness;
  let platform: Standalone;
  let browser: BrowserHarness['browser'];
  let tenant: ChatTenant;
  let agent: ReturnType<typeof agentOf>;
  const call = restClient(() => platform.url);

  beforeAll(async () => {
    h = await startBrowserHarness({ label: 'widget' });
    ({ platform, browser } = h);
    tenant = await chatTenant(call, { name: 'Widget Co' });
    const settings = await call(
      'PATCH',
      `/v1/environments/${tenant.env.id}`,
      {
        widgetSettings: {
          color: '#0f766e',
          greeting: 'Hi there! Ask us anything.',
          launcherText: 'Chat',
        },
      },
      tenant.ownerAuth,
    );
    expect(settings.status).toBe(200);
    agent = agentOf(platform, tenant);
    await agent.ready();
  }, 60_000);

  afterAll(async () => {
    agent?.client.close();
    await h?.stop();
  });

  async function demo(
    context: BrowserContext,
    query = `pluginKey=${tenant.env.pluginKey}`,
  ): Promise<Page> {
    const page = h.track(await context.newPage());
    await page.goto(`${platform.url}/demo?${query}`);
    return page;
  }
  const screenshot = (page: Page, name: string) => h.screenshot(page, name);

  const log = (page: Page) => page.getByRole('log');
  const composer = (page: Page) => page.getByRole('textbox', { name: 'Write a message…' });
  const sent = (page: Page, text: string) =>
    log(page).locator('.m.mine:not(.sending):not(.failed)', { hasText: text }).waitFor();

  // Tests 1 to 4 follow one visitor through one conversation, in order.
  let context: BrowserContext;
  let page: Page;
  let conversationId = '';

  test('a visitor opens the widget from /demo and sends messages that the agent receives', async () => {
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1000, height: 720 } });
    page = await demo(context);
    const launcher = page.getByRole('button', { name: 'Open chat' });
    // The launcher shows at once; the environment's settings reach it with the boot's answer.
    await launcher.filter({ hasText: 'Chat' }).waitFor();
    expect(await launcher.textContent()).toContain('Chat'); // the launcherText setting
    const color = await launcher.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(color).toBe('rgb(15, 118, 110)'); // the color setting

    await launcher.press('Enter'); // keyboard-usable
    const dialog = page.getByRole('dialog', { name: 'Chat with us' });
    await dialog.waitFor();
    await log(page).getByText('Hi there! Ask us anything.').waitFor();
    await composer(page).type('Hello from the widget');
    await composer(page).press('Enter');
    await composer(page).type('line one');
    await composer(page).press('Shift+Enter');
    await composer(page).type('line two');
    await composer(page).press('Enter');

    const [first, second] = await agent.visitorMessages(2);
    expect(first?.body).toBe('Hello from the widget');
    expect(second?.body).toBe('line one\nline two');
    conversationId = first?.conversationId ?? '';
    expect(second?.conversationId).toBe(conversationId);
    await sent(page, 'line two');
    expect(await composer(page).inputValue()).toBe('');
  }, 30_000);

  test("the agent's typing and reply show in the widget; replies while closed raise the badge", async () => {
    await page.evaluate(() => {
      const w = window as unknown as { FLC: (...args: unknown[]) => void; unread: number[] };
      w.unread = [];
      w.FLC('on', 'unread', (n: number) => w.unread.push(n));
    });
    agent.client.typing(conversationId);
    const typing = page.getByText('Support is typing…');
    await typing.waitFor();
    await agent.client.send(conversationId, 'Hi! How can I help you today?').ack;
    await log(page).getByText('Hi! How can I help you today?').waitFor();
    await typing.waitFor({ state: 'hidden' });
    await screenshot(page, 'widget-open');

    await page.keyboard.press('Escape'); // closes the panel, focus back on the launcher
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await agent.client.send(conversationId, 'Are you still there?').ack;
    const launcher = page.getByRole('button', { name: 'Open chat, 1 unread message' });
    await launcher.waitFor();
    expect(await launcher.locator('.badge').textContent()).toBe('1');
    await launcher.click();
    await log(page).getByText('Are you still there?').waitFor();
    expect(await page.evaluate(() => (window as unknown as { unread: number[] }).unread)).toEqual([
      1, 0,
    ]);
    expect(await page.locator('.launcher .badge').isHidden()).toBe(true);
    await page.getByRole('button', { name: 'Close chat' }).first().waitFor();
  }, 30_000);

  test('a reload keeps the history, the visitor and the conversation', async () => {
    await page.reload();
    // The panel was open in this tab, so it opens again.
    await page.getByRole('dialog', { name: 'Chat with us' }).waitFor();
    for (const text of [
      'Hello from the widget',
      'Hi! How can I help you today?',
      'Are you still there?',
    ]) {
      await log(page).getByText(text).waitFor();
    }
    expect(await log(page).locator('.m[data-k]').count()).toBe(4);
    await composer(page).type('Back after a reload');
    await composer(page).press('Enter');
    const messages = await agent.visitorMessages(3);
    expect(messages[2]).toMatchObject({ body: 'Back after a reload', conversationId });
    const list = await call('GET', '/v1/conversations', undefined, tenant.ownerAuth);
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([conversationId]);
  }, 30_000);

  test('messages typed offline are delivered exactly once, in order, when the page is back online', async () => {
    await sent(page, 'Back after a reload');
    await context.setOffline(true);
    await page.getByRole('status').getByText("You're offline").waitFor();
    const bodies = ['offline one', 'offline two', 'offline three'];
    for (const body of bodies) {
      await composer(page).type(body);
      await composer(page).press('Enter');
    }
    expect(await log(page).locator('.m.sending').count()).toBe(3);
    await screenshot(page, 'widget-offline');
    expect(agent.fromVisitors()).toHaveLength(3);

    await context.setOffline(false);
    const received = await agent.visitorMessages(6);
    expect(received.slice(3).map((m) => m.body)).toEqual(bodies);
    await log(page).locator('.m.sending').first().waitFor({ state: 'detached' });
    await page.getByRole('status').waitFor({ state: 'hidden' });
    // Every send was acked; the stored conversation holds each message once.
    const history = await call(
      'GET',
      `/v1/conversations/${conversationId}/messages?limit=100`,
      undefined,
      tenant.ownerAuth,
    );
    const stored = history.body.items
      .filter((m: Message) => m.sender.type === 'visitor')
      .map((m: Message) => m.body);
    expect(stored).toEqual([
      'Hello from the widget',
      'line one\nline two',
      'Back after a reload',
      ...bodies,
    ]);
    expect(agent.fromVisitors()).toHaveLength(6);
    await context.close();
  }, 30_000);

  test('a wrong memberHash is refused, and the widget says so', async () => {
    const ctx = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 1000, height: 720 },
    });
    const p = await demo(
      ctx,
      `pluginKey=${tenant.env.pluginKey}&memberId=user-42&memberHash=${'0'.repeat(64)}`,
    );
    await p.getByRole('button', { name: 'Open chat' }).click();
    const alert = p.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain("We couldn't verify your identity");
    expect(await composer(p).count()).toBe(0);
    await screenshot(p, 'widget-identity-refused');
    await ctx.close();
  }, 30_000);

  test('two tabs of one visitor share the contact and the conversation, live', async () => {
    const ctx = await browser.newContext({
      locale: 'ko-KR',
      viewport: { width: 1000, height: 720 },
    });
    const input = (p: Page) => p.getByRole('textbox', { name: '메시지를 입력하세요…' });
    const a = await demo(ctx);
    await a.getByRole('button', { name: '채팅 열기' }).click(); // Korean from navigator.language
    await input(a).waitFor();
    const b = await demo(ctx);
    await b.getByRole('button', { name: '채팅 열기' }).click();
    await input(b).waitFor();
    const visitorToken = (p: Page) =>
      p.evaluate((key) => localStorage.getItem(key), `flc:${tenant.env.pluginKey}:visitor`);
    expect(await visitorToken(b)).toBe(await visitorToken(a));

    const before = agent.fromVisitors().length;
    await input(a).type('탭 A에서 보냄');
    await input(a).press('Enter');
    await log(b).getByText('탭 A에서 보냄').waitFor(); // b follows the conversation a opened
    await input(b).type('탭 B에서 보냄');
    await input(b).press('Enter');
    await log(a).getByText('탭 B에서 보냄').waitFor();
    const messages = (await agent.visitorMessages(before + 2)).slice(before);
    expect(messages.map((m) => m.body)).toEqual(['탭 A에서 보냄', '탭 B에서 보냄']);
    expect(messages[1]?.conversationId).toBe(messages[0]?.conversationId ?? '');
    expect(messages[0]?.conversationId).not.toBe(conversationId);
    await screenshot(b, 'widget-ko');

    // `shutdown` (a logout) removes the widget and makes the device forget the visitor.
    await b.evaluate(() => (window as unknown as { FLC: (c: string) => void }).FLC('shutdown'));
    expect(await b.locator('[data-flc-widget]').count()).toBe(0);
    expect(await visitorToken(a)).toBeNull();
    await ctx.close();
    expect(h.pageErrors).toEqual([]);
  }, 30_000);
});
