import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { restClient, signUp, testOidcIssuer } from '@flc/testkit';
import { oidcTestClient, oidcTestUsers as users } from '@flc/testkit/oidc';
import type { Page } from 'playwright-core';
// By path, not as a package (see settings.browser.test.ts).
import {
  type BrowserHarness,
  browserSuiteRuns,
  startBrowserHarness,
} from '../../standalone/src/testing/browser.ts';
import { axeViolations } from './testing/axe.ts';

// Single sign-on in Debian's Chromium against the standalone platform and the test OpenID
// Provider (oidc-provider, started by `bun run test`): an owner connects it in Settings, an
// invited agent signs in through the provider's own login and consent forms, keyboard only on
// the console's side, and lands in the inbox; a stranger is sent back with the reason.
const issuer = testOidcIssuer();
/** axe-core's WCAG 2.1 A/AA findings on the page as it is; the violations' ids and targets. */
const violations = async (page: Page): Promise<string[]> =>
  (await axeViolations(page)).map((v) => `${v.id}: ${v.targets.join(', ')}`);

describe.if(browserSuiteRuns('console-oidc') && Boolean(issuer))(
  'single sign-on in Chromium',
  () => {
    let h: BrowserHarness;
    beforeAll(async () => {
      h = await startBrowserHarness({
        label: 'console-oidc',
        env: { FLC_OIDC_ALLOW_PRIVATE_ISSUERS: 'true' },
      });
    }, 120_000);
    afterAll(() => h?.stop());

    async function open(): Promise<Page> {
      const context = await h.browser.newContext({
        locale: 'en-US',
        viewport: { width: 1280, height: 800 },
      });
      return h.track(await context.newPage());
    }

    test('an owner connects the provider; an invited agent signs in with SSO into the inbox', async () => {
      const origin = h.platform.url;
      const rest = restClient(() => origin);
      const owner = await signUp(rest, 'Acme SSO');
      const invited = await rest(
        'POST',
        '/v1/agents',
        { email: users.browser.email, name: 'Bruno', role: 'agent' },
        { authorization: `Bearer ${owner.accessToken}` },
      );
      expect(invited.status).toBe(201);

      // The owner connects the provider in Settings → Single sign-on.
      const admin = await open();
      await admin.goto(`${origin}/login`);
      await admin.getByLabel('Email').fill(owner.email);
      await admin.getByLabel('Password').fill(owner.password);
      await admin.getByRole('button', { name: 'Log in' }).click();
      await admin.waitForURL(/\/inbox/);
      await admin.goto(`${origin}/settings/sso`);
      await admin.getByRole('heading', { level: 2, name: 'Single sign-on' }).waitFor();
      expect(await admin.getByTestId('sso-redirect-uri').textContent()).toBe(
        `${origin}/v1/auth/oidc/callback`,
      );
      await admin.getByLabel('SSO name').fill('acme-browser');
      await admin.getByLabel('Issuer URL').fill(issuer as string);
      await admin.getByLabel('Client ID').fill(oidcTestClient.clientId);
      await admin.getByLabel('Client secret').fill(oidcTestClient.clientSecret);
      await admin.getByLabel('Allowed email domains').fill('sso.example.com');
      await admin.getByRole('button', { name: 'Save' }).click();
      await admin.getByText('Saved', { exact: true }).waitFor();
      expect(await admin.getByLabel('Client secret').inputValue()).toBe(''); // write-only
      expect(await violations(admin)).toEqual([]);
      await h.screenshot(admin, 'oidc-settings');

      // The agent, keyboard only on the console: "Sign in with SSO", the SSO name, Enter.
      const page = await open();
      await page.goto(`${origin}/login`);
      await page.getByRole('heading', { name: 'Log in' }).waitFor();
      const toggle = page.getByRole('button', { name: 'Sign in with SSO' });
      for (
        let i = 0;
        i < 10 && !(await toggle.evaluate((el) => el === document.activeElement));
        i++
      ) {
        await page.keyboard.press('Tab');
      }
      await page.keyboard.press('Enter');
      const field = page.getByLabel('Organization SSO name');
      await field.waitFor();
      expect(await field.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await violations(page)).toEqual([]);
      await page.keyboard.type('acme-browser');
      await h.screenshot(page, 'oidc-login');
      await page.keyboard.press('Enter');

      // The provider's own forms.
      await page.waitForURL((url) => url.href.startsWith(issuer as string));
      await page.locator('input[name="login"]').fill(users.browser.login);
      await page.locator('input[name="password"]').fill('any password');
      await h.screenshot(page, 'oidc-provider-login');
      await page.getByRole('button', { name: 'Sign-in' }).click();
      await page.getByRole('button', { name: 'Continue' }).click();

      // Back in the console, signed in, the one-time code gone from the address bar.
      await page.waitForURL(/\/inbox/);
      expect(page.url()).not.toContain('code=');
      await page.getByRole('navigation').first().waitFor();
      const stored = await page.evaluate(() => JSON.stringify(localStorage));
      expect(stored).toContain('accessToken');
      await h.screenshot(page, 'oidc-inbox');
      expect(h.pageErrors).toEqual([]);
    });

    test('a user who is no agent is sent back to the login page, told why', async () => {
      const origin = h.platform.url;
      const page = await open();
      await page.goto(`${origin}/v1/auth/oidc/start?organization=acme-browser`);
      await page.locator('input[name="login"]').fill(users.stranger.login);
      await page.locator('input[name="password"]').fill('any password');
      await page.getByRole('button', { name: 'Sign-in' }).click();
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.waitForURL(/\/login\?sso_error=sso_unknown_user/);
      await page
        .getByRole('alert')
        .filter({ hasText: 'There is no agent with your email in this organization' })
        .waitFor();
      expect(await violations(page)).toEqual([]);
      await h.screenshot(page, 'oidc-login-error');
      expect(h.pageErrors).toEqual([]);
    });
  },
);
