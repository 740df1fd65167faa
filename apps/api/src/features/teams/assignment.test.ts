import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { chatTenant } from '@flc/testkit';
import { createTestApi, databaseTargets, type TestApi } from '../../testing/harness.ts';
import { assignmentFixture } from './assignment-fixture.ts';

// Automatic assignment over REST, on PGlite and PostgreSQL: an environment's policy gives new
// conversations to online members of its team within their capacity, the rest wait in the team
// and go to whoever frees a slot; a disabled agent's conversations go back through assignment.
for (const target of databaseTargets()) {
  describe(`assignment on ${target.name}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await createTestApi(target);
    }, 60_000);
    afterAll(() => api.close());

    const { as, conversation, staffed, open } = assignmentFixture(() => api);

    test('least busy: one each within capacity, the third waits in the team until a slot frees', async () => {
      const { tenant, owner, ids, teamId } = await staffed('least_busy');
      const [c1, c2, c3] = [await open(tenant), await open(tenant), await open(tenant)];
      const first = [await conversation(owner, c1), await conversation(owner, c2)];
      expect(first.map((c) => c.assigneeId).sort()).toEqual([...ids].sort());
      expect(first.map((c) => c.teamId)).toEqual([teamId, teamId]);
      expect(await conversation(owner, c3)).toMatchObject({ assigneeId: null, teamId });

      // Closing the first frees its agent: the waiting one goes to them.
      await api.call('PATCH', `/v1/conversations/${c1}`, as(owner, { status: 'closed' }));
      expect((await conversation(owner, c3)).assigneeId).toBe(first[0].assigneeId);

      // The other agent is disabled: their conversation waits (nobody has room), then goes to
      // the first agent once they get more capacity.
      const other = first[1].assigneeId;
      await api.call('PATCH', `/v1/agents/${other}`, as(owner, { status: 'disabled' }));
      expect(await conversation(owner, c2)).toMatchObject({ assigneeId: null, teamId });
      const me = first[0].assigneeId;
      await api.call('PUT', `/v1/agents/${me}/capacity`, as(owner, { capacity: 2 }));
      expect((await conversation(owner, c2)).assigneeId).toBe(me);
    });

    test('round robin takes turns; offline and away members are skipped', async () => {
      const { tenant, owner, ids } = await staffed('round_robin');
      await api.call('PUT', `/v1/agents/${ids[0]}/capacity`, as(owner, { capacity: null }));
      await api.call('PUT', `/v1/agents/${ids[1]}/capacity`, as(owner, { capacity: null }));
      const got = [];
      for (let i = 0; i < 4; i++)
        got.push((await conversation(owner, await open(tenant))).assigneeId);
      const sorted = [...ids].sort();
      expect(got).toEqual([sorted[0], sorted[1], sorted[0], sorted[1]]);
      await api.deps.presence.disconnect(owner.organization.id, sorted[0] as string);
      await api.deps.db.sql`update agents set away = true where id = ${sorted[1] as string}`;
      expect((await conversation(owner, await open(tenant))).assigneeId).toBeNull();
    });

    test('manual assignment: team and agent together, the agent must be a member (422)', async () => {
      const { tenant, owner, ids, teamId } = await staffed('least_busy');
      const outsider = await api.addMember(owner, 'agent');
      await api.call(
        'PUT',
        `/v1/environments/${tenant.env.id}/assignment-policy`,
        as(owner, { mode: 'manual', teamId: null }),
      );
      const id = await open(tenant);
      expect(await conversation(owner, id)).toMatchObject({ assigneeId: null, teamId: null });
      const wrong = await api.call(
        'PATCH',
        `/v1/conversations/${id}`,
        as(owner, { teamId, assigneeId: outsider.agent.id }),
      );
      expect(wrong.status).toBe(422);
      const right = await api.call(
        'PATCH',
        `/v1/conversations/${id}`,
        as(owner, { teamId, assigneeId: ids[0] }),
      );
      expect(right.body).toMatchObject({ teamId, assigneeId: ids[0] });
      // An API key moves it out of the team.
      const out = await api.call('PATCH', `/v1/conversations/${id}`, {
        headers: tenant.keyHeaders,
        body: { teamId: null },
      });
      expect(out.body).toMatchObject({ teamId: null, assigneeId: ids[0] });
    });

    test('policy and capacity: 422 for a mode without a team or a foreign team, 404 foreign ids', async () => {
      const mine = await chatTenant(api.rest);
      const theirs = await chatTenant(api.rest);
      const path = `/v1/environments/${mine.env.id}/assignment-policy`;
      expect((await api.call('GET', path, as(mine.owner))).body).toEqual({
        environmentId: mine.env.id,
        mode: 'manual',
        teamId: null,
      });
      const noTeam = await api.call(
        'PUT',
        path,
        as(mine.owner, { mode: 'least_busy', teamId: null }),
      );
      expect(noTeam.status).toBe(422);
      const team = await api.call('POST', '/v1/teams', as(theirs.owner, { name: 'Theirs' }));
      const foreign = await api.call(
        'PUT',
        path,
        as(mine.owner, { mode: 'round_robin', teamId: team.body.id }),
      );
      expect(foreign.status).toBe(422);
      const bad = await api.call('PUT', path, as(mine.owner, { mode: 'fastest', teamId: null }));
      expect(bad.status).toBe(422);
      expect((await api.call('GET', path, as(theirs.owner))).status).toBe(404);
      const capacity = `/v1/agents/${theirs.owner.agent.id}/capacity`;
      expect((await api.call('PUT', capacity, as(mine.owner, { capacity: 3 }))).status).toBe(404);
      const negative = `/v1/agents/${mine.owner.agent.id}/capacity`;
      expect((await api.call('PUT', negative, as(mine.owner, { capacity: -1 }))).status).toBe(422);
      const agent = await api.addMember(mine.owner, 'agent');
      expect((await api.call('PUT', negative, as(agent, { capacity: 3 }))).status).toBe(403);
      const actions = await api.deps.db.sql<{ action: string }[]>`
        select action from audit_events where organization_id = ${mine.owner.organization.id}
          and (action like 'environment.assignment%' or action = 'agent.capacity_changed')`;
      expect(actions).toHaveLength(0);
    });
  });
}
