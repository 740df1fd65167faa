import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { boot, bootVisitor, chatTenant, openConversation, visitorSays } from '@flc/testkit';
import { createTestApi, databaseTargets, type TestApi } from '../../testing/harness.ts';
import { signedInOperator } from './testing.ts';

for (const target of databaseTargets()) {
  describe(`operators over tenants on ${target.name}`, () => {
    let api: TestApi;
    let token = '';
    beforeAll(async () => {
      api = await createTestApi(target);
      token = (await signedInOperator(api)).token;
    }, 60_000);
    afterAll(() => api.close());

    test('the list shows each tenant with its own counts, and searches', async () => {
      const tag = crypto.randomUUID().slice(0, 8);
      const busy = await chatTenant(api.rest, { name: `Busy ${tag}` });
      const quiet = await chatTenant(api.rest, { name: `Quiet ${tag}` });
      await chatTenant(api.rest, { name: 'Busy staging', owner: busy.owner });
      await api.addMember(busy.owner, 'agent');
      const visitor = await bootVisitor(api.rest, busy);
      const { id } = await openConversation(api.rest, visitor);
      for (const word of ['one', 'two', 'three']) await visitorSays(api.rest, visitor, id, word);
      await api.deps.db.sql`
        insert into attachment_usage (organization_id, bytes)
        values (${busy.owner.organization.id}, 1234)`;
      // What a realtime node reports of its sockets: two visitors of the busy tenant.
      await api.deps.processes.report({
        id: `realtime-test-${tag}`,
        role: 'realtime',
        version: 'test',
        host: 'test',
        pid: 1,
        startedAt: new Date().toISOString(),
        reportedAt: new Date().toISOString(),
        stats: {},
        problems: [],
        visitors: { [busy.owner.organization.id]: 2 },
      });

      const found = await api.call('GET', `/v1/operator/tenants?q=${tag}`, { token });
      expect(found.status).toBe(200);
      expect(found.body).toMatchObject({
        nextCursor: null,
        items: [
          {
            id: quiet.owner.organization.id,
            name: `Quiet ${tag}`,
            status: 'active',
            plan: null,
            agents: 1,
            environments: 1,
            activeVisitors: 0,
            messagesThisMonth: 0,
            storageBytes: 0,
          },
          {
            id: busy.owner.organization.id,
            agents: 2,
            environments: 2,
            activeVisitors: 2,
            messagesThisMonth: 3,
            storageBytes: 1234,
          },
        ],
      });
      const byEmail = await api.call(
        'GET',
        `/v1/operator/tenants?q=${encodeURIComponent(quiet.owner.email.toUpperCase())}`,
        { token },
      );
      expect(byEmail.body.items.map((t: { id: string }) => t.id)).toEqual([
        quiet.owner.organization.id,
      ]);
      const byId = await api.call('GET', `/v1/operator/tenants?q=${busy.owner.organization.id}`, {
        token,
      });
      expect(byId.body.items).toHaveLength(1);
      // Pages of one, newest first, follow the cursor to the end.
      const first = await api.call('GET', `/v1/operator/tenants?q=${tag}&limit=1`, { token });
      expect(first.body.items[0].id).toBe(quiet.owner.organization.id);
      const second = await api.call(
        'GET',
        `/v1/operator/tenants?q=${tag}&limit=1&cursor=${first.body.nextCursor}`,
        { token },
      );
      expect(second.body).toMatchObject({
        items: [{ id: busy.owner.organization.id }],
        nextCursor: null,
      });
      const detail = await api.call('GET', `/v1/operator/tenants/${busy.owner.organization.id}`, {
        token,
      });
      expect(detail.body).toMatchObject({
        tenant: { messagesThisMonth: 3 },
        suspendedReason: null,
        owners: [{ id: busy.owner.agent.id, email: busy.owner.email }],
        counts: { contacts: 1, conversations: 1, openConversations: 1 },
      });
      expect(detail.body.environments).toHaveLength(2);
      const missing = await api.call('GET', `/v1/operator/tenants/${Bun.randomUUIDv7()}`, {
        token,
      });
      expect(missing.status).toBe(404);
      const badCursor = await api.call('GET', '/v1/operator/tenants?cursor=nope', { token });
      expect(badCursor.status).toBe(400);
    });

    test('suspension refuses the tenant everywhere, keeps its data; resume restores it', async () => {
      const victim = await chatTenant(api.rest, { name: 'Suspended Co' });
      const other = await chatTenant(api.rest, { name: 'Unaffected Co' });
      const visitor = await bootVisitor(api.rest, victim);
      const { id } = await openConversation(api.rest, visitor);
      await visitorSays(api.rest, visitor, id, 'kept');
      const orgId = victim.owner.organization.id;
      const calls = (tenant: typeof victim, sessionToken: string) => ({
        agent: () => api.call('GET', '/v1/conversations', { token: tenant.owner.accessToken }),
        apiKey: () => api.call('GET', '/v1/conversations', { headers: tenant.keyHeaders }),
        visitor: () => api.call('GET', '/v1/widget/conversations', { token: sessionToken }),
        boot: () => boot(api.rest, tenant.env.pluginKey),
        refresh: () =>
          api.call('POST', '/v1/auth/refresh', {
            body: { refreshToken: tenant.owner.refreshToken },
          }),
        login: () =>
          api.call('POST', '/v1/auth/login', {
            body: { email: tenant.owner.email, password: tenant.owner.password },
          }),
      });
      const victimCalls = calls(victim, visitor.sessionToken);
      const otherCalls = calls(other, (await bootVisitor(api.rest, other)).sessionToken);

      const noReason = await api.call('POST', `/v1/operator/tenants/${orgId}/suspend`, {
        token,
        body: { reason: '' },
      });
      expect(noReason.status).toBe(422);
      const suspended = await api.call('POST', `/v1/operator/tenants/${orgId}/suspend`, {
        token,
        body: { reason: 'Unpaid invoices' },
      });
      expect(suspended.status).toBe(200);
      expect(suspended.body).toMatchObject({
        tenant: { status: 'suspended' },
        suspendedReason: 'Unpaid invoices',
      });
      const twice = await api.call('POST', `/v1/operator/tenants/${orgId}/suspend`, {
        token,
        body: { reason: 'Again' },
      });
      expect(twice.status).toBe(409);

      for (const [name, call] of Object.entries(victimCalls)) {
        const res = await call();
        expect({ name, status: res.status, code: res.body?.error?.code }).toEqual({
          name,
          status: 403,
          code: 'organization_suspended',
        });
      }
      for (const [name, call] of Object.entries(otherCalls)) {
        if (name === 'refresh' || name === 'login') continue; // they would rotate its session
        expect({ name, status: (await call()).status }).toEqual({ name, status: 200 });
      }
      const listed = await api.call('GET', '/v1/operator/tenants?status=suspended', { token });
      expect(listed.body.items.map((t: { id: string }) => t.id)).toContain(orgId);
      const active = await api.call('GET', '/v1/operator/tenants?status=active', { token });
      expect(active.body.items.map((t: { id: string }) => t.id)).not.toContain(orgId);

      const resumed = await api.call('POST', `/v1/operator/tenants/${orgId}/resume`, { token });
      expect(resumed.body.tenant.status).toBe('active');
      for (const [name, call] of Object.entries(victimCalls)) {
        if (name === 'login') continue;
        expect({ name, status: (await call()).status }).toEqual({ name, status: 200 });
      }
      const messages = await api.call('GET', `/v1/conversations/${id}/messages`, {
        headers: victim.keyHeaders,
      });
      expect(messages.body.items.map((m: { body: string }) => m.body)).toEqual(['kept']);
      // The operators' log names who did both, with the reason.
      const events = await api.call('GET', `/v1/operator/events?organizationId=${orgId}`, {
        token,
      });
      expect(
        events.body.items.map((e: { action: string; details: object }) => [e.action, e.details]),
      ).toEqual([
        ['tenant.resumed', {}],
        ['tenant.suspended', { reason: 'Unpaid invoices' }],
      ]);
      expect(events.body.items[0].operator.email).toMatch(/^ops-/);
      // The tenant reads both in its own audit log, by the platform and with the reason.
      const log = await api.call('GET', '/v1/audit-events?action=organization.', {
        headers: victim.ownerAuth,
      });
      expect(
        log.body.items.map((e: { action: string; actor: { kind: string; label: string } }) => [
          e.action,
          e.actor.kind,
          e.actor.label,
        ]),
      ).toEqual([
        ['organization.resumed', 'system', 'Platform operator'],
        ['organization.suspended', 'system', 'Platform operator'],
        ['organization.created', 'agent', expect.any(String)],
      ]);
    });
  });
}
