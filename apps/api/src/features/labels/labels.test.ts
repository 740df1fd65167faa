import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { type ChatTenant, chatTenant } from '@flc/testkit';
import { createTestApi, databaseTargets, type Owner, type TestApi } from '../../testing/harness.ts';

// The organization's labels over REST, on PGlite and PostgreSQL: owners and admins manage them,
// agents and API keys read them, names are unique whatever their case, colors are `#rrggbb`,
// another tenant's labels are not found, and every change is in the audit log.
for (const target of databaseTargets()) {
  describe(`labels on ${target.name}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await createTestApi(target);
    }, 60_000);
    afterAll(() => api.close());

    const as = (who: Owner, body?: unknown) => ({ token: who.accessToken, body });
    const create = (who: Owner, body: unknown) => api.call('POST', '/v1/labels', as(who, body));
    type Audited = { action: string; actor_id: string; target_id: string; details: object };
    const audit = async (organizationId: string): Promise<Audited[]> => [
      ...(await api.deps.db.sql<Audited[]>`
        select action, actor_id, target_id, details from audit_events
        where organization_id = ${organizationId} and action like 'label.%'
        order by occurred_at, id`),
    ];

    test('an owner creates, reads, renames, recolors and deletes; each change is audited', async () => {
      const { owner } = await chatTenant(api.rest);
      const vip = await create(owner, { name: 'VIP', color: '#D97706', description: 'Pays well' });
      expect(vip.status).toBe(201);
      expect(vip.body).toMatchObject({ name: 'VIP', color: '#d97706', description: 'Pays well' });
      const bug = await create(owner, { name: 'bug', color: '#dc2626' });
      expect(bug.body.description).toBeNull();
      const billing = await create(owner, { name: 'Billing', color: '#2563eb' });

      const list = await api.call('GET', '/v1/labels', as(owner));
      expect(list.body.items.map((l: { name: string }) => l.name)).toEqual([
        'Billing',
        'bug',
        'VIP',
      ]);
      expect((await api.call('GET', `/v1/labels/${vip.body.id}`, as(owner))).body).toEqual(
        vip.body,
      );

      const renamed = await api.call(
        'PATCH',
        `/v1/labels/${bug.body.id}`,
        as(owner, { name: 'Bug report', color: '#B91C1C', description: 'From the widget' }),
      );
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({
        id: bug.body.id,
        name: 'Bug report',
        color: '#b91c1c',
        description: 'From the widget',
        createdAt: bug.body.createdAt,
      });
      // Nothing changed (the same color in capitals): nothing recorded. Then a description off.
      const same = await api.call(
        'PATCH',
        `/v1/labels/${bug.body.id}`,
        as(owner, { color: '#B91C1C' }),
      );
      expect(same.body).toEqual(renamed.body);
      const cleared = await api.call(
        'PATCH',
        `/v1/labels/${bug.body.id}`,
        as(owner, { description: null }),
      );
      expect(cleared.body.description).toBeNull();

      expect((await api.call('DELETE', `/v1/labels/${billing.body.id}`, as(owner))).status).toBe(
        204,
      );
      expect((await api.call('GET', `/v1/labels/${billing.body.id}`, as(owner))).status).toBe(404);
      expect((await api.call('DELETE', `/v1/labels/${billing.body.id}`, as(owner))).status).toBe(
        404,
      );

      const events = await audit(owner.organization.id);
      expect(events.map((e) => [e.action, e.target_id])).toEqual([
        ['label.created', vip.body.id],
        ['label.created', bug.body.id],
        ['label.created', billing.body.id],
        ['label.updated', bug.body.id],
        ['label.updated', bug.body.id],
        ['label.deleted', billing.body.id],
      ]);
      expect(events.every((e) => e.actor_id === owner.agent.id)).toBe(true);
      expect(events[0]?.details).toEqual({ name: 'VIP', color: '#d97706' });
      expect(events[3]?.details).toEqual({
        name: 'Bug report',
        previousName: 'bug',
        color: { before: '#dc2626', after: '#b91c1c' },
        descriptionChanged: true,
      });
      expect(events[4]?.details).toEqual({ name: 'Bug report', descriptionChanged: true });
      expect(events[5]?.details).toEqual({ name: 'Billing', conversations: 0, contacts: 0 });
    });

    test('names are unique whatever their case: 409, also for a rename', async () => {
      const { owner } = await chatTenant(api.rest);
      const first = await create(owner, { name: 'Urgent', color: '#dc2626' });
      const other = await create(owner, { name: 'Later', color: '#64748b' });
      for (const name of ['Urgent', 'URGENT', 'urgent']) {
        const again = await create(owner, { name, color: '#000000' });
        expect({ name, status: again.status, code: again.body.error?.code }).toEqual({
          name,
          status: 409,
          code: 'conflict',
        });
      }
      const rename = await api.call(
        'PATCH',
        `/v1/labels/${other.body.id}`,
        as(owner, { name: 'uRGENT' }),
      );
      expect(rename.status).toBe(409);
      // Renaming a label to another case of its own name is no conflict.
      const recased = await api.call(
        'PATCH',
        `/v1/labels/${first.body.id}`,
        as(owner, { name: 'URGENT' }),
      );
      expect([recased.status, recased.body.name]).toEqual([200, 'URGENT']);
      // Another organization may have the same name.
      const stranger = await chatTenant(api.rest);
      expect((await create(stranger.owner, { name: 'Urgent', color: '#dc2626' })).status).toBe(201);
      const names = (await api.call('GET', '/v1/labels', as(owner))).body.items.map(
        (l: { name: string }) => l.name,
      );
      expect(names).toEqual(['Later', 'URGENT']);
    });

    test('bad names, colors and descriptions are 422, naming the field', async () => {
      const { owner } = await chatTenant(api.rest);
      const cases: [unknown, string][] = [
        [{ name: 'Red', color: 'red' }, 'body.color'],
        [{ name: 'Red', color: '#12345' }, 'body.color'],
        [{ name: 'Red', color: '#gggggg' }, 'body.color'],
        [{ name: 'Red', color: '#ff0000ff' }, 'body.color'],
        [{ name: 'Red' }, 'body.color'],
        [{ name: '', color: '#ff0000' }, 'body.name'],
        [{ name: 'x'.repeat(41), color: '#ff0000' }, 'body.name'],
        [{ name: ' padded', color: '#ff0000' }, 'body.name'],
        [{ name: 'padded ', color: '#ff0000' }, 'body.name'],
        [{ name: 'two\nlines', color: '#ff0000' }, 'body.name'],
        [{ name: 'Red', color: '#ff0000', description: 'd'.repeat(201) }, 'body.description'],
        [{ name: 'Red', color: '#ff0000', description: '' }, 'body.description'],
      ];
      for (const [body, path] of cases) {
        const res = await create(owner, body);
        expect({ body, status: res.status }).toEqual({ body, status: 422 });
        expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
      }
      const ok = await create(owner, { name: 'x'.repeat(40), color: '#ABCDEF' });
      expect(ok.status).toBe(201);
      const patch = await api.call(
        'PATCH',
        `/v1/labels/${ok.body.id}`,
        as(owner, { color: 'blue' }),
      );
      expect(patch.status).toBe(422);
      expect((await api.call('GET', '/v1/labels', as(owner))).body.items).toHaveLength(1);
    });

    test('admins manage, agents and API keys read; other writers are refused', async () => {
      const tenant: ChatTenant = await chatTenant(api.rest);
      const admin = await api.addMember(tenant.owner, 'admin');
      const agent = await api.addMember(tenant.owner, 'agent');
      const made = await create(admin, { name: 'By admin', color: '#16a34a' });
      expect(made.status).toBe(201);
      const id = made.body.id;
      for (const [method, path, body] of [
        ['POST', '/v1/labels', { name: 'By agent', color: '#16a34a' }],
        ['PATCH', `/v1/labels/${id}`, { name: 'Renamed by agent' }],
        ['DELETE', `/v1/labels/${id}`, undefined],
      ] as const) {
        const byAgent = await api.call(method, path, as(agent, body));
        expect({ method, status: byAgent.status }).toEqual({ method, status: 403 });
        const byKey = await api.call(method, path, { headers: tenant.keyHeaders, body });
        expect({ method, status: byKey.status }).toEqual({ method, status: 401 });
      }
      for (const who of [{ token: agent.accessToken }, { headers: tenant.keyHeaders }]) {
        const list = await api.call('GET', '/v1/labels', who);
        expect(list.body.items.map((l: { id: string }) => l.id)).toEqual([id]);
        expect((await api.call('GET', `/v1/labels/${id}`, who)).body.name).toBe('By admin');
      }
      expect((await api.call('GET', '/v1/labels')).status).toBe(401);
      expect((await api.call('DELETE', `/v1/labels/${id}`, as(admin))).status).toBe(204);
    });

    test("another organization's label is not found, for reading, changing and deleting", async () => {
      const mine = await chatTenant(api.rest);
      const theirs = await chatTenant(api.rest);
      const label = (await create(theirs.owner, { name: 'Secret plan', color: '#111827' })).body;
      for (const who of [{ token: mine.owner.accessToken }, { headers: mine.keyHeaders }]) {
        expect((await api.call('GET', `/v1/labels/${label.id}`, who)).status).toBe(404);
        expect((await api.call('GET', '/v1/labels', who)).body.items).toEqual([]);
      }
      const patch = await api.call(
        'PATCH',
        `/v1/labels/${label.id}`,
        as(mine.owner, { name: 'Mine' }),
      );
      expect(patch.status).toBe(404);
      expect((await api.call('DELETE', `/v1/labels/${label.id}`, as(mine.owner))).status).toBe(404);
      const kept = await api.call('GET', `/v1/labels/${label.id}`, as(theirs.owner));
      expect(kept.body).toEqual(label);
      expect(await audit(mine.owner.organization.id)).toEqual([]);
    });
  });
}
