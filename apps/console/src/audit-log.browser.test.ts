import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { Page } from 'playwright-core';
// By path, not as a package: @flc/standalone depends on this package (see settings.browser.test).
import {
  type BrowserHarness,
  browserSuiteRuns,
  startBrowserHarness,
} from '../../standalone/src/testing/browser.ts';
import { axeViolations } from './testing/axe.ts';

// The owner's audit log in Debian's Chromium against the standalone platform: an action taken
// in the console shows up in the log, which pages, filters and works from the keyboard alone.

describe.if(browserSuiteRuns('console-audit'))('console audit log in Chromium', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness({ label: 'console-audit' });
  }, 120_000);
  afterAll(() => h?.stop());

  const owner = {
    name: 'Olga Owner',
    email: `olga-${crypto.randomUUID()}@example.com`,
    password: 'correct horse battery',
  };

  async function rest<T>(path: string, body: unknown, token?: string): Promise<T> {
    const res = await fetch(`${h.platform.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<T>;
  }

  /** Presses Tab until `name` has the focus: the page is reachable without a mouse. */
  async function tabTo(page: Page, matches: () => Promise<boolean>, max = 40): Promise<void> {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      if (await matches()) return;
    }
    throw new Error('never reached with Tab');
  }
  const focused = (page: Page, selector: string) =>
    page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);

  test('an owner creates an API key and finds it in the audit log, by keyboard', async () => {
    const { accessToken } = await rest<{ accessToken: string }>('/v1/auth/signup', {
      organizationName: 'Audit Co',
      ...owner,
    });
    // More than a page of history: 30 environments made through the API.
    for (let i = 0; i < 30; i++) {
      await rest('/v1/environments', { name: `Env ${i}` }, accessToken);
    }

    const context = await h.browser.newContext({
      locale: 'en-US',
      viewport: { width: 1280, height: 900 },
    });
    const page = h.track(await context.newPage());
    await page.goto(`${h.platform.url}/login?next=%2Fsettings%2Fapi-keys`);
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Password').fill(owner.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/settings\/api-keys/);

    // The action: a new API key, made in the console.
    await page.getByRole('button', { name: 'Create API key' }).click();
    await page.getByRole('dialog').getByLabel('Name').fill('Audit sync');
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = (await page.getByTestId('created-secret').textContent()) ?? '';
    expect(secret).toStartWith('flc_sk_');
    await page.getByRole('button', { name: 'I have stored the secret' }).click();

    // To the audit log from the side nav, by keyboard.
    const navLink = page
      .getByRole('navigation', { name: 'Settings' })
      .getByRole('link', { name: 'Audit log' });
    await navLink.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Audit log' }).waitFor();
    const table = page.getByRole('table', { name: 'Audit events' });
    const newest = table.getByRole('row').nth(1);
    await newest.getByText('Created an API key').waitFor();
    expect(await newest.textContent()).toContain('Olga Owner');
    expect(await newest.textContent()).toContain('Audit sync');
    expect(await newest.textContent()).toContain('127.0.0.1');
    // One page of 25 rows (and the header), then the rest on demand.
    expect(await table.getByRole('row').count()).toBe(26);
    expect(await axeViolations(page)).toEqual([]);
    await h.screenshot(page, 'audit-log');

    await tabTo(page, () => focused(page, 'button.load-more'));
    await page.keyboard.press('Enter');
    // 30 environments, the organization, the sign-in and the key.
    await table.getByText('Created the organization').waitFor();
    expect(await table.getByRole('row').count()).toBe(1 + 33);
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);

    // Filter by kind of action with the keyboard: the select, then the arrow keys.
    await page.getByRole('heading', { level: 2, name: 'Audit log' }).click();
    await tabTo(page, () => focused(page, 'select'));
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    expect(await page.getByLabel('Action').inputValue()).toBe('api_key.');
    await page.getByRole('heading', { level: 3, name: 'API keys' }).waitFor();
    await table.getByRole('row').nth(2).waitFor({ state: 'detached' });
    expect(await table.getByRole('row').nth(1).textContent()).toContain('Created an API key');
    expect(await axeViolations(page)).toEqual([]);

    // The secret shown once is nowhere in the log.
    expect(await page.content()).not.toContain(secret);

    // An admin has no audit log: not in the nav, and its address shows the first section.
    const invite = await rest<{ inviteToken: string }>(
      '/v1/agents',
      { email: `ann-${crypto.randomUUID()}@example.com`, name: 'Ann Admin', role: 'admin' },
      accessToken,
    );
    const admin = await rest<{ accessToken: string; refreshToken: string }>(
      '/v1/auth/accept-invite',
      { token: invite.inviteToken, password: 'ann admin password' },
    );
    const ann = await h.signedIn(admin, '/settings/audit-log', 'admin: ');
    await ann.getByRole('heading', { level: 2, name: 'Organization' }).waitFor();
    const annNav = ann.getByRole('navigation', { name: 'Settings' });
    await annNav.getByRole('link', { name: 'Webhooks' }).waitFor();
    expect(await annNav.getByRole('link', { name: 'Audit log' }).count()).toBe(0);
    expect(h.pageErrors).toEqual([]);
  }, 90_000);
});
