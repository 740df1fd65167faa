import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { Page } from 'playwright-core';
// By path, not as a package (see inbox.browser.test.ts).
import {
  type BrowserHarness,
  browserSuiteRuns,
  startBrowserHarness,
} from '../../standalone/src/testing/browser.ts';
import { axeViolations } from './testing/axe.ts';

// Private notes and mentions in Chromium against the standalone platform: an agent writes a
// note with an @mention from the keyboard alone, a teammate sees the Mentions badge come live
// and opens the mention, and the visitor's widget, which gets the reply after the note, never
// shows the note. axe-core checks the conversation with a note and the Mentions view.
const password = 'correct horse battery';
const secret = 'VIP customer, refund approved by finance';

describe.if(browserSuiteRuns('console'))('private notes and mentions in Chromium', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness({ label: 'console-notes' });
  }, 120_000);
  afterAll(() => h?.stop());

  const open = (label: string): Promise<Page> => h.page(`${label}: `);
  const rest = async (path: string, body?: unknown, token?: string) => {
    const res = await fetch(`${h.platform.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.status).toBeLessThan(300);
    return res.json();
  };
  const logIn = async (page: Page, email: string) => {
    await page.goto(`${h.platform.url}/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/inbox/);
  };
  const expectNoViolations = async (page: Page) =>
    expect((await axeViolations(page)).map((v) => `${v.id}: ${v.targets.join(', ')}`)).toEqual([]);

  test('a note with an @mention: the teammate is told live, the visitor never sees it', async () => {
    // An organization with two agents (Ada, the owner, and Grace) and a website environment.
    const adaEmail = `ada-${crypto.randomUUID()}@example.com`;
    const owner = await rest('/v1/auth/signup', {
      organizationName: 'Northwind Support',
      name: 'Ada Lovelace',
      email: adaEmail,
      password,
    });
    const env = await rest('/v1/environments', { name: 'Website' }, owner.accessToken);
    const graceEmail = `grace-${crypto.randomUUID()}@example.com`;
    const invite = await rest(
      '/v1/agents',
      { email: graceEmail, name: 'Grace Hopper', role: 'agent' },
      owner.accessToken,
    );
    await rest('/v1/auth/accept-invite', { token: invite.inviteToken, password });
    expect(invite.agent.handle).toBe('gracehopper');

    // The visitor writes from the widget on /demo.
    const visitor = await open('visitor');
    await visitor.goto(`${h.platform.url}/demo?pluginKey=${env.pluginKey}`);
    await visitor.getByRole('button', { name: 'Open chat' }).click();
    const visitorLog = visitor.getByRole('log');
    const visitorInput = visitor.getByRole('textbox', { name: 'Write a message…' });
    await visitorInput.fill('Where is my refund?');
    await visitorInput.press('Enter');
    await visitorLog.locator('.m.mine:not(.sending):not(.failed)').waitFor();

    // Grace waits in her inbox, not following the conversation.
    const grace = await open('grace');
    await logIn(grace, graceEmail);
    const graceNav = grace.getByRole('navigation', { name: 'Main' });
    await graceNav.getByRole('link', { name: 'Mentions', exact: true }).waitFor();

    // Ada opens the conversation and writes a note, from the keyboard only.
    const ada = await open('ada');
    await logIn(ada, adaEmail);
    const row = ada.getByRole('list', { name: 'Conversations' }).getByRole('listitem').first();
    await row.getByRole('link').click();
    const conversation = ada.getByRole('region', { name: /^Conversation with / });
    await conversation.locator('.msg-in[data-seq]').waitFor();
    const reply = conversation.getByRole('textbox', { name: 'Reply' });
    await reply.focus();
    await ada.keyboard.press('Shift+Tab'); // the mode radios: Reply is checked
    expect(await ada.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe(
      'message',
    );
    await ada.keyboard.press('ArrowRight'); // Private note
    await ada.keyboard.press('Tab');
    const note = conversation.getByRole('textbox', { name: 'Private note' });
    expect(await note.evaluate((el) => el === document.activeElement)).toBe(true);
    await ada.keyboard.type('Heads up @gra');
    const picker = conversation.getByRole('listbox', { name: 'Mention a teammate' });
    const option = picker.getByRole('option', { name: /Grace Hopper/ });
    await option.waitFor();
    expect(await option.getAttribute('aria-selected')).toBe('true');
    expect(await note.getAttribute('aria-activedescendant')).toBe(await option.getAttribute('id'));
    await expectNoViolations(ada);
    await h.screenshot(ada, 'note-mention-picker');
    await ada.keyboard.press('Enter'); // chooses, does not send
    expect(await note.inputValue()).toBe('Heads up @gracehopper ');
    await picker.waitFor({ state: 'detached' });
    await ada.keyboard.type(`can you confirm? ${secret}`);
    await ada.keyboard.press('Enter');
    const sent = conversation.locator('.msg-note[data-seq]', { hasText: secret });
    await sent.waitFor();
    expect(await sent.getByText('Private note').count()).toBe(1);

    // Then a reply to the visitor, after the note.
    await ada.keyboard.press('Shift+Tab');
    await ada.keyboard.press('ArrowLeft'); // back to Reply
    await ada.keyboard.press('Tab');
    await ada.keyboard.type('Your refund is on its way: 3 to 5 days.');
    await ada.keyboard.press('Enter');
    await conversation
      .locator('.msg-out[data-seq]:not(.msg-note)', { hasText: 'on its way' })
      .waitFor();
    await expectNoViolations(ada);
    await h.screenshot(ada, 'conversation-note');

    // Grace: the Mentions badge comes live; she opens the list, then the mention.
    const mentionsLink = graceNav.getByRole('link', { name: 'Mentions 1 unread' });
    await mentionsLink.waitFor();
    await mentionsLink.click();
    await grace.getByRole('heading', { name: 'Mentions' }).waitFor();
    const item = grace.getByRole('listitem').filter({ hasText: secret });
    await item.getByText('Unread').waitFor();
    await item.getByText('Ada Lovelace mentioned you').waitFor();
    await expectNoViolations(grace);
    await h.screenshot(grace, 'mentions');
    await item.getByRole('link').click();
    // The mention opens its conversation at the note, which takes the focus.
    await grace.waitForURL(/\/inbox\/[^?]+\?seq=\d+$/);
    const graceConversation = grace.getByRole('region', { name: /^Conversation with / });
    const mentionedNote = graceConversation.locator('.msg-note[data-seq]', { hasText: secret });
    await mentionedNote.waitFor();
    expect(new URL(grace.url()).searchParams.get('seq')).toBe(
      await mentionedNote.getAttribute('data-seq'),
    );
    await grace.waitForFunction(() =>
      document.activeElement?.closest('.msg-note')?.textContent?.includes('Heads up'),
    );
    await graceNav.getByRole('link', { name: 'Mentions', exact: true }).waitFor();
    const mentions = await rest('/v1/me/mentions', undefined, await sessionToken(grace));
    expect(mentions).toMatchObject({ unread: 0, items: [{ readAt: expect.any(String) }] });

    // The visitor got the reply, which came after the note, and never the note.
    const widget = visitor.getByRole('dialog', { name: 'Chat with us' });
    await visitorLog.locator('.m:not(.mine)', { hasText: 'on its way' }).waitFor();
    expect(await widget.textContent()).not.toContain(secret);
    expect(await widget.textContent()).not.toContain('Heads up');
    // Loaded again from the widget's history, it still is not there.
    await visitor.reload();
    await widget.waitFor(); // the panel was open in this tab, so it opens again
    await visitorLog.locator('.m:not(.mine)', { hasText: 'on its way' }).waitFor();
    expect(await widget.textContent()).not.toContain(secret);
    expect(await visitorLog.locator('.m[data-k]').count()).toBe(2);
    expect(h.pageErrors).toEqual([]);
  }, 90_000);
});

function sessionToken(page: Page): Promise<string> {
  return page.evaluate(
    () => JSON.parse(localStorage.getItem('flc.console.session') ?? '{}').accessToken as string,
  );
}
