import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { PostgresPlanDirectory } from '@flc/storage/postgres';
import { bootVisitor, chatTenant, openConversation, pixelPng } from '@flc/testkit';
import { createApi } from '../../app.ts';
import { createTestApi, databaseTargets, type Owner, type TestApi } from '../../testing/harness.ts';
import { signedInOperator } from '../operator/testing.ts';

// Each limit and feature of a tenant's plan where things are created: 402 with its code, the
// tenant next door untouched, and the last seat taken once by two API processes at once.
for (const target of databaseTargets()) {
  describe(`plan limits where things are created on ${target.name}`, () => {
    let api: TestApi;
    let token = '';
    let n = 0;
    beforeAll(async () => {
      api = await createTestApi(target);
      token = (await signedInOperator(api)).token;
    }, 60_000);
    afterAll(() => api.close());

    /** A new plan with these limits and features, and the tenant put on it. */
    async function onPlan(org: string, limits: object, features: object = {}) {
      n += 1;
      const id = `limits-${n}`;
      const made = await api.call('POST', '/v1/operator/plans', {
        token,
        body: { id, name: `Limits ${n}`, limits, features },
      });
      expect(made.status).toBe(201);
      const put = await api.call('PUT', `/v1/operator/tenants/${org}/plan`, {
        token,
        body: { planId: id },
      });
      expect(put.status).toBe(200);
      return id;
    }
    const invite = (owner: Owner, email = `a-${crypto.randomUUID()}@example.com`) =>
      api.call('POST', '/v1/agents', {
        token: owner.accessToken,
        body: { email, name: 'Agent', role: 'agent' },
      });

    test('agents: invitations past the plan are 402, another tenant invites on', async () => {
      const a = await api.signup();
      const b = await api.signup();
      await onPlan(a.organization.id, { agents: 2 });
      expect((await invite(a)).status).toBe(201);
      const refused = await invite(a);
      expect(refused.status).toBe(402);
      expect(refused.body.error).toMatchObject({
        code: 'plan_limit_reached',
        message: 'Your plan allows 2 agents',
        limit: { name: 'agents', value: 2 },
      });
      for (let i = 0; i < 3; i++) expect((await invite(b)).status).toBe(201);

      // A disabled agent frees its seat; enabling it again needs one.
      const member = await api.addMember(a, 'agent');
      const listed = await api.call('GET', '/v1/agents', { token: a.accessToken });
      expect(listed.body.items.length).toBe(3); // over: added behind the plan's back
      const off = await api.call('PATCH', `/v1/agents/${member.agent.id}`, {
        token: a.accessToken,
        body: { status: 'disabled' },
      });
      expect(off.status).toBe(200);
      const on = await api.call('PATCH', `/v1/agents/${member.agent.id}`, {
        token: a.accessToken,
        body: { status: 'active' },
      });
      expect(on.status).toBe(402);
      expect(on.body.error.code).toBe('plan_limit_reached');
    });

    test('an override wins over the plan, for this tenant only', async () => {
      const a = await api.signup();
      const plan = await onPlan(a.organization.id, { agents: 1 });
      expect((await invite(a)).status).toBe(402);
      const put = await api.call('PUT', `/v1/operator/tenants/${a.organization.id}/plan`, {
        token,
        body: { planId: plan, overrides: { limits: { agents: null } } },
      });
      expect(put.body.effective.limits.agents).toBeNull();
      expect((await invite(a)).status).toBe(201);
    });

    test('environments and webhooks: limits and the webhooks feature', async () => {
      const tenant = await chatTenant(api.rest);
      const org = tenant.owner.organization.id;
      await onPlan(org, { environments: 1, webhooks: 1 });
      const env = await api.call('POST', '/v1/environments', {
        token: tenant.owner.accessToken,
        body: { name: 'Staging' },
      });
      expect(env.status).toBe(402);
      expect(env.body.error).toMatchObject({
        code: 'plan_limit_reached',
        message: 'Your plan allows 1 environment',
        limit: { name: 'environments', value: 1 },
      });
      const hook = { url: 'https://hooks.example.com/flc', events: ['message.created'] };
      const path = `/v1/environments/${tenant.env.id}/webhooks`;
      const auth = { token: tenant.owner.accessToken, body: hook };
      expect((await api.call('POST', path, auth)).status).toBe(201);
      const second = await api.call('POST', path, auth);
      expect(second.status).toBe(402);
      expect(second.body.error.limit).toEqual({ name: 'webhooks', value: 1 });

      const other = await chatTenant(api.rest);
      await onPlan(other.owner.organization.id, {}, { webhooks: false, apiKeys: false });
      const off = await api.call('POST', `/v1/environments/${other.env.id}/webhooks`, {
        token: other.owner.accessToken,
        body: hook,
      });
      expect(off.status).toBe(402);
      expect(off.body.error).toMatchObject({
        code: 'plan_feature_unavailable',
        feature: 'webhooks',
      });
      const key = await api.call('POST', `/v1/environments/${other.env.id}/api-keys`, {
        token: other.owner.accessToken,
        body: { name: 'Backend' },
      });
      expect(key.status).toBe(402);
      expect(key.body.error.feature).toBe('apiKeys');
      // Its key issued before the plan still works.
      const self = await api.call('GET', '/v1/api-key', { headers: other.keyHeaders });
      expect(self.status).toBe(200);
      // The first tenant's plan has webhooks on: its environment has its one.
      expect(
        (
          await api.call('POST', '/v1/environments', {
            token: other.owner.accessToken,
            body: { name: 'S' },
          })
        ).status,
      ).toBe(201);
    });

    test('reports, email continuity and attachments switched off; attachment bytes', async () => {
      const tenant = await chatTenant(api.rest);
      const org = tenant.owner.organization.id;
      const bytes = pixelPng.byteLength + 10;
      await onPlan(org, { attachmentBytes: bytes }, { reports: false, emailContinuity: false });
      const report = await api.call('GET', '/v1/reports/overview', {
        token: tenant.owner.accessToken,
      });
      expect(report.status).toBe(402);
      expect(report.body.error.feature).toBe('reports');
      const path = `/v1/environments/${tenant.env.id}/email-continuity`;
      const on = await api.call('PUT', path, {
        token: tenant.owner.accessToken,
        body: { enabled: true },
      });
      expect(on.status).toBe(402);
      const off = await api.call('PUT', path, {
        token: tenant.owner.accessToken,
        body: { enabled: false },
      });
      expect(off.status).toBe(200);

      const visitor = await bootVisitor(api.rest, tenant);
      const chat = await openConversation(api.rest, visitor);
      const upload = async () => {
        const form = new FormData();
        form.set('file', new Blob([pixelPng]), 'pixel.png');
        const res = await api.handle(
          new Request(`http://localhost/v1/conversations/${chat.id}/attachments`, {
            method: 'POST',
            headers: tenant.ownerAuth,
            body: form,
          }),
        );
        return { status: res.status, body: (await res.json()) as { error?: { code: string } } };
      };
      // One pixel fits the plan's bytes, a second would pass them.
      expect((await upload()).status).toBe(201);
      const past = await upload();
      expect(past.status).toBe(402);
      expect(past.body.error?.code).toBe('plan_limit_reached');

      await onPlan(org, {}, { attachments: false });
      const none = await upload();
      expect(none.status).toBe(402);
      expect(none.body.error?.code).toBe('plan_feature_unavailable');
    });

    test('the last seat is taken once by two API processes at once', async () => {
      const owner = await api.signup();
      await onPlan(owner.organization.id, { agents: 2 });
      // A second API on the same database, with its own plan directory (as another process).
      const other = createApi({
        ...api.deps,
        planDirectory: new PostgresPlanDirectory(api.deps.db.sql),
      });
      const request = (email: string) =>
        new Request('http://localhost/v1/agents', {
          method: 'POST',
          headers: {
            authorization: `Bearer ${owner.accessToken}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({ email, name: 'Racer', role: 'agent' }),
        });
      for (let round = 0; round < 3; round++) {
        const answers = await Promise.all([
          api.handle(request(`one-${round}-${crypto.randomUUID()}@example.com`)),
          other.handle(request(`two-${round}-${crypto.randomUUID()}@example.com`)),
        ]);
        const statuses = answers.map((r) => r.status).sort();
        expect(statuses).toEqual(round === 0 ? [201, 402] : [402, 402]);
      }
      const [seats] = await api.deps.db.sql<{ n: number }[]>`
        select count(*)::int as n from agents where organization_id = ${owner.organization.id}`;
      expect(seats?.n).toBe(2);
    });

    test("the tenant's plan page: each limit with its use", async () => {
      const tenant = await chatTenant(api.rest);
      const org = tenant.owner.organization.id;
      const plan = await onPlan(org, { agents: 3, messagesPerMonth: 1000 }, { sso: false });
      const page = await api.call('GET', '/v1/organization/plan', {
        token: tenant.owner.accessToken,
      });
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({
        plan: { id: plan, name: expect.stringContaining('Limits') },
        limits: {
          agents: { limit: 3, used: 1 },
          environments: { limit: null, used: 1 },
          messagesPerMonth: { limit: 1000, used: 0 },
          webhooks: { limit: null, used: 0 },
          sendsPerSecond: { limit: null, used: null },
        },
        features: { sso: false, reports: true },
      });
      const agent = await api.addMember(tenant.owner, 'agent');
      const denied = await api.call('GET', '/v1/organization/plan', { token: agent.accessToken });
      expect(denied.status).toBe(403);
    });
  });
}
