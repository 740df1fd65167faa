import { describe, expect, test } from 'bun:test';
import { chatTenant } from '@flc/testkit';
import { browserSuiteRuns } from '../../standalone/src/testing/browser.ts';
import { expectAccessible } from './testing/axe.ts';
import { operatorSuite } from './testing/operator-suite.ts';

// Plans in Debian's Chromium against the standalone platform: the operator makes a plan of one
// agent and puts tenant A on it from the tenant's page; A's owner (who is that one agent) invites
// an agent in Settings and reads the plan's refusal, while tenant B invites on; A's "Plan & usage"
// shows 1 of 1 agents.

describe.if(browserSuiteRuns('console-plans'))('plans in Chromium', () => {
  const suite = operatorSuite('console-plans');

  test('an operator puts a tenant on a plan; its owner meets the limit in the console', async () => {
    const { h, rest } = suite;
    const a = await chatTenant(rest, { name: 'Alpha Co' });
    const b = await chatTenant(rest, { name: 'Beta Co' });

    const ops = await suite.signIn('operator: ');
    const sections = ops.getByRole('navigation', { name: 'Operators’ sections' });
    await sections.getByRole('link', { name: 'Plans' }).click();
    await ops.getByRole('heading', { level: 2, name: 'Plans' }).waitFor();
    await ops.getByLabel('Id', { exact: true }).fill('solo');
    await ops.getByLabel('Name', { exact: true }).fill('Solo');
    await ops.getByLabel('Agents').fill('1');
    await ops.getByRole('button', { name: 'Create the plan' }).click();
    const plans = ops.getByRole('table', { name: /Every plan/ });
    await plans.getByRole('row').filter({ hasText: 'Solo' }).waitFor();
    await expectAccessible(ops, 'operator plans');

    await sections.getByRole('link', { name: 'Tenants' }).click();
    await ops.getByRole('link', { name: 'Alpha Co' }).click();
    await ops.getByRole('heading', { level: 2, name: 'Alpha Co' }).waitFor();
    await ops.getByRole('combobox', { name: 'Plan' }).selectOption('solo');
    await ops.getByRole('button', { name: 'Save the plan' }).click();
    await ops.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await ops.getByText('Agents allowed now: 1').waitFor();
    await expectAccessible(ops, 'operator tenant plan');
    await h.screenshot(ops, 'operator-plan');

    // Alpha's owner is its one agent: an invitation is refused with the plan's message.
    const owner = await h.signedIn(a.owner, '/settings/agents', 'alpha: ');
    await owner.getByRole('button', { name: 'Invite agent' }).click();
    const dialog = owner.getByRole('dialog', { name: 'Invite an agent' });
    await dialog.waitFor();
    await dialog.getByLabel('Email').fill('second@example.com');
    await dialog.getByLabel('Name').fill('Second');
    await dialog.getByRole('button', { name: 'Create invitation' }).click();
    await dialog.getByText('Your plan allows 1 agent').waitFor();
    await expectAccessible(owner, 'invite refused by the plan');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // Beta has no plan: it invites on.
    const invited = await rest(
      'POST',
      '/v1/agents',
      { email: 'beta-second@example.com', name: 'Second', role: 'agent' },
      { authorization: `Bearer ${b.owner.accessToken}` },
    );
    expect(invited.status).toBe(201);

    await owner.goto(`${h.platform.url}/settings/plan`);
    await owner.getByText('Plan: Solo').waitFor();
    const agents = owner.getByTestId('plan-limit-agents');
    await agents.getByText('1 of 1').waitFor();
    expect(await owner.getByTestId('plan-limit-webhooks').textContent()).toContain('unlimited');
    await expectAccessible(owner, 'plan and usage');
    await h.screenshot(owner, 'plan-usage');

    // The operator gives Alpha a second seat of its own, over the plan: the invitation passes.
    await ops
      .getByRole('group', { name: 'This tenant’s own limits' })
      .getByLabel('Agents')
      .fill('2');
    await ops.getByRole('button', { name: 'Save the plan' }).click();
    await ops.getByText('Agents allowed now: 2').waitFor();
    const second = await rest(
      'POST',
      '/v1/agents',
      { email: 'alpha-second@example.com', name: 'Second', role: 'agent' },
      { authorization: `Bearer ${a.owner.accessToken}` },
    );
    expect(second.status).toBe(201);
    await sections.getByRole('link', { name: 'Tenants' }).click();
    // The list may show what it held before the change until its refetch lands.
    await ops
      .getByRole('row')
      .filter({ hasText: 'Alpha Co' })
      .filter({ hasText: 'solo' })
      .waitFor();
    expect(h.pageErrors).toEqual([]);
  }, 120_000);
});
