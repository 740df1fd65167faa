import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { Message } from '@flc/protocol/resources';
import {
  bearer,
  bootVisitor,
  chatTenant,
  openConversation,
  type Rest,
  restClient,
  visitorSays,
} from '@flc/testkit';
import type { Locator } from 'playwright-core';
// By path, not as a package: @flc/standalone depends on this package (see settings.browser.test).
import {
  type BrowserHarness,
  browserSuiteRuns,
  startBrowserHarness,
} from '../../standalone/src/testing/browser.ts';
import { expectAccessible } from './testing/axe.ts';

// Editing and deleting messages in the console, in Chromium, by keyboard: an agent fixes a typo
// in their reply in place and deletes their note after confirming; the owner, watching the same
// conversation, sees both live. Only what the agent may change offers Edit and Delete.

const focused = (l: Locator) => l.evaluate((el) => el === document.activeElement);

describe.if(browserSuiteRuns('console-edit'))('editing and deleting messages in Chromium', () => {
  let h: BrowserHarness;
  let rest: Rest;
  beforeAll(async () => {
    h = await startBrowserHarness({ label: 'console-edit' });
    rest = restClient(() => h.platform.url);
  }, 120_000);
  afterAll(() => h?.stop());

  test('an agent edits a reply and deletes a note by keyboard; the owner sees both live', async () => {
    const tenant = await chatTenant(rest, { name: 'Edit Desk' });
    const invited = await rest(
      'POST',
      '/v1/agents',
      { email: `mia-${crypto.randomUUID()}@example.com`, name: 'Mia Mate', role: 'agent' },
      tenant.ownerAuth,
    );
    const mia = await rest('POST', '/v1/auth/accept-invite', {
      token: invited.body.inviteToken,
      password: 'a long enough password',
    });
    expect(mia.status).toBe(200);
    const visitor = await bootVisitor(rest, tenant);
    const chat = await openConversation(rest, visitor);
    await visitorSays(rest, visitor, chat.id, 'When does my order ship?'); // seq 1
    const post = (body: object, auth: Record<string, string>) =>
      rest('POST', `/v1/conversations/${chat.id}/messages`, body, auth);
    const miaAuth = bearer(mia.body.accessToken);
    expect((await post({ body: 'Owner here, Mia will help' }, tenant.ownerAuth)).status).toBe(201);
    expect((await post({ body: 'It ships in 2 dyas' }, miaAuth)).status).toBe(201); // seq 3
    expect((await post({ body: 'Stock is low, check', kind: 'note' }, miaAuth)).status).toBe(201);

    const owner = await h.signedIn(tenant.owner, `/inbox/${chat.id}`, 'owner: ');
    const page = await h.signedIn(mia.body, `/inbox/${chat.id}`, 'mia: ');
    const history = page.getByRole('log', { name: 'Messages' });
    const line = (text: string) => history.locator('.msg', { hasText: text });
    await line('2 dyas').waitFor();
    // Mia changes only her own: not the visitor's message, not the owner's.
    expect(await line('When does my order ship?').getByRole('button').count()).toBe(0);
    expect(await line('Owner here').getByRole('button').count()).toBe(0);

    // Edit in place: Escape leaves it with the focus back on Edit; Enter saves.
    const reply = history.locator('.msg[data-seq="3"]');
    const editButton = reply.getByRole('button', { name: 'Edit message' });
    await editButton.focus();
    await page.keyboard.press('Enter');
    const field = reply.getByRole('textbox', { name: 'Edit the message' });
    expect(await focused(field)).toBe(true);
    expect(await field.inputValue()).toBe('It ships in 2 dyas');
    await page.keyboard.press('Escape');
    expect(await focused(editButton)).toBe(true);
    await page.keyboard.press('Enter');
    await field.fill('It ships in 2 days');
    await expectAccessible(page, 'editing a reply');
    await field.press('Enter');
    await reply.getByText('It ships in 2 days').waitFor();
    await reply.getByText('Edited').waitFor();
    expect(await focused(editButton)).toBe(true);
    // The inbox row shows the last message's new text, live.
    const inbox = page.getByRole('list', { name: 'Conversations' });
    await inbox.getByText('It ships in 2 days').waitFor();
    expect(await inbox.getByText('2 dyas').count()).toBe(0);

    // Delete asks first; the note keeps its place, without its text, and the focus stays in the log.
    const note = history.locator('.msg[data-seq="4"]');
    await note.getByRole('button', { name: 'Delete message' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Delete this note?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Delete message' }).press('Enter');
    await note.getByText('This message was deleted.').waitFor();
    await dialog.waitFor({ state: 'detached' });
    expect(await history.getByText('Stock is low').count()).toBe(0);
    await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'log');
    await expectAccessible(page, 'an edited reply and a deleted note');
    await h.screenshot(page, 'console-edit-delete');

    // The owner saw both live, and may change Mia's reply (an admin's right) but not the visitor's.
    const ownerHistory = owner.getByRole('log', { name: 'Messages' });
    const ownerReply = ownerHistory.locator('.msg[data-seq="3"]');
    await ownerReply.getByText('It ships in 2 days').waitFor();
    await ownerReply.getByText('Edited').waitFor();
    await ownerHistory
      .locator('.msg[data-seq="4"]')
      .getByText('This message was deleted.')
      .waitFor();
    expect(await ownerReply.getByRole('button', { name: 'Edit message' }).count()).toBe(1);
    const visitorLine = ownerHistory.locator('.msg[data-seq="1"]');
    expect(await visitorLine.getByRole('button').count()).toBe(0);

    const stored = await rest(
      'GET',
      `/v1/conversations/${chat.id}/messages?limit=10`,
      undefined,
      tenant.ownerAuth,
    );
    const bySeq = new Map<number, Message>(stored.body.items.map((m: Message) => [m.seq, m]));
    expect(bySeq.get(3)).toMatchObject({ body: 'It ships in 2 days', rev: 1 });
    expect(bySeq.get(4)).toMatchObject({ body: '', rev: 2 });
    expect(bySeq.get(4)?.deletedAt).toBeString();
    expect(h.pageErrors).toEqual([]);
  }, 90_000);
});
