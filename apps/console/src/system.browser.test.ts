import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { type Rest, restClient, signUp } from '@flc/testkit';
import {
  type BrowserHarness,
  browserSuiteRuns,
  startBrowserHarness,
} from '../../standalone/src/testing/browser.ts';
import { expectAccessible } from './testing/axe.ts';

// The System page in Debian's Chromium against the standalone platform (embedded): the install's
// first organization's owner finds it in the navigation by keyboard and sees the database and the
// standalone process as it reports in; the owner of another organization has no such page.

describe.if(browserSuiteRuns('console-system'))('console System page in Chromium', () => {
  let h: BrowserHarness;
  let rest: Rest;
  beforeAll(async () => {
    h = await startBrowserHarness({ label: 'console-system' });
    rest = restClient(() => h.platform.url);
  }, 120_000);
  afterAll(() => h?.stop());

  test("the install's owner reads its processes and dependencies; a tenant's owner cannot", async () => {
    const operator = await signUp(rest, 'Install');
    const tenant = await signUp(rest, 'Tenant');

    const page = await h.signedIn(operator, '/inbox', 'operator: ');
    const link = page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'System' });
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/system$/);
    await page.getByRole('heading', { level: 1, name: 'System' }).waitFor();
    const database = page.locator('.system-check').filter({ hasText: 'Database' });
    await database.getByText('Answers').waitFor();
    await page
      .locator('.system-check')
      .filter({ hasText: 'Redis' })
      .getByText('Not used')
      .waitFor();
    const card = page.getByRole('listitem', { name: /^Standalone/ });
    await card.getByText('Up', { exact: true }).waitFor();
    expect(await card.textContent()).toContain('Memory');
    await expectAccessible(page, 'system page');
    await h.screenshot(page, 'console-system');

    const other = await h.signedIn(tenant, '/inbox', 'tenant: ');
    await other.getByRole('heading', { name: 'Inbox' }).first().waitFor();
    expect(
      await other
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'System' })
        .count(),
    ).toBe(0);
    await other.goto(`${h.platform.url}/system`);
    await other.getByText('The system could not be read.').waitFor();
    expect(h.pageErrors).toEqual([]);
  }, 120_000);
});
