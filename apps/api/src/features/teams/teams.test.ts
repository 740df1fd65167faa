import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { chatTenant } from '@flc/testkit';
import { createTestApi, databaseTargets, type Owner, type TestApi } from '../../testing/harness.ts';

// Teams over REST, on PGlite and PostgreSQL: owners and admins manage them, agents and API keys
// read them, names are unique whatever their case, members are agents of the organization,
// another tenant's teams are not found, and every change is in the audit log.
for (const target of databaseTargets()) {
  describe(`teams on ${target.name}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await createTestApi(target);
    }, 60_000);
    afterAll(() => api.close());

    const as = (who: Owner, body?: unknown) => ({ token: who.accessToken, body });
    const audit = async (organizationId: string) => [
      ...(await api.deps.db.sql<{ action: string; target_id: string; details: object }[]>`
        select action, target_id, details from audit_events
        where organization_id = ${organizationId} and action like 'team.%'
        order by occurred_at, id`),
    ];

    test('an owner creates, staffs, renames and deletes a team; each change is audited', async () => {
      const tenant = await chatTenant(api.rest);
      const { owner } = tenant;
      const [a, b] = [await api.addMember(owner, 'agent'), await api.addMember(owner, 'agent')];
      const created = await api.call(
        'POST',
        '/v1/teams',
        as(owner, { name: 'Billing', memberIds: [b.agent.id, a.agent.id] }),
      );
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        name: 'Billing',
        memberIds: [a.agent.id, b.agent.id].sort(),
      });
      const id = created.body.id;
      const taken = await api.call('POST', '/v1/teams', as(owner, { name: 'billing' }));
      expect(taken.status).toBe(409);

      const renamed = await api.call(
        'PATCH',
        `/v1/teams/${id}`,
        as(owner, { name: 'Payments', memberIds: [a.agent.id] }),
      );
      expect(renamed.body).toMatchObject({ id, name: 'Payments', memberIds: [a.agent.id] });
      // An agent and an API key read; an agent does not write.
      expect((await api.call('GET', '/v1/teams', as(a))).body.items).toEqual([renamed.body]);
      const byKey = await api.call('GET', `/v1/teams/${id}`, { headers: tenant.keyHeaders });
      expect(byKey.body).toEqual(renamed.body);
      expect((await api.call('POST', '/v1/teams', as(a, { name: 'Mine' }))).status).toBe(403);

      expect((await api.call('DELETE', `/v1/teams/${id}`, as(owner))).status).toBe(204);
      expect((await api.call('GET', `/v1/teams/${id}`, as(owner))).status).toBe(404);
      expect((await audit(owner.organization.id)).map((e) => e.action)).toEqual([
        'team.created',
        'team.updated',
        'team.deleted',
      ]);
    });

    test("another tenant's teams and agents: 404 and 422", async () => {
      const mine = await chatTenant(api.rest);
      const theirs = await chatTenant(api.rest);
      const team = await api.call('POST', '/v1/teams', as(theirs.owner, { name: 'Theirs' }));
      const id = team.body.id;
      expect((await api.call('GET', `/v1/teams/${id}`, as(mine.owner))).status).toBe(404);
      const rename = await api.call('PATCH', `/v1/teams/${id}`, as(mine.owner, { name: 'X' }));
      expect(rename.status).toBe(404);
      expect((await api.call('DELETE', `/v1/teams/${id}`, as(mine.owner))).status).toBe(404);
      const foreign = await api.call(
        'POST',
        '/v1/teams',
        as(mine.owner, { name: 'Mixed', memberIds: [theirs.owner.agent.id] }),
      );
      expect(foreign.status).toBe(422);
      expect(foreign.body.error.details[0].path).toBe('body.memberIds.0');
      const blank = await api.call('POST', '/v1/teams', as(mine.owner, { name: ' padded ' }));
      expect(blank.status).toBe(422);
    });
  });
}
