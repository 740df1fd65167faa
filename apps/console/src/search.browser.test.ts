import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { join } from 'node:path';
// By path, not as a package (see inbox.browser.test.ts).
import {
  type BrowserHarness,
  browserSuiteRuns,
  startBrowserHarness,
} from '../../standalone/src/testing/browser.ts';
import { axeViolations } from './testing/axe.ts';

// The search box in Chromium against the standalone platform: opened with `/` and Ctrl+K, hits
// grouped by type with the matched words marked, chosen with the arrow keys and opened with Enter
// (a message opens its conversation). axe-core checks the open box with results.
const screenshots = join(import.meta.dir, '..', '..', '..', '.test-results', 'screenshots');

describe.if(browserSuiteRuns('console'))('search in Chromium', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness({ label: 'console-search', screenshots });
  }, 120_000);
  afterAll(() => h?.stop());

  const rest = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${h.platform.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    expect(res.status).toBeLessThan(300);
    return res.json();
  };

  test('/ opens the box; arrows and Enter open the conversation of a message hit', async () => {
    const owner = await rest('/v1/auth/signup', {
      organizationName: 'Northwind Support',
      name: 'Ada Lovelace',
      email: `ada-${crypto.randomUUID()}@example.com`,
      password: 'correct horse battery',
    });
    const auth = { authorization: `Bearer ${owner.accessToken}` };
    const env = await rest('/v1/environments', { name: 'Website' }, auth);
    const visitor = await rest('/v1/widget/boot', {}, { 'x-plugin-key': env.pluginKey });
    const session = { authorization: `Bearer ${visitor.sessionToken}` };
    const chat = await rest('/v1/widget/conversations', {}, session);
    for (const body of ['Hello there', 'My parcel never arrived, can you check the parcel?']) {
      await rest(`/v1/widget/conversations/${chat.id}/messages`, { body }, session);
    }
    await rest(
      `/v1/conversations/${chat.id}/messages`,
      { body: 'Courier says the parcel is lost', kind: 'note' },
      auth,
    );

    const page = await h.signedIn(owner, '/inbox', 'search: ');
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    await page.keyboard.press('/');
    const box = page.getByRole('combobox', {
      name: 'Search messages, notes, contacts and conversations',
    });
    await box.waitFor();
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
    await box.fill('parcel');
    const options = page.getByRole('listbox', { name: 'Search' }).getByRole('option');
    await page.getByRole('status').filter({ hasText: '3 results' }).waitFor();
    expect(await page.getByRole('group', { name: 'Messages' }).getByRole('option').count()).toBe(2);
    // The marks are the matched words, as text.
    // The conversation (its last message matches), then the message and the note.
    expect(
      await page.getByRole('group', { name: 'Conversations' }).getByRole('option').count(),
    ).toBe(1);
    expect(new Set(await page.locator('.search-snippet mark').allTextContents())).toEqual(
      new Set(['parcel']),
    );
    expect(await page.locator('.search-snippet mark').count()).toBe(5);
    expect(await options.first().getAttribute('aria-selected')).toBe('true');
    const violations = (await axeViolations(page)).map((v) => `${v.id}: ${v.targets.join(', ')}`);
    expect(violations).toEqual([]);
    await h.screenshot(page, 'console-search');

    await box.press('ArrowUp');
    expect(await options.nth(2).getAttribute('aria-selected')).toBe('true');
    await box.press('ArrowDown');
    await box.press('ArrowDown');
    expect(await options.nth(1).getAttribute('aria-selected')).toBe('true');
    await box.press('Enter');
    await page.waitForURL(new RegExp(`/inbox/${chat.id}`));
    expect(await box.count()).toBe(0);

    // Ctrl+K opens it again anywhere; Esc closes it.
    await page.keyboard.press('Control+k');
    await box.waitFor();
    await box.press('Escape');
    await box.waitFor({ state: 'detached' });
  }, 90_000);
});
