import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { awaitMail, freePort, testMailServer } from '@flc/testkit';
import type { Page } from 'playwright-core';
// By path, not as a package (see settings.browser.test.ts).
import {
  type BrowserHarness,
  browserSuiteRuns,
  startBrowserHarness,
} from '../../standalone/src/testing/browser.ts';
import { axeViolations } from './testing/axe.ts';

// Password reset in Debian's Chromium against the standalone platform sending through the test
// SMTP server (Mailpit): from the login page, through the mail that arrived, to logging in with
// the new password, with the keyboard only, every screen checked with axe-core (WCAG 2.1 AA).
const mail = testMailServer();

describe.if(browserSuiteRuns('console') && Boolean(mail))('password reset in Chromium', () => {
  const { smtpUrl, api: mailpit } = mail ?? { smtpUrl: '', api: '' };
  let h: BrowserHarness;
  let origin = '';
  beforeAll(async () => {
    // The links in the mail point at FLC_PUBLIC_URL, so the port is chosen before the start.
    const port = freePort();
    origin = `http://127.0.0.1:${port}`;
    h = await startBrowserHarness({
      label: 'console-password-reset',
      env: {
        PORT: String(port),
        FLC_SMTP_URL: smtpUrl,
        FLC_MAIL_FROM: 'Fast Light Chat <no-reply@example.test>',
        FLC_PUBLIC_URL: origin,
      },
    });
    expect(h.platform.url).toBe(origin);
  }, 120_000);
  afterAll(() => h?.stop());

  async function screen(page: Page, name: string): Promise<void> {
    expect({ name, violations: await axeViolations(page) }).toEqual({ name, violations: [] });
    await h.screenshot(page, `password-reset-${name}`);
  }
  const focused = (page: Page) =>
    page.evaluate(() => {
      const el = document.activeElement;
      return el ? `${el.tagName.toLowerCase()} ${el.textContent?.trim() ?? ''}`.trim() : '';
    });

  test('forgot password → mail → new password → log in, by keyboard', async () => {
    const email = `reset-${crypto.randomUUID()}@example.com`;
    const signup = await fetch(`${origin}/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        organizationName: 'Reset Co',
        name: 'Rae Reset',
        email,
        password: 'the old password',
      }),
    });
    expect(signup.status).toBe(201);

    const context = await h.browser.newContext({ locale: 'en-US' });
    const page = h.track(await context.newPage());
    await page.goto(`${origin}/login`);
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await page.getByRole('link', { name: 'Forgot password?' }).waitFor();
    await screen(page, 'login');

    // Email (focused), password, then the link.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('a Forgot password?');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/forgot-password');
    await page.keyboard.press('Enter'); // checked before asking the API
    await page.getByText('Required').waitFor();
    await page.keyboard.type(email);
    await screen(page, 'request');
    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .getByText(`If an account exists for ${email}, we sent a link to it.`)
      .waitFor();
    await screen(page, 'sent');

    const received = await awaitMail(mailpit, email);
    const link = received.Text.match(/http\S+\/reset-password#token=[\w-]+/)?.[0] ?? '';
    expect(link.startsWith(`${origin}/reset-password#token=`)).toBe(true);

    await page.goto(link);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    // The token leaves the address bar once read.
    await page.waitForFunction(() => location.hash === '');
    expect(page.url()).toBe(`${origin}/reset-password`);
    expect(await focused(page)).toBe('input');
    await page.keyboard.type('a new password');
    await page.keyboard.press('Tab');
    await page.keyboard.type('a different one');
    await page.keyboard.press('Enter');
    await page.getByText('The passwords differ').waitFor();
    await screen(page, 'new-password');
    await page.getByLabel('Confirm new password').fill('');
    await page.getByLabel('Confirm new password').focus();
    await page.keyboard.type('a new password');
    await page.keyboard.press('Enter');

    await page.waitForURL(`${origin}/login?reset=done`);
    await page
      .getByRole('status')
      .getByText('Your password was changed. Log in with your new password.')
      .waitFor();
    await screen(page, 'done');
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    await page.keyboard.type('a new password');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/inbox/);

    // The link worked once.
    const again = h.track(await context.newPage());
    await again.goto(link);
    await again.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await again.getByLabel('New password', { exact: true }).fill('another new password');
    await again.getByLabel('Confirm new password').fill('another new password');
    await again.getByRole('button', { name: 'Set new password' }).click();
    await again.getByRole('heading', { name: 'This reset link no longer works' }).waitFor();
    await again.getByText('It was already used to set a password.').waitFor();
    await screen(again, 'used');
    await context.close();
    expect(h.pageErrors).toEqual([]);
  });
});
