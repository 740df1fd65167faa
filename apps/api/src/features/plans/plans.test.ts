import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { createTestApi, databaseTargets, type TestApi } from '../../testing/harness.ts';
import { signedInOperator } from '../operator/testing.ts';

for (const target of databaseTargets()) {
  describe(`operators' plans on ${target.name}`, () => {
    let api: TestApi;
    let token = '';
    beforeAll(async () => {
      api = await createTestApi(target);
      token = (await signedInOperator(api)).token;
    }, 60_000);
    afterAll(() => api.close());

    test('plans are created, read, replaced and deleted, each in the operators log', async () => {
      const created = await api.call('POST', '/v1/operator/plans', {
        token,
        body: { id: 'team', name: 'Team', limits: { agents: 5 }, features: { sso: false } },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        id: 'team',
        source: 'api',
        limits: { agents: 5 },
        features: { sso: false },
      });
      const again = await api.call('POST', '/v1/operator/plans', {
        token,
        body: { id: 'team', name: 'Team again' },
      });
      expect(again.status).toBe(409);

      const replaced = await api.call('PUT', '/v1/operator/plans/team', {
        token,
        body: { name: 'Team+', limits: { agents: 8, webhooks: null } },
      });
      expect(replaced.status).toBe(200);
      expect(replaced.body).toMatchObject({ name: 'Team+', limits: { agents: 8 }, features: {} });
      const list = await api.call('GET', '/v1/operator/plans', { token });
      expect(list.body.items.map((p: { id: string }) => p.id)).toContain('team');
      expect((await api.call('GET', '/v1/operator/plans/nope', { token })).status).toBe(404);
      const bad = await api.call('POST', '/v1/operator/plans', {
        token,
        body: { id: 'Bad Id', name: 'x', limits: { agents: -1 } },
      });
      expect(bad.status).toBe(422);

      expect((await api.call('DELETE', '/v1/operator/plans/team', { token })).status).toBe(204);
      expect((await api.call('GET', '/v1/operator/plans/team', { token })).status).toBe(404);
      const events = await api.call('GET', '/v1/operator/events?action=plan.', { token });
      expect(events.body.items.map((e: { action: string }) => e.action)).toEqual([
        'plan.deleted',
        'plan.updated',
        'plan.created',
      ]);
    });

    test('config plans are read-only; a plan in use is not deleted', async () => {
      await api.deps.db.sql`
        insert into plans (id, name, limits, source) values ('filed', 'Filed', '{}', 'config')`;
      const put = await api.call('PUT', '/v1/operator/plans/filed', {
        token,
        body: { name: 'Changed' },
      });
      expect(put.status).toBe(409);
      expect(put.body.error.code).toBe('plan_read_only');
      const del = await api.call('DELETE', '/v1/operator/plans/filed', { token });
      expect(del.body.error.code).toBe('plan_read_only');

      await api.call('POST', '/v1/operator/plans', { token, body: { id: 'used', name: 'Used' } });
      const owner = await api.signup();
      const put2 = await api.call('PUT', `/v1/operator/tenants/${owner.organization.id}/plan`, {
        token,
        body: { planId: 'used' },
      });
      expect(put2.status).toBe(200);
      const inUse = await api.call('DELETE', '/v1/operator/plans/used', { token });
      expect(inUse.status).toBe(409);
      expect(inUse.body.error.code).toBe('plan_in_use');
    });

    test("a tenant's plan: unknown plan refused, overrides applied, both logs record it", async () => {
      const owner = await api.signup();
      const org = owner.organization.id;
      const unknown = await api.call('PUT', `/v1/operator/tenants/${org}/plan`, {
        token,
        body: { planId: 'no-such-plan' },
      });
      expect(unknown.status).toBe(422);
      expect(unknown.body.error.code).toBe('unknown_plan');
      const missing = await api.call(
        'PUT',
        '/v1/operator/tenants/0190a8a0-0000-7000-8000-000000000000/plan',
        { token, body: { planId: null } },
      );
      expect(missing.status).toBe(404);

      await api.call('POST', '/v1/operator/plans', {
        token,
        body: { id: 'small', name: 'Small', limits: { agents: 2, environments: 1 } },
      });
      const set = await api.call('PUT', `/v1/operator/tenants/${org}/plan`, {
        token,
        body: { planId: 'small', overrides: { limits: { agents: 4 } } },
      });
      expect(set.status).toBe(200);
      expect(set.body).toMatchObject({
        planId: 'small',
        overrides: { limits: { agents: 4 } },
        effective: { planId: 'small', limits: { agents: 4, environments: 1, webhooks: null } },
      });
      const detail = await api.call('GET', `/v1/operator/tenants/${org}`, { token });
      expect(detail.body.tenant.plan).toBe('small');

      const audit = await api.call('GET', '/v1/audit-events?action=organization.plan_changed', {
        token: owner.accessToken,
      });
      expect(audit.status).toBe(200);
      expect(audit.body.items[0]).toMatchObject({
        action: 'organization.plan_changed',
        actor: { label: 'Platform operator' },
        details: { before: null, after: 'small' },
      });
      const events = await api.call(
        'GET',
        `/v1/operator/events?organizationId=${org}&action=tenant.plan_changed`,
        { token },
      );
      expect(events.body.items).toHaveLength(1);
      // An agent's token never opens the operators' routes.
      const denied = await api.call('PUT', `/v1/operator/tenants/${org}/plan`, {
        token: owner.accessToken,
        body: { planId: null },
      });
      expect(denied.status).toBe(401);
    });
  });
}
