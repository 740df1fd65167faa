import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { Message } from '@flc/sdk';
import { type ChatTenant, chatTenant, restClient } from '@flc/testkit';
import type { BrowserContext, Locator } from 'playwright-core';
// By path, not as a package: @flc/standalone depends on this package (it serves widget.js).
import { expectAccessible } from '../../console/src/testing/axe.ts';
import type { Standalone } from '../../standalone/src/index.ts';
import {
  type BrowserHarness,
  browserSuiteRuns,
  startBrowserHarness,
} from '../../standalone/src/testing/browser.ts';

// A visitor edits and deletes its own messages in the widget, by keyboard, in Debian's Chromium
// on /demo of the standalone platform; the agent's edits and deletes reach the open widget live,
// and a reload shows the same state from the history.

const focused = (l: Locator) =>
  l.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement);

describe.if(browserSuiteRuns('widget-edit'))('editing and deleting messages in the widget', () => {
  let h: BrowserHarness;
  let platform: Standalone;
  let tenant: ChatTenant;
  const call = restClient(() => platform.url);
  /** The first test's visitor (its localStorage), for the second. */
  let visitor: Awaited<ReturnType<BrowserContext['storageState']>>;

  beforeAll(async () => {
    h = await startBrowserHarness({ label: 'widget-edit' });
    platform = h.platform;
    tenant = await chatTenant(call, { name: 'Edit Co' });
  }, 60_000);
  afterAll(() => h?.stop());

  const stored = async (conversationId: string): Promise<Message[]> => {
    const page = await call(
      'GET',
      `/v1/conversations/${conversationId}/messages?limit=100`,
      undefined,
      tenant.ownerAuth,
    );
    expect(page.status).toBe(200);
    return page.body.items;
  };

  test('the visitor fixes a typo and takes a message back; the agent’s changes arrive live', async () => {
    const context = await h.browser.newContext({ locale: 'en-US' });
    const page = h.track(await context.newPage());
    await page.goto(`${platform.url}/demo?pluginKey=${tenant.env.pluginKey}`);
    await page.getByRole('button', { name: 'Open chat' }).press('Enter');
    const log = page.getByRole('log');
    const composer = page.getByRole('textbox', { name: 'Write a message…' });
    for (const body of ['Helo, my order is late', 'Sent to the wrong chat, sorry']) {
      await composer.fill(body);
      await composer.press('Enter');
      await log.locator('.m.mine:not(.sending)', { hasText: body }).waitFor();
    }
    const list = await call('GET', '/v1/conversations', undefined, tenant.ownerAuth);
    const conversationId: string = list.body.items[0].id;

    // Edit by keyboard: the field has the focus and the text; Escape leaves it, panel open.
    // By place: while a message is edited, its text is in the field, not in the line.
    const typo = log.locator('.m.mine').nth(0);
    await typo.getByRole('button', { name: 'Edit message' }).press('Enter');
    const field = typo.getByRole('textbox', { name: 'Edit your message' });
    expect(await focused(field)).toBe(true);
    expect(await field.inputValue()).toBe('Helo, my order is late');
    await field.press('Escape');
    expect(await focused(typo.getByRole('button', { name: 'Edit message' }))).toBe(true);
    expect(await page.getByRole('dialog').isVisible()).toBe(true);
    await typo.getByRole('button', { name: 'Edit message' }).press('Enter');
    await field.fill('Hello, my order is late');
    await expectAccessible(page, 'editing a message', 'serious');
    await field.press('Enter');
    await typo.getByText('Hello, my order is late').waitFor();
    await typo.getByText('Edited').waitFor();
    expect(await focused(typo.getByRole('button', { name: 'Edit message' }))).toBe(true);

    // Delete asks first, with the focus on Cancel; the message keeps its place without its text.
    const wrong = log.locator('.m.mine').nth(1);
    await wrong.getByText('wrong chat').waitFor();
    await wrong.getByRole('button', { name: 'Delete message' }).press('Enter');
    const ask = wrong.getByRole('group', { name: 'Delete this message?' });
    expect(await focused(ask.getByRole('button', { name: 'Cancel' }))).toBe(true);
    await page.keyboard.press('Shift+Tab');
    expect(await focused(ask.getByRole('button', { name: 'Delete' }))).toBe(true);
    await page.keyboard.press('Enter');
    await log.getByText('This message was deleted.').waitFor();
    expect(await log.getByText('wrong chat').count()).toBe(0);
    expect(await focused(log)).toBe(true);

    const [first, second] = await stored(conversationId);
    expect(first).toMatchObject({ seq: 1, body: 'Hello, my order is late' });
    expect(first?.editedAt).toBeString();
    expect(second).toMatchObject({ seq: 2, body: '' });
    expect(second?.deletedAt).toBeString();

    // The agent replies, then corrects and deletes over REST: the open widget follows live.
    const send = (body: string) =>
      call('POST', `/v1/conversations/${conversationId}/messages`, { body }, tenant.ownerAuth);
    const reply = await send('Your parcel leaves on Mondy');
    const extra = await send('Ignore this line');
    expect([reply.status, extra.status]).toEqual([201, 201]);
    await log.getByText('Ignore this line').waitFor();
    const change = (method: 'PATCH' | 'DELETE', seq: number, body?: object) =>
      call(method, `/v1/conversations/${conversationId}/messages/${seq}`, body, tenant.ownerAuth);
    expect(
      (await change('PATCH', reply.body.seq, { body: 'Your parcel leaves on Monday' })).status,
    ).toBe(200);
    expect((await change('DELETE', extra.body.seq)).status).toBe(200);
    const theirs = log.locator('.m:not(.mine)', { hasText: 'Monday' });
    await theirs.getByText('Edited').waitFor();
    await log.locator('.m:not(.mine) .b.del').waitFor();
    expect(await log.getByText('Ignore this line').count()).toBe(0);
    // Only the visitor's own messages offer changes.
    expect(await theirs.getByRole('button').count()).toBe(0);
    await expectAccessible(page, 'edited and deleted messages', 'serious');
    await h.screenshot(page, 'widget-edit-delete');

    // A reload shows the same from the history.
    await page.reload();
    await page.getByRole('dialog').waitFor();
    await log.getByText('Your parcel leaves on Monday').waitFor();
    expect(await log.getByText('Edited').count()).toBe(2);
    expect(await log.getByText('This message was deleted.').count()).toBe(2);
    expect(await log.getByText('Mondy').count()).toBe(0);
    expect(h.pageErrors).toEqual([]);
    visitor = await context.storageState();
    await context.close();
  }, 60_000);

  test('in Korean, for the same visitor', async () => {
    const context = await h.browser.newContext({ locale: 'ko-KR', storageState: visitor });
    const page = h.track(await context.newPage());
    await page.goto(`${platform.url}/demo?pluginKey=${tenant.env.pluginKey}`);
    await page.getByRole('button', { name: '채팅 열기' }).click();
    const log = page.getByRole('log');
    await log.getByText('Hello, my order is late').waitFor();
    const mine = log.locator('.m.mine').nth(0);
    await mine.getByText('수정됨').waitFor();
    await mine.getByRole('button', { name: '메시지 수정' }).click();
    await mine.getByRole('textbox', { name: '수정할 내용' }).waitFor();
    await mine.getByRole('button', { name: '취소' }).click();
    await log.getByText('삭제된 메시지입니다.').first().waitFor();
    await context.close();
  }, 30_000);
});
