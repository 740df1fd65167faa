import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { generate } from 'otplib';
import type { Page } from 'playwright-core';
// By path, not as a package (see settings.browser.test.ts).
import type { Standalone } from '../../standalone/src/index.ts';
import {
  type BrowserHarness,
  browserSuiteRuns,
  startBrowserHarness,
} from '../../standalone/src/testing/browser.ts';
import { axeViolations } from './testing/axe.ts';

// Two-factor sign-in in Debian's Chromium against the real standalone platform: an owner turns it
// on from Settings → Security (the code computed from the key the page shows), signs out, signs in
// with a code and then with a recovery code; requires it for the organization, and an invited
// agent is walked through enrolment before the inbox. Every screen is checked with axe-core
// (WCAG 2.1 A/AA) and driven from the keyboard where an agent would type.

describe.if(browserSuiteRuns('console'))('two-factor sign-in in Chromium', () => {
  let h: BrowserHarness;
  let platform: Standalone;
  beforeAll(async () => {
    h = await startBrowserHarness({ label: 'console-two-factor' });
    platform = h.platform;
  }, 120_000);
  afterAll(() => h?.stop());

  async function open(): Promise<Page> {
    const context = await h.browser.newContext({
      locale: 'en-US',
      viewport: { width: 1280, height: 800 },
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    return h.track(await context.newPage());
  }

  /** axe-core's WCAG 2.1 A and AA rules on the page as it is now: no violation. */
  async function accessible(page: Page, screen: string): Promise<void> {
    const violations = (await axeViolations(page)).map((v) => `${v.id}: ${v.targets.join(', ')}`);
    expect({ screen, violations }).toEqual({ screen, violations: [] });
  }

  const shot = async (page: Page, name: string) => {
    await accessible(page, name);
    await h.screenshot(page, `two-factor-${name}`);
  };

  /** A code of the next step: the step of the code just used is spent. */
  const nextCode = (secret: string, steps = 1) =>
    generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });

  async function logIn(page: Page, email: string, password: string) {
    await page.goto(`${platform.url}/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByLabel('Password').press('Enter');
  }

  async function signOut(page: Page) {
    await page.evaluate(() => localStorage.clear());
    await page.goto(`${platform.url}/login`);
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
  }

  const owner = {
    email: `ada-${crypto.randomUUID()}@example.com`,
    password: 'correct horse battery',
  };

  test('turn on, sign in with a code, then with a recovery code; require it; an agent enrols', async () => {
    const page = await open();
    await page.goto(`${platform.url}/signup`);
    await page.getByLabel('Organization name').fill('Acme Support');
    await page.getByLabel('Your name').fill('Ada Owner');
    await page.getByLabel('Work email').fill(owner.email);
    await page.getByLabel('Password').fill(owner.password);
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.waitForURL(/\/inbox/);

    // Settings → Security: off; turn it on.
    await page.goto(`${platform.url}/settings/security`);
    await page.getByRole('heading', { level: 2, name: 'Security' }).waitFor();
    await page
      .getByTestId('two-factor-state')
      .getByText(/^Off\./)
      .waitFor();
    await shot(page, 'security-off');
    const turnOn = page.getByRole('button', { name: 'Turn on two-factor' });
    await turnOn.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('img', { name: 'QR code with your two-factor key' }).waitFor();
    const qrSrc = await page.getByTestId('two-factor-qr').getAttribute('src');
    expect(qrSrc).toStartWith('data:image/svg+xml');
    const secret = ((await page.getByTestId('two-factor-secret').textContent()) ?? '').trim();
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await shot(page, 'enrol');
    // A wrong code first: said so at the field, nothing turned on.
    const codeField = page.getByLabel('Code from the app');
    await codeField.fill('000000' === (await generate({ secret })) ? '111111' : '000000');
    await codeField.press('Enter');
    await page.getByText('That code is wrong or was already used.').waitFor();
    expect(await codeField.getAttribute('aria-invalid')).toBe('true');
    await codeField.fill(await generate({ secret }));
    await codeField.press('Enter');
    const codesList = page.getByRole('list', { name: 'Recovery codes' });
    await codesList.waitFor();
    const codes = (await codesList.getByRole('listitem').allTextContents()).map((c) => c.trim());
    expect(codes).toHaveLength(10);
    // The focus went to the codes' heading, and Copy puts them all on the clipboard.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Save your recovery codes',
    );
    await page.getByRole('button', { name: 'Copy recovery codes' }).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    for (const code of codes) expect(copied).toContain(code);
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download' }).click();
    expect((await download).suggestedFilename()).toBe('fast-light-chat-recovery-codes.txt');
    await shot(page, 'recovery-codes');
    await page.getByRole('button', { name: 'I have saved my recovery codes' }).click();
    await page
      .getByTestId('two-factor-state')
      .getByText(/^On\..*10 of 10/)
      .waitFor();
    // The key is gone from the page once enrolled.
    expect(await page.content()).not.toContain(secret);

    // Sign out; sign in: the password, then the code (one-time-code autofill), keyboard only.
    await signOut(page);
    await logIn(page, owner.email, owner.password);
    await page.waitForURL(/\/login\/two-factor$/);
    const code = page.getByLabel('Code from the app');
    expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await code.evaluate((el) => el === document.activeElement)).toBe(true);
    await shot(page, 'login-code');
    await page.keyboard.type(await nextCode(secret));
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/inbox/);

    // Sign out; sign in with a recovery code instead, reached by the keyboard.
    await signOut(page);
    await logIn(page, owner.email, owner.password);
    await page.waitForURL(/\/login\/two-factor$/);
    await page.getByRole('button', { name: 'Use a recovery code' }).focus();
    await page.keyboard.press('Enter');
    const recovery = page.getByLabel('Recovery code');
    expect(await recovery.evaluate((el) => el === document.activeElement)).toBe(true);
    await shot(page, 'login-recovery');
    await page.keyboard.type(codes[0] ?? '');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/inbox/);

    // The same recovery code is spent.
    await signOut(page);
    await logIn(page, owner.email, owner.password);
    await page.waitForURL(/\/login\/two-factor$/);
    await page.getByRole('button', { name: 'Use a recovery code' }).click();
    await page.getByLabel('Recovery code').fill(codes[0] ?? '');
    await page.getByLabel('Recovery code').press('Enter');
    await page.getByText('That code is wrong or was already used.').waitFor();
    await page.getByLabel('Recovery code').fill(codes[1] ?? '');
    await page.getByLabel('Recovery code').press('Enter');
    await page.waitForURL(/\/inbox/);

    // Require it for the organization, then invite an agent.
    await page.goto(`${platform.url}/settings/organization`);
    // Enabled once the page knows the agent is an owner; saved when toggled (from the
    // keyboard); checked once the API has it.
    const require = page.getByRole('checkbox', {
      name: 'Require two-factor sign-in for every agent',
      disabled: false,
    });
    await require.waitFor();
    await require.focus();
    await page.keyboard.press('Space');
    await page
      .getByRole('checkbox', { name: 'Require two-factor sign-in for every agent', checked: true })
      .waitFor();
    await shot(page, 'organization-required');
    const invited = await fetch(`${platform.url}/v1/agents`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await page.evaluate(() => {
          const raw = Object.values(localStorage).find((v) => v.includes('accessToken')) ?? '{}';
          return JSON.parse(raw).accessToken as string;
        })}`,
      },
      body: JSON.stringify({
        email: `bo-${crypto.randomUUID()}@example.com`,
        name: 'Bo',
        role: 'agent',
      }),
    });
    expect(invited.status).toBe(201);
    const { inviteToken } = (await invited.json()) as { inviteToken: string };

    // The invitee sets a password and is walked through enrolment before the inbox.
    const agent = await open();
    await agent.goto(`${platform.url}/accept-invite?token=${encodeURIComponent(inviteToken)}`);
    await agent.getByRole('heading', { name: 'Join Acme Support as an agent' }).waitFor();
    await agent.getByLabel('Password', { exact: true }).fill('another long password');
    await agent.getByLabel('Confirm password').fill('another long password');
    await agent.getByLabel('Confirm password').press('Enter');
    await agent.waitForURL(/\/login\/two-factor-setup$/);
    await agent.getByRole('heading', { name: 'Set up two-factor sign-in' }).waitFor();
    const agentKey = agent.getByTestId('two-factor-secret');
    await agentKey.getByText(/^[A-Z2-7]{16,}$/).waitFor();
    const secretNow = ((await agentKey.textContent()) ?? '').trim();
    await shot(agent, 'setup-required');
    expect(agent.url()).not.toContain('/inbox');
    await agent.getByLabel('Code from the app').fill(await generate({ secret: secretNow }));
    await agent.getByLabel('Code from the app').press('Enter');
    await agent.getByRole('list', { name: 'Recovery codes' }).waitFor();
    await agent.getByRole('button', { name: 'Continue to the inbox' }).click();
    await agent.waitForURL(/\/inbox/);

    // The agent lost their phone: the owner resets their two-factor from Settings → Agents.
    const agentToken = await agent.evaluate(() => {
      const raw = Object.values(localStorage).find((v) => v.includes('accessToken')) ?? '{}';
      return JSON.parse(raw).accessToken as string;
    });
    const asAgent = () =>
      fetch(`${platform.url}/v1/me`, { headers: { authorization: `Bearer ${agentToken}` } });
    expect((await asAgent()).status).toBe(200);
    await page.goto(`${platform.url}/settings/agents`);
    const reset = page.getByRole('button', { name: 'Reset two-factor sign-in of Bo' });
    await reset.focus();
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('button', { name: "Confirm reset of Bo's two-factor sign-in" });
    await confirm.waitFor();
    await shot(page, 'owner-reset');
    await confirm.focus();
    await page.keyboard.press('Enter');
    await reset.waitFor({ state: 'detached' });
    // Every session of the lost device ended with it: its access token is refused, and its open
    // console, whose socket was closed, finds its session gone and signs out.
    expect((await asAgent()).status).toBe(401);
    await agent.waitForURL(/\/login/, { timeout: 60_000 });

    expect(h.pageErrors).toEqual([]);
  }, 120_000);
});
