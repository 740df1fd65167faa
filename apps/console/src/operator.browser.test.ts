import { describe, expect, test } from 'bun:test';
import {
  boot,
  bootVisitor,
  chatTenant,
  openConversation,
  TestClient,
  visitorSays,
} from '@flc/testkit';
import { generate } from 'otplib';
import { browserSuiteRuns } from '../../standalone/src/testing/browser.ts';
import { expectAccessible } from './testing/axe.ts';
import { operatorSuite } from './testing/operator-suite.ts';

// The operators' section in Debian's Chromium against the standalone platform (embedded): the
// operator made at start-up (FLC_OPERATOR_EMAIL) signs in at /operator, reads the tenants with
// their figures, suspends one with a reason (its widget boot is refused and its agent's socket
// closes), resumes it, closes sign-up and reads the operators' log.

describe.if(browserSuiteRuns('console-operator'))('console operators’ section in Chromium', () => {
  const suite = operatorSuite('console-operator');

  test('the operator signs in, reads the tenants, suspends one and resumes it', async () => {
    const { h, rest, email, password } = suite;
    const busy = await chatTenant(rest, { name: 'Busy Co' });
    const quiet = await chatTenant(rest, { name: 'Quiet Co' });
    const visitor = await bootVisitor(rest, busy);
    const { id } = await openConversation(rest, visitor);
    await visitorSays(rest, visitor, id, 'Hello');

    const page = await h.page('operator: ');
    await page.goto(`${h.platform.url}/operator`);
    await page.getByRole('heading', { level: 1, name: 'Operator sign-in' }).waitFor();
    await expectAccessible(page, 'operator sign-in');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('wrong password, surely');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong email, password or code' }).waitFor();
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    const table = page.getByRole('table', { name: 'Tenants with their usage this month' });
    const row = (name: string) => table.getByRole('row').filter({ hasText: name });
    await row('Busy Co').waitFor();
    await row('Quiet Co').waitFor();
    const cells = async (name: string) =>
      (await row(name).getByRole('cell').allTextContents()).slice(0, 5);
    // Status, agents, environments, visitors now, messages this month.
    expect((await cells('Busy Co'))[0]).toBe('Active');
    expect((await cells('Busy Co'))[4]).toBe('1');
    expect((await cells('Quiet Co'))[4]).toBe('0');
    expect((await cells('Quiet Co'))[1]).toBe('1');
    // The operator's token stays apart from an agent's session.
    expect(await page.evaluate(() => Object.keys(localStorage).join())).not.toContain('operator');
    await expectAccessible(page, 'operator tenants');
    await h.screenshot(page, 'operator-tenants');

    const ws = h.platform.url.replace('http://', 'ws://');
    const agent = await TestClient.connect(`${ws}/v1/ws?token=${busy.owner.accessToken}`);
    await agent.next('ready');

    const suspendButton = page.getByRole('button', { name: 'Suspend Busy Co' });
    await suspendButton.click();
    const dialog = page.getByRole('dialog', { name: 'Suspend Busy Co' });
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(
      true,
    );
    await expectAccessible(page, 'suspend dialog');
    await dialog.getByLabel('Reason').fill('Unpaid invoices');
    await dialog.getByRole('button', { name: 'Suspend the tenant' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await cells('Busy Co'))[0]).toBe('Suspended');
    // Focus is back on the row's button, now Resume.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Resume Busy Co',
    );
    expect(await agent.waitClose()).toEqual({ code: 4003, reason: 'organization suspended' });
    const refused = await boot(rest, busy.env.pluginKey);
    expect({ status: refused.status, code: refused.body?.error?.code }).toEqual({
      status: 403,
      code: 'organization_suspended',
    });
    expect((await boot(rest, quiet.env.pluginKey)).status).toBe(200);

    await page.getByRole('button', { name: 'Resume Busy Co' }).click();
    await page.getByRole('button', { name: 'Suspend Busy Co' }).waitFor();
    expect((await cells('Busy Co'))[0]).toBe('Active');
    expect((await boot(rest, busy.env.pluginKey)).status).toBe(200);

    // The tenant's page: read-only figures and owners; delete asks for its name.
    await row('Busy Co').getByRole('link', { name: 'Busy Co' }).click();
    await page.getByRole('heading', { level: 2, name: 'Busy Co' }).waitFor();
    await page.getByText(busy.owner.email).waitFor();
    expect(await page.getByRole('listitem').filter({ hasText: 'Production' }).count()).toBe(1);
    await expectAccessible(page, 'operator tenant');
    await h.screenshot(page, 'operator-tenant');
    const remove = page.getByRole('button', { name: 'Delete', exact: true });
    await remove.click();
    const deletion = page.getByRole('dialog', { name: 'Delete Busy Co' });
    const confirm = deletion.getByRole('button', { name: 'Delete the tenant' });
    expect(await confirm.isDisabled()).toBe(true);
    await deletion.getByLabel('Type Busy Co to confirm').fill('Busy C');
    expect(await confirm.isDisabled()).toBe(true);
    await expectAccessible(page, 'delete dialog');
    await deletion.getByRole('button', { name: 'Cancel' }).click();
    await deletion.waitFor({ state: 'detached' });
    expect(await remove.evaluate((el) => el === document.activeElement)).toBe(true);

    // Sign-up closed: nobody can make an organization any more.
    const sections = page.getByRole('navigation', { name: 'Operators’ sections' });
    await sections.getByRole('link', { name: 'Sign-up policy' }).click();
    await page.getByRole('heading', { level: 2, name: 'Sign-up policy' }).waitFor();
    await expectAccessible(page, 'sign-up policy');
    await page.getByLabel('Nobody (closed)').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const signup = await rest('POST', '/v1/auth/signup', {
      organizationName: 'Late Co',
      name: 'Late',
      email: `late-${crypto.randomUUID()}@example.com`,
      password: 'correct horse battery staple',
    });
    expect(signup.status).toBe(403);

    await sections.getByRole('link', { name: 'Operators’ log' }).click();
    const log = page.getByRole('table', { name: 'What operators did, newest first' });
    await log.getByRole('row').filter({ hasText: 'tenant.suspended' }).waitFor();
    expect(await log.getByRole('row').filter({ hasText: 'Unpaid invoices' }).count()).toBe(1);
    await log.getByRole('row').filter({ hasText: 'signup_policy.changed' }).waitFor();
    await expectAccessible(page, 'operators’ log');
    expect(h.pageErrors).toEqual([]);
  }, 120_000);

  test('an operator enrolled in two-factor is asked for the code', async () => {
    const { h, rest, email, password } = suite;
    const session = await rest('POST', '/v1/operator/session', { email, password });
    const auth = { authorization: `Bearer ${session.body.accessToken}` };
    const enrolment = await rest('POST', '/v1/operator/two-factor', undefined, auth);
    const secret: string = enrolment.body.secret;
    const codeAt = (steps: number) =>
      generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });
    const confirmed = await rest(
      'POST',
      '/v1/operator/two-factor/confirm',
      { code: await codeAt(0) },
      auth,
    );
    expect(confirmed.status).toBe(204);

    const page = await h.page('two-factor: ');
    await page.goto(`${h.platform.url}/operator`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const code = page.getByLabel('Authenticator code');
    await code.waitFor();
    await expectAccessible(page, 'operator code');
    // The next step's code: the one just confirmed may not be used twice.
    await code.fill(await codeAt(1));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 2, name: 'Tenants' }).waitFor();
    expect(h.pageErrors).toEqual([]);
  }, 60_000);
});
