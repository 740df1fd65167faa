import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { Page } from 'playwright-core';
// By path, not as a package: @flc/standalone depends on this package (it serves the console),
// and turbo refuses a dependency cycle even through devDependencies.
import type { Standalone } from '../../standalone/src/index.ts';
import {
  type BrowserHarness,
  browserSuiteRuns,
  startBrowserHarness,
} from '../../standalone/src/testing/browser.ts';

// The console's whole loop in Debian's Chromium (headless, driven by playwright-core) against the
// real standalone platform (PGlite in a temp dir): an owner signs up and creates an environment, a
// visitor writes from the widget on /demo in a second browser context, and the agent answers,
// assigns and closes the conversation live, without a reload.

interface StoredMessage {
  seq: number;
  body: string;
  sender: { type: string; id: string };
}

describe.if(browserSuiteRuns('console'))('the console inbox in Chromium', () => {
  let h: BrowserHarness;
  let platform: Standalone;
  beforeAll(async () => {
    h = await startBrowserHarness({ label: 'console-inbox' });
    platform = h.platform;
  }, 120_000);
  afterAll(() => h?.stop());

  async function open(viewport: { width: number; height: number }): Promise<Page> {
    const context = await h.browser.newContext({ locale: 'en-US', viewport });
    return h.track(await context.newPage(), `${viewport.width}px: `);
  }
  const screenshot = (page: Page, name: string) => h.screenshot(page, name);

  test('sign up → environment → a visitor writes → the agent replies, assigns and closes, live', async () => {
    const origin = platform.url;
    const agent = await open({ width: 1280, height: 800 });
    const token = () =>
      agent.evaluate(
        () => JSON.parse(localStorage.getItem('flc.console.session') ?? '{}').accessToken as string,
      );
    const api = async (path: string) =>
      (
        await fetch(`${origin}${path}`, { headers: { authorization: `Bearer ${await token()}` } })
      ).json();

    // Sign up: a new organization and its owner, signed in, in an empty inbox.
    await agent.goto(`${origin}/signup`);
    await agent.getByLabel('Organization name').fill('Northwind Support');
    await agent.getByLabel('Your name').fill('Ada Lovelace');
    await agent.getByLabel('Work email').fill(`ada-${crypto.randomUUID()}@example.com`);
    await agent.getByLabel('Password').fill('correct horse battery');
    await agent.getByRole('button', { name: 'Create organization' }).click();
    await agent.waitForURL(/\/inbox/);
    await agent.getByText('Inbox zero').waitFor();
    // A mark on this document: it must still be here at the end (no reload, all live).
    await agent.evaluate(() => {
      (window as unknown as { sameDocument: boolean }).sameDocument = true;
    });

    // Settings → Environments → a new one; its plugin key is read off the page.
    const mainNav = agent.getByRole('navigation', { name: 'Main' });
    await mainNav.getByRole('link', { name: 'Settings' }).click();
    await agent
      .getByRole('navigation', { name: 'Settings' })
      .getByRole('link', { name: 'Environments' })
      .click();
    await agent.getByText('No environments yet').waitFor();
    await agent.getByRole('button', { name: 'New environment' }).click();
    const dialog = agent.getByRole('dialog', { name: 'New environment' });
    await dialog.getByLabel('Name').fill('Website');
    await dialog.getByRole('button', { name: 'Create environment' }).click();
    const pluginKey = (await agent.getByTestId('plugin-key').textContent()) ?? '';
    expect(pluginKey).toMatch(/^flc_pk_/);

    // Back to the inbox through the navigation, where the agent waits.
    await mainNav.getByRole('link', { name: 'Inbox' }).click();
    await agent.getByText('Inbox zero').waitFor();

    // A visitor on /demo, in another browser, opens the widget and writes.
    const visitor = await open({ width: 1000, height: 720 });
    await visitor.goto(`${origin}/demo?pluginKey=${pluginKey}`);
    await visitor.getByRole('button', { name: 'Open chat' }).click();
    await visitor.getByRole('dialog', { name: 'Chat with us' }).waitFor();
    const visitorLog = visitor.getByRole('log');
    const visitorInput = visitor.getByRole('textbox', { name: 'Write a message…' });
    const question = 'Hi! Can I change the delivery address of order #4521?';
    await visitorInput.fill(question);
    await visitorInput.press('Enter');
    await visitorLog.locator('.m.mine:not(.sending):not(.failed)', { hasText: question }).waitFor();

    // The conversation appears live in the agent's inbox, with the message and one unread.
    const conversations = agent.getByRole('list', { name: 'Conversations' });
    const arrived = conversations.getByRole('listitem').filter({ hasText: question });
    await arrived.waitFor();
    expect(await arrived.locator('.ui-badge').textContent()).toBe('1');
    const conversationId = (await arrived.getAttribute('data-id')) ?? '';
    expect(conversationId).not.toBe('');
    const row = conversations.locator(`li[data-id="${conversationId}"]`);
    // The total unread count: on the Inbox item and in the tab's title.
    const inboxLink = mainNav.getByRole('link', { name: /^Inbox/ });
    await inboxLink.locator('.ui-badge', { hasText: '1' }).waitFor();
    await agent.waitForFunction(() => document.title === '(1) Inbox — Fast Light Chat');
    await screenshot(agent, 'inbox');

    // Open it: the visitor's message is in the history, and the unread count is gone.
    await row.getByRole('link').click();
    await agent.waitForURL((url) => url.pathname === `/inbox/${conversationId}`);
    const conversation = agent.getByRole('region', { name: /^Conversation with / });
    await conversation.locator('.msg-in[data-seq]', { hasText: question }).waitFor();
    await row.locator('.ui-badge').waitFor({ state: 'detached' });
    await inboxLink.locator('.ui-badge').waitFor({ state: 'detached' });
    await agent.waitForFunction(() => document.title === 'Inbox — Fast Light Chat');

    // The visitor types: the agent sees it; when the visitor stops (idle), it goes away.
    await visitorInput.pressSequentially('Also');
    const visitorTyping = conversation.getByRole('status').filter({ hasText: 'is typing…' });
    await visitorTyping.waitFor();
    await visitorInput.fill('');
    await visitorTyping.waitFor({ state: 'detached', timeout: 10_000 });

    // The agent types (the visitor sees it) and replies with Enter.
    const reply = 'Of course — send me the new address and I will update it right away.';
    const composer = conversation.getByRole('textbox', { name: 'Reply' });
    await composer.click();
    await composer.pressSequentially('Of course');
    await visitor.getByText('Support is typing…').waitFor();
    await composer.fill(reply);
    await composer.press('Enter');
    await composer.and(agent.locator(':placeholder-shown')).waitFor(); // emptied
    await conversation.locator('.msg-out[data-seq]', { hasText: reply }).waitFor();
    await conversation.locator('.msg[data-state]').first().waitFor({ state: 'detached' });

    // The visitor's widget shows the reply, from the agent.
    const replyInWidget = visitorLog.locator('.m:not(.mine)', { hasText: reply });
    await replyInWidget.waitFor();
    await visitor.getByText('Support is typing…').waitFor({ state: 'hidden' });
    await screenshot(agent, 'conversation');

    // Snooze with `s` (out of the composer first: Esc) until tomorrow 9:00; then reopen.
    await composer.press('Escape');
    await agent.keyboard.press('s');
    const snoozeMenu = conversation.getByRole('menu', { name: 'Snooze' });
    await snoozeMenu.getByRole('menuitem', { name: /^1 hour/ }).waitFor();
    // The menu takes focus once it has rendered; keys pressed before that go elsewhere.
    const focused = (label: string) =>
      agent.waitForFunction((text) => document.activeElement?.textContent?.startsWith(text), label);
    await focused('1 hour');
    await agent.keyboard.press('ArrowDown');
    await focused('Tomorrow');
    await screenshot(agent, 'snooze-menu');
    await agent.keyboard.press('Enter');
    await conversation.getByText('Snoozed until tomorrow, 9:00 AM').first().waitFor();
    await row.waitFor({ state: 'detached' }); // out of the Open list
    const stored = await api(`/v1/conversations/${conversationId}`);
    expect(stored.status).toBe('snoozed');
    const nine = new Date(stored.snoozedUntil);
    expect([nine.getHours(), nine.getMinutes(), nine.getTime() > Date.now()]).toEqual([9, 0, true]);
    await screenshot(agent, 'snoozed');
    await conversation.getByRole('button', { name: 'Reopen' }).click();
    await row.waitFor();

    // Assign to me with `a`, then close with `e`.
    await agent.keyboard.press('a');
    const assignee = conversation.getByRole('button', { name: /^You/ });
    await assignee.waitFor();
    expect(await assignee.getAttribute('aria-haspopup')).toBe('menu');
    await row.getByTitle('Assigned to Ada Lovelace').waitFor();
    await agent.keyboard.press('e');
    await row.waitFor({ state: 'detached' }); // out of the Open list
    await conversation.locator('.ui-status-pill[data-status="closed"]').waitFor();
    await agent
      .getByRole('group', { name: 'Status' })
      .getByRole('button', { name: 'Closed' })
      .click();
    await row.filter({ hasText: `You: ${reply}` }).waitFor();
    expect(await agent.evaluate(() => 'sameDocument' in window)).toBe(true);

    // The visitor still has the reply after the close.
    expect(await replyInWidget.count()).toBe(1);
    expect(await visitorLog.locator('.m[data-k]').count()).toBe(2);

    // The API agrees: closed, assigned to the agent, and exactly these two messages in order.
    const get = async (path: string) => {
      const res = await fetch(`${origin}${path}`, {
        headers: { authorization: `Bearer ${await token()}` },
      });
      expect(res.status).toBe(200);
      return res.json();
    };
    const me = await get('/v1/me');
    const closed = await get(`/v1/conversations/${conversationId}`);
    expect(closed).toMatchObject({ status: 'closed', assigneeId: me.agent.id });
    const history = await get(`/v1/conversations/${conversationId}/messages?limit=100`);
    const messages = history.items as StoredMessage[];
    expect(messages.map((m) => [m.sender.type, m.body])).toEqual([
      ['visitor', question],
      ['agent', reply],
    ]);
    expect(messages[1]?.sender.id).toBe(me.agent.id);
    expect(messages[0]?.seq).toBeLessThan(messages[1]?.seq ?? 0);

    // A reply the server took but whose ack never came back survives a reload, and the reload
    // sends it again (same cid) without making a second message.
    const late = 'One more thing: the new address is saved.';
    let dropAcks = true;
    let ackDropped = () => {};
    const dropped = new Promise<void>((resolve) => (ackDropped = resolve));
    await agent.routeWebSocket(/\/v1\/ws/, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((frame) => server.send(frame));
      server.onMessage((frame) => {
        if (dropAcks && typeof frame === 'string' && frame.includes(late)) return;
        if (dropAcks && typeof frame === 'string' && frame.includes('"t":"ack"')) {
          ackDropped();
          return;
        }
        ws.send(frame);
      });
    });
    await agent.reload(); // the socket now goes through the route
    const lateComposer = conversation.getByRole('textbox', { name: 'Reply' });
    await lateComposer.fill(late);
    await lateComposer.press('Enter');
    await conversation.locator('.msg[data-state]', { hasText: late }).waitFor();
    await dropped;
    const outboxKeys = () =>
      agent.evaluate(() =>
        Object.keys(sessionStorage).filter((k) => k.startsWith('flc.console.outbox.')),
      );
    expect(await outboxKeys()).toHaveLength(1);
    dropAcks = false;
    await agent.reload();
    await conversation.locator('.msg-out[data-seq]', { hasText: late }).waitFor();
    await conversation.locator('.msg[data-state]').first().waitFor({ state: 'detached' });
    // The history shows it at once; the outbox lets go of it when the resend's ack comes.
    await agent.waitForFunction(
      () => !Object.keys(sessionStorage).some((k) => k.startsWith('flc.console.outbox.')),
    );
    const after = await get(`/v1/conversations/${conversationId}/messages?limit=100`);
    expect((after.items as StoredMessage[]).filter((m) => m.body === late)).toHaveLength(1);
    expect(await conversation.locator('.msg', { hasText: late }).count()).toBe(1);
    expect(h.pageErrors).toEqual([]);
  }, 60_000);
});
