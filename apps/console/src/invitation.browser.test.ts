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

// Invitations in Debian's Chromium against the standalone platform sending through the test SMTP
// server (Mailpit): an owner invites by keyboard and is told the invitation was sent (the token
// never reaches the owner's browser); the invitee joins through the mail's link; an address that
// has an account in another organization is invited alike, and only its invitee is told, on
// accepting. Every screen checked with axe-core (WCAG 2.1 AA).
const mail = testMailServer();
const password = 'correct horse battery';

describe.if(browserSuiteRuns('console') && Boolean(mail))('invitations by mail in Chromium', () => {
  const { smtpUrl, api: mailpit } = mail ?? { smtpUrl: '', api: '' };
  let h: BrowserHarness;
  let origin = '';
  beforeAll(async () => {
    // The links in the mail point at FLC_PUBLIC_URL, so the port is chosen before the start.
    const port = freePort();
    origin = `http://127.0.0.1:${port}`;
    h = await startBrowserHarness({
      label: 'console-invitations',
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
    await h.screenshot(page, `invitation-${name}`);
  }
  const signUp = async (organizationName: string, name: string) => {
    const email = `${name.toLowerCase()}-${crypto.randomUUID()}@example.com`;
    const res = await fetch(`${origin}/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ organizationName, name, email, password }),
    });
    expect(res.status).toBe(201);
    return email;
  };
  /** Invites from the open Settings → Agents page by keyboard; answers the dialog's text. */
  async function invite(page: Page, email: string, name: string): Promise<string> {
    await page.getByRole('button', { name: 'Invite agent' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Invite an agent' });
    await dialog.waitFor();
    await page.keyboard.type(email); // the first field has the focus
    await page.keyboard.press('Tab');
    await page.keyboard.type(name);
    await page.keyboard.press('Enter');
    const sent = page.getByRole('dialog', { name: 'Invitation sent' });
    await sent.waitFor();
    return (await sent.getByRole('status').textContent()) ?? '';
  }
  const linkIn = async (to: string) => {
    const received = await awaitMail(mailpit, to);
    const link = received.Text.match(/http\S+\/accept-invite\?token=[\w-]+/)?.[0] ?? '';
    expect(link.startsWith(`${origin}/accept-invite?token=flc_inv_`)).toBe(true);
    return link;
  };
  async function acceptAs(page: Page, link: string): Promise<void> {
    await page.goto(link);
    await page.getByLabel('Your name').waitFor();
    await page.getByLabel('Password', { exact: true }).fill('a new agent password');
    await page.getByLabel('Confirm password').fill('a new agent password');
    await page.getByLabel('Confirm password').press('Enter');
  }

  test('invite by mail, join through the link; an address taken elsewhere is told only to its invitee', async () => {
    const ownerEmail = await signUp('Mail Co', 'Olga');
    const elsewhere = await signUp('Other Co', 'Tom');
    const context = await h.browser.newContext({ locale: 'en-US' });
    const page = h.track(await context.newPage());
    await page.goto(`${origin}/login`);
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await page.keyboard.type(ownerEmail);
    await page.keyboard.press('Tab');
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/inbox/);
    await page.goto(`${origin}/settings/agents`);
    await page.getByRole('heading', { level: 2, name: 'Agents' }).waitFor();

    const bob = `bob-${crypto.randomUUID()}@example.com`;
    expect(await invite(page, bob, 'Bob')).toBe(`Invitation sent to Bob (${bob}).`);
    await screen(page, 'sent');
    // Mailed, not shown: no token reached this browser.
    expect(await page.getByTestId('invite-link').count()).toBe(0);
    expect(await page.content()).not.toContain('flc_inv_');
    await page.keyboard.press('Escape');
    const row = page.getByRole('list', { name: 'Agents' }).getByRole('listitem');
    await row.filter({ hasText: bob }).getByText('Invited', { exact: true }).waitFor();

    // An address with an account in another organization: the same screen.
    expect(await invite(page, elsewhere, 'Tom')).toBe(`Invitation sent to Tom (${elsewhere}).`);
    await page.keyboard.press('Escape');
    await row.filter({ hasText: elsewhere }).getByText('Invited', { exact: true }).waitFor();

    // Bob joins from the mail's link, in another browser.
    const invitee = await h.browser.newContext({ locale: 'en-US' });
    const bobPage = h.track(await invitee.newPage());
    await bobPage.goto(await linkIn(bob));
    await bobPage.getByRole('heading', { name: 'Join Mail Co as an agent' }).waitFor();
    await screen(bobPage, 'accept');
    await acceptAs(bobPage, await linkIn(bob));
    await bobPage.waitForURL(/\/inbox/);

    // Tom's invitee is told the address is taken, and what to do.
    const tomPage = h.track(await (await h.browser.newContext({ locale: 'en-US' })).newPage());
    await acceptAs(tomPage, await linkIn(elsewhere));
    await tomPage.getByRole('heading', { name: 'This email already has an account' }).waitFor();
    await tomPage
      .getByText(
        `${elsewhere} already belongs to an account in another organization, and one email address can belong to one organization only.`,
      )
      .waitFor();
    await screen(tomPage, 'email-in-use');
    await context.close();
    await invitee.close();
    expect(h.pageErrors).toEqual([]);
  }, 90_000);
});
