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

// The console's sign-up and settings in Debian's Chromium (headless, driven by playwright-core)
// against the real standalone platform (PGlite in a temp dir): one owner walks the settings, an
// invited agent joins from a second browser context.

describe.if(browserSuiteRuns('console'))('console sign-up and settings in Chromium', () => {
  let h: BrowserHarness;
  let platform: Standalone;
  beforeAll(async () => {
    h = await startBrowserHarness({
      label: 'console-settings',
      // One quick retry: a delivery to an unreachable endpoint is given up within a second, so
      // the log offers to retry it.
      env: { FLC_WEBHOOK_RETRY_SCHEDULE: '100ms' },
    });
    platform = h.platform;
  }, 120_000);
  afterAll(() => h?.stop());

  async function open(viewport = { width: 1280, height: 800 }): Promise<Page> {
    const context = await h.browser.newContext({
      locale: 'en-US',
      viewport,
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    return h.track(await context.newPage());
  }
  const screenshot = (page: Page, name: string) => h.screenshot(page, name);

  /** Goes to a settings section through the side nav, as an agent would. */
  async function section(page: Page, label: string, heading = label): Promise<void> {
    await page
      .getByRole('navigation', { name: 'Settings' })
      .getByRole('link', { name: label })
      .click();
    await page.getByRole('heading', { level: 2, name: heading }).waitFor();
  }

  /** The rows of the settings' agent list (the shell lists teammates too). */
  const agents = (page: Page) => page.getByRole('list', { name: 'Agents' }).getByRole('listitem');

  const owner = {
    org: 'Acme Support',
    name: 'Ada Owner',
    email: `ada-${crypto.randomUUID()}@example.com`,
    password: 'correct horse battery',
  };

  test('sign up, set up an environment, a key and a webhook, invite an agent who joins', async () => {
    const page = await open();
    const origin = platform.url;

    // Sign up: a new organization and its owner, signed in, in the inbox.
    await page.goto(`${origin}/signup`);
    await page.getByRole('heading', { name: 'Create your organization' }).waitFor();
    await page.getByRole('button', { name: 'Create organization' }).click();
    expect(await page.getByText('Required').count()).toBe(3); // checked before asking the API
    await screenshot(page, 'signup');
    await page.getByLabel('Organization name').fill(owner.org);
    await page.getByLabel('Your name').fill(owner.name);
    await page.getByLabel('Work email').fill(owner.email);
    await page.getByLabel('Password').fill(owner.password);
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.waitForURL(/\/inbox/);

    // Environments: none yet, then one, with its snippet and plugin key.
    await page.goto(`${origin}/settings/environments`);
    await page.getByText('No environments yet').waitFor();
    await page.getByRole('button', { name: 'New environment' }).click();
    const dialog = page.getByRole('dialog', { name: 'New environment' });
    // A form dialog opens with its first field focused.
    await page.waitForFunction(() => document.activeElement?.tagName === 'INPUT');
    expect(await dialog.getByLabel('Name').evaluate((el) => el === document.activeElement)).toBe(
      true,
    );
    await dialog.getByLabel('Name').fill('Production');
    await dialog.getByLabel('Allowed origins (optional)').fill('https://www.acme.test/');
    await dialog.getByRole('button', { name: 'Create environment' }).click();
    const snippet = page.getByTestId('embed-snippet');
    await snippet.waitFor();
    const pluginKey = (await page.getByTestId('plugin-key').textContent()) ?? '';
    expect(pluginKey).toMatch(/^flc_pk_/);
    const snippetText = (await snippet.textContent()) ?? '';
    expect(snippetText).toContain(`"pluginKey":"${pluginKey}"`);
    expect(snippetText).toContain(`"${origin}/widget.js"`);
    await page.getByRole('button', { name: 'Copy embed snippet' }).click();
    await page.getByRole('button', { name: 'Copy embed snippet' }).getByText('Copied').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(snippetText);
    // The origin went in normalized, as the API stores it.
    await page
      .getByRole('list', { name: 'Allowed origins' })
      .getByText('https://www.acme.test')
      .waitFor();
    await screenshot(page, 'settings-environment');

    // The identity secret is not in the page until revealed; then it is the 64-hex secret.
    const identity = page.getByTestId('identity-secret');
    const masked = (await identity.textContent()) ?? '';
    expect(masked).toMatch(/^•+[0-9a-f]{4}$/);
    await page.getByRole('button', { name: 'Reveal' }).click();
    await identity.getByText(/^[0-9a-f]{64}$/).waitFor();
    const identitySecret = (await identity.textContent()) ?? '';
    expect(identitySecret.endsWith(masked.replace(/•/g, ''))).toBe(true);
    await page.getByRole('button', { name: 'Hide' }).click();
    await identity.getByText(masked).waitFor();
    expect(await page.content()).not.toContain(identitySecret);

    // API keys: the secret is shown once, works, and is gone from the page once closed.
    await section(page, 'API keys');
    await page.getByRole('button', { name: 'Create API key' }).click();
    await page.getByRole('dialog').getByLabel('Name').fill('CRM sync');
    await page.getByRole('button', { name: 'Create key' }).click();
    const secretField = page.getByTestId('created-secret');
    await secretField.waitFor();
    const key = (await page.getByTestId('created-key').textContent()) ?? '';
    const secret = (await secretField.textContent()) ?? '';
    expect(secret.length).toBeGreaterThan(20);
    await screenshot(page, 'settings-api-key-secret');
    const self = await fetch(`${origin}/v1/api-key`, {
      headers: { 'x-api-key': key, 'x-api-secret': secret },
    });
    expect(self.status).toBe(200);
    await page.getByRole('button', { name: 'I have stored the secret' }).click();
    await page.getByRole('table', { name: 'API keys' }).getByText('CRM sync').waitFor();
    await secretField.waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(secret);

    // Webhooks: added with its events, the signing secret shown once, then listed.
    await section(page, 'Webhooks');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    const hookDialog = page.getByRole('dialog');
    await hookDialog.getByLabel('Endpoint URL').fill('https://hooks.acme.test/flc');
    await hookDialog.getByLabel('contact.created').check();
    await hookDialog.getByRole('button', { name: 'Add webhook' }).click();
    const firstSecret = (await page.getByTestId('signing-secret').textContent()) ?? '';
    expect(firstSecret).toStartWith('whsec_');
    await page.getByRole('button', { name: 'I have stored the secret' }).click();
    const hooks = page.getByRole('list', { name: 'Webhooks' });
    await hooks.getByText('https://hooks.acme.test/flc').waitFor();
    await hooks.getByText('Enabled').waitFor();
    const events = await hooks.getByRole('list', { name: 'Events' }).textContent();
    expect(events).toBe('conversation.createdmessage.createdcontact.created');
    await page.getByRole('button', { name: 'Deliveries' }).click();
    await page.getByText('No deliveries yet').waitFor();
    await screenshot(page, 'settings-webhooks');

    // A test event for this webhook: in its log at once; hooks.acme.test does not resolve, so
    // it is given up after the one quick retry, and the log offers to queue it again.
    await page.getByRole('button', { name: 'Send test event' }).click();
    const deliveries = page.getByRole('table', { name: 'Deliveries' });
    await deliveries.getByText('webhook.test').waitFor();
    const retry = deliveries.getByRole('button', { name: 'Retry webhook.test delivery' });
    await retry.waitFor();
    await screenshot(page, 'settings-webhook-failed-delivery');
    await retry.click();
    await page.getByText('Delivery queued again, with the same event id').waitFor();

    // A new signing secret, shown once.
    await hooks.getByRole('button', { name: 'Rotate secret' }).click();
    const confirmRotate = page.getByRole('dialog', { name: 'Rotate the signing secret?' });
    await confirmRotate.getByRole('button', { name: 'Rotate secret' }).click();
    await page.getByRole('dialog', { name: 'New signing secret' }).waitFor();
    const rotatedSecret = (await page.getByTestId('signing-secret').textContent()) ?? '';
    expect(rotatedSecret).toStartWith('whsec_');
    expect(rotatedSecret).not.toBe(firstSecret);
    await page.getByRole('button', { name: 'I have stored the secret' }).click();
    await page.getByTestId('signing-secret').waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(rotatedSecret);

    // Agents: invite one as admin and take the link the API returned.
    await section(page, 'Agents');
    await page.getByRole('button', { name: 'Invite agent' }).click();
    const invite = page.getByRole('dialog', { name: 'Invite an agent' });
    const email = `bob-${crypto.randomUUID()}@example.com`;
    await invite.getByLabel('Email').fill(email);
    await invite.getByLabel('Name').fill('Bob');
    await invite.getByLabel('Role').selectOption('admin');
    await invite.getByRole('button', { name: 'Create invitation' }).click();
    // This platform sends no mail: the dialog shows the link to pass on.
    await page.getByRole('dialog', { name: 'Invitation ready' }).waitFor();
    const first = (await page.getByTestId('invite-link').textContent()) ?? '';
    expect(first).toStartWith(`${origin}/accept-invite?token=`);
    await screenshot(page, 'settings-invite-link');
    await page.getByRole('button', { name: 'Done' }).click();
    const row = agents(page).filter({ hasText: email });
    await row.getByText('Invited', { exact: true }).waitFor();
    expect(await row.getByRole('combobox').inputValue()).toBe('admin');
    await screenshot(page, 'settings-agents');
    // Renewing gives a new link; the first one stops working.
    await row.getByRole('button', { name: 'Renew invitation for Bob' }).click();
    await page.getByRole('dialog', { name: 'Invitation ready' }).waitFor();
    const link = (await page.getByTestId('invite-link').textContent()) ?? '';
    expect(link).toStartWith(`${origin}/accept-invite?token=`);
    expect(link).not.toBe(first);
    await page.getByRole('button', { name: 'Done' }).click();

    // The invited agent, in another browser, sets a name and password and lands in the console.
    // The page says what the link is for, with the name pre-filled, before Bob types anything.
    const bob = await open({ width: 820, height: 1180 });
    await bob.goto(link);
    await bob.getByRole('heading', { name: `Join ${owner.org} as an admin` }).waitFor();
    expect(await bob.getByLabel('Your name').inputValue()).toBe('Bob');
    expect(await bob.getByLabel('Email').inputValue()).toBe(email);
    await screenshot(bob, 'accept-invite');
    await bob.getByLabel('Your name').fill('Bob Builder');
    await bob.getByLabel('Password', { exact: true }).fill('bob builds things');
    await bob.getByLabel('Confirm password').fill('bob builds things');
    await bob.getByRole('button', { name: `Join ${owner.org}` }).click();
    await bob.waitForURL(/\/inbox/);

    // The spent link and the replaced one, opened again elsewhere, are dead before anyone types.
    const late = await open();
    for (const dead of [link, first]) {
      await late.goto(dead);
      await late.getByRole('heading', { name: 'This invitation link no longer works' }).waitFor();
      expect(await late.getByLabel('Password').count()).toBe(0);
    }
    await screenshot(late, 'accept-invite-dead');
    await bob.goto(`${origin}/settings/agents`);
    const me = agents(bob).filter({ hasText: '(you)' });
    await me.getByText('Bob Builder').waitFor();
    // An admin manages agents: the invite button is there for Bob too.
    await bob.getByRole('button', { name: 'Invite agent' }).waitFor();
    await screenshot(bob, 'settings-agents-tablet');

    // The owner's list shows Bob as joined, after a refetch.
    await page.reload();
    await agents(page).filter({ hasText: 'Bob Builder' }).waitFor();
    expect(
      await page
        .getByRole('listitem')
        .filter({ hasText: email })
        .getByText('Invited', { exact: true })
        .count(),
    ).toBe(0);
    expect(h.pageErrors).toEqual([]);
  }, 90_000);

  test('a session refresh cannot fix sends the agent to log in, back where they were after', async () => {
    const page = await open();
    await page.goto(`${platform.url}/login`);
    await page.evaluate(() =>
      localStorage.setItem(
        'flc.console.session',
        JSON.stringify({ accessToken: 'stale', refreshToken: 'dead' }),
      ),
    );
    await page.goto(`${platform.url}/settings/webhooks`);
    await page.waitForURL(/\/login\?next=%2Fsettings%2Fwebhooks/);
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Password').fill(owner.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/settings\/webhooks/);
    await page.getByRole('heading', { level: 2, name: 'Webhooks' }).waitFor();

    // Log out revokes the refresh token and lands on /login.
    const refreshToken = await page.evaluate(
      () => JSON.parse(localStorage.getItem('flc.console.session') ?? '{}').refreshToken as string,
    );
    await page.getByRole('button', { name: /log out/i }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    const refreshed = await fetch(`${platform.url}/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
    expect(refreshed.status).toBe(401);
    expect(h.pageErrors).toEqual([]);
  }, 60_000);
});
