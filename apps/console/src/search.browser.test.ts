import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
// By path, not as a package (see inbox.browser.test.ts).
import {
  type BrowserHarness,
  browserSuiteRuns,
  startBrowserHarness,
} from '../../standalone/src/testing/browser.ts';
import { axeViolations } from './testing/axe.ts';

// The search box in Chromium against the standalone platform: opened with `/` and Ctrl+K, hits
// grouped by type with the matched words marked, chosen with the arrow keys and opened with Enter
// (a message opens its conversation at that message, `?seq=` in the address). axe-core checks the
// open box with results, and the conversation opened deep in its history.

describe.if(browserSuiteRuns('console'))('search in Chromium', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness({ label: 'console-search' });
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

  /** A new organization with a visitor's conversation in it. */
  const organization = async (name: string) => {
    const owner = await rest('/v1/auth/signup', {
      organizationName: name,
      name: 'Ada Lovelace',
      email: `ada-${crypto.randomUUID()}@example.com`,
      password: 'correct horse battery',
    });
    const auth = { authorization: `Bearer ${owner.accessToken}` };
    const env = await rest('/v1/environments', { name: 'Website' }, auth);
    const visitor = await rest('/v1/widget/boot', {}, { 'x-plugin-key': env.pluginKey });
    const session = { authorization: `Bearer ${visitor.sessionToken}` };
    const chat = await rest('/v1/widget/conversations', {}, session);
    return { owner, auth, session, chat };
  };

  test('/ opens the box; arrows and Enter open the conversation of a message hit', async () => {
    const { owner, auth, session, chat } = await organization('Northwind Support');
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
    await page.waitForURL(new RegExp(`/inbox/${chat.id}\\?seq=\\d+$`));
    expect(await box.count()).toBe(0);

    // Ctrl+K opens it again anywhere; Esc closes it.
    await page.keyboard.press('Control+k');
    await box.waitFor();
    await box.press('Escape');
    await box.waitFor({ state: 'detached' });
  }, 90_000);

  test('a hit deep in a long conversation opens at it, focused; paging works both ways from there', async () => {
    const { owner, auth, session, chat } = await organization('Contoso Care');
    const post = (body: string) => rest(`/v1/conversations/${chat.id}/messages`, { body }, auth);
    // More than a page (30) of messages each side of the hit.
    const first = await rest(
      `/v1/widget/conversations/${chat.id}/messages`,
      { body: 'Hi, about my order' },
      session,
    );
    for (let i = 2; i <= 45; i++) await post(`Update ${i} on your order`);
    const hit = await post('The quokka plush ships from the Perth warehouse');
    for (let i = 0; i < 45; i++) await post(`Later update ${i} on your order`);
    const newest = await post('Anything else I can help with?');
    expect(hit.seq - first.seq).toBeGreaterThan(30);
    expect(newest.seq - hit.seq).toBeGreaterThan(30);

    const page = await h.signedIn(owner, '/inbox', 'search-jump: ');
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    await page.keyboard.press('Control+k');
    const box = page.getByRole('combobox', {
      name: 'Search messages, notes, contacts and conversations',
    });
    await box.fill('quokka');
    await page.getByRole('status').filter({ hasText: '1 result' }).waitFor();
    await box.press('Enter');
    await page.waitForURL(new RegExp(`/inbox/${chat.id}\\?seq=${hit.seq}$`));

    const timeline = page.getByRole('log', { name: 'Messages' });
    const target = timeline.locator(`[data-seq="${hit.seq}"]`);
    const seq = (n: number) => timeline.locator(`[data-seq="${n}"]`);
    /** Message `n` lies within the history's visible box (and, `focused`, has the focus). */
    const inView = (n: number, focused: boolean) =>
      page.waitForFunction(
        ([n, focused]) => {
          const el = document.querySelector(`.timeline [data-seq="${n}"]`);
          const box = document.querySelector('.timeline')?.getBoundingClientRect();
          if (!el || !box || (focused && el !== document.activeElement)) return false;
          const r = el.getBoundingClientRect();
          return r.top >= box.top && r.bottom <= box.bottom;
        },
        [n, focused] as const,
      );
    await inView(hit.seq, true);
    expect(await target.textContent()).toContain('Found message');
    // Opened in the middle: neither the first nor the newest message is loaded yet.
    expect(await seq(first.seq).count()).toBe(0);
    expect(await seq(newest.seq).count()).toBe(0);
    // Highlighted with a fading animation, or (reduced motion) without one.
    expect(await target.evaluate((el) => getComputedStyle(el).animationName)).toBe('msg-found');
    const violations = (await axeViolations(page)).map((v) => `${v.id}: ${v.targets.join(', ')}`);
    expect(violations).toEqual([]);
    await h.screenshot(page, 'console-search-jump');

    // Forward, by keyboard, to the newest (the button, or the scroll its focus brings about); then
    // live messages join at the bottom.
    const newer = page.getByRole('button', { name: 'Load newer messages' });
    await newer.focus();
    await page.keyboard.press('Enter');
    await seq(newest.seq).waitFor();
    await newer.waitFor({ state: 'detached' });
    // The button is gone; focus stays in the history, not on the page.
    expect(await timeline.evaluate((el) => el === document.activeElement)).toBe(true);
    const live = await post('Your quokka is on its way');
    await seq(live.seq).waitFor();

    // Back, by scrolling up, to the first message.
    await timeline.evaluate((el) => {
      el.scrollTop = 0;
    });
    await page.getByText('Start of the conversation').waitFor();
    expect(await seq(first.seq).count()).toBe(1);

    // The address is the link: reloaded, it opens at the same message again.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.reload();
    await inView(hit.seq, true);
    expect(await target.evaluate((el) => getComputedStyle(el).animationName)).toBe('none');

    // A seq past the newest (a stale link) opens at the newest, as without one.
    await page.goto(`${new URL(page.url()).origin}/inbox/${chat.id}?seq=${live.seq + 1000}`);
    await inView(live.seq, false);
  }, 120_000);
});
