import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import {
  bootVisitor,
  chatTenant,
  eventually,
  openConversation,
  type Rest,
  restClient,
  visitorSays,
} from '@flc/testkit';
// By path, not as a package: @flc/standalone depends on this package (see settings.browser.test).
import {
  type BrowserHarness,
  browserSuiteRuns,
  startBrowserHarness,
} from '../../standalone/src/testing/browser.ts';
import { expectAccessible } from './testing/axe.ts';

// Teams in Debian's Chromium against the standalone platform: an owner creates a team with a
// member in Settings → Teams, sets its capacity and the environment's assignment policy with the
// keyboard, and moves a conversation into the team from the conversation header. Every screen is
// checked with axe-core.

describe.if(browserSuiteRuns('console-teams'))('console teams in Chromium', () => {
  let h: BrowserHarness;
  let rest: Rest;
  beforeAll(async () => {
    h = await startBrowserHarness({ label: 'console-teams' });
    rest = restClient(() => h.platform.url);
  }, 120_000);
  afterAll(() => h?.stop());

  test('create a team, set capacity and a policy by keyboard, put a conversation in the team', async () => {
    const tenant = await chatTenant(rest, { name: 'Team Co' });
    const visitor = await bootVisitor(rest, tenant);
    const chat = await openConversation(rest, visitor);
    await visitorSays(rest, visitor, chat.id, 'I need help with billing');

    const owner = await h.signedIn(tenant.owner, '/settings/teams', 'teams: ');
    await owner.getByRole('heading', { level: 2, name: 'Teams' }).waitFor();
    await owner.getByText('No teams yet').waitFor();
    await owner.getByRole('button', { name: 'New team' }).click();
    const dialog = owner.getByRole('dialog', { name: 'New team' });
    await dialog.getByLabel('Name').fill('Billing');
    // The owner joins the team with the keyboard: Tab to the checkbox, Space.
    const member = dialog.getByRole('checkbox', { name: /Owner/ });
    await member.focus();
    await owner.keyboard.press('Space');
    expect(await member.isChecked()).toBe(true);
    await expectAccessible(owner, 'new team dialog');
    await owner.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    const table = owner.getByRole('table', { name: 'Teams' });
    await table.getByRole('row', { name: /Billing/ }).waitFor();

    // Capacity 2 for the owner, typed and saved with Enter.
    const capacity = owner.getByRole('spinbutton', { name: /Capacity of Owner/ });
    await capacity.fill('2');
    await capacity.press('Enter');
    await eventually('the capacity saved', async () => {
      const agents = await rest('GET', '/v1/agents', undefined, tenant.ownerAuth);
      return agents.body.items[0].capacity === 2;
    });
    await expectAccessible(owner, 'teams settings');
    await h.screenshot(owner, 'teams-settings');

    // The policy: least busy within Billing, chosen from the selects with the keyboard.
    const mode = owner.getByLabel('Mode');
    await mode.focus();
    await mode.selectOption('least_busy');
    await owner.getByLabel('Team', { exact: true }).selectOption({ label: 'Billing' });
    await owner.getByRole('button', { name: 'Save policy' }).press('Enter');
    await owner.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    const policy = await rest(
      'GET',
      `/v1/environments/${tenant.env.id}/assignment-policy`,
      undefined,
      tenant.ownerAuth,
    );
    expect(policy.body).toMatchObject({ mode: 'least_busy' });
    await expectAccessible(owner, 'assignment policy');
    await owner.getByRole('heading', { name: 'Assignment policy' }).scrollIntoViewIfNeeded();
    await h.screenshot(owner, 'assignment-policy');

    // The conversation opened before the policy: moved into Billing from its header.
    await owner.goto(`${h.platform.url}/inbox/${chat.id}`);
    const picker = owner.getByRole('combobox', { name: 'Team' });
    await picker.waitFor();
    await picker.focus();
    await picker.selectOption({ label: 'Billing' });
    await eventually('the conversation in Billing', async () => {
      const c = await rest('GET', `/v1/conversations/${chat.id}`, undefined, tenant.ownerAuth);
      return c.body.teamId === policy.body.teamId;
    });
    await expectAccessible(owner, 'conversation with team picker');
    await h.screenshot(owner, 'team-picker');
  }, 120_000);
});
