import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { visitorSays } from '@flc/testkit';
import { createTestApi, databaseTargets, type TestApi } from '../../testing/harness.ts';
import { assignmentFixture } from './assignment-fixture.ts';

// Assignment rounds that run at once, on PGlite and PostgreSQL (the suites run no sweep, so what
// is assigned here was assigned by the request itself): a conversation a visitor's message
// reopens, an agent back from away, a conversation unassigned by hand.
for (const target of databaseTargets()) {
  describe(`assignment at once on ${target.name}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await createTestApi(target);
    }, 60_000);
    afterAll(() => api.close());

    const { as, conversation, staffed, open, visitorWithConversation } = assignmentFixture(
      () => api,
    );
    const patch = (who: Parameters<typeof as>[0], id: string, body: unknown) =>
      api.call('PATCH', `/v1/conversations/${id}`, as(who, body));

    test('reopened by the visitor: kept by an agent who can still take it, else another at once', async () => {
      const { tenant, owner, ids } = await staffed('least_busy');
      const org = owner.organization.id;
      const { visitor, id } = await visitorWithConversation(tenant);
      const first = (await conversation(owner, id)).assigneeId as string;
      const other = ids.find((x) => x !== first) as string;

      await patch(owner, id, { status: 'closed' });
      await visitorSays(api.rest, visitor, id, 'One more thing');
      expect(await conversation(owner, id)).toMatchObject({ status: 'open', assigneeId: first });

      // Snoozed, and its agent went offline: the other member has it as soon as the visitor writes.
      await patch(owner, id, { status: 'snoozed' });
      await api.deps.presence.disconnect(org, first);
      await visitorSays(api.rest, visitor, id, 'Hello?');
      expect(await conversation(owner, id)).toMatchObject({ status: 'open', assigneeId: other });

      // Closed; a new one fills its agent's capacity; the first is back: the reopen goes to them.
      await patch(owner, id, { status: 'closed' });
      expect((await conversation(owner, await open(tenant))).assigneeId).toBe(other);
      await api.deps.presence.connect(org, first);
      await visitorSays(api.rest, visitor, id, 'Anyone?');
      expect(await conversation(owner, id)).toMatchObject({ status: 'open', assigneeId: first });
    });

    test('reopened by the visitor with nobody assigned: an agent at once', async () => {
      const { tenant, owner, ids } = await staffed('round_robin');
      const org = owner.organization.id;
      for (const agentId of ids) await api.deps.presence.disconnect(org, agentId);
      const { visitor, id } = await visitorWithConversation(tenant);
      await patch(owner, id, { status: 'closed' });
      expect(await conversation(owner, id)).toMatchObject({ status: 'closed', assigneeId: null });
      for (const agentId of ids) await api.deps.presence.connect(org, agentId);
      await visitorSays(api.rest, visitor, id, 'Back again');
      const reopened = await conversation(owner, id);
      expect(reopened.status).toBe('open');
      expect(ids).toContain(reopened.assigneeId);
    });

    test('an agent back from away takes a waiting conversation at once', async () => {
      const { tenant, owner, agents } = await staffed('least_busy');
      const [away, busy] = agents.map((a) => a.agent.id);
      const presence = (status: string) =>
        api.call('PUT', '/v1/me/presence', as(agents[0] as (typeof agents)[0], { status }));
      expect((await presence('away')).body).toEqual({ status: 'away' });
      expect((await conversation(owner, await open(tenant))).assigneeId).toBe(busy);
      const waiting = await open(tenant);
      expect((await conversation(owner, waiting)).assigneeId).toBeNull();
      expect((await presence('online')).body).toEqual({ status: 'online' });
      expect((await conversation(owner, waiting)).assigneeId).toBe(away);
    });

    test('unassigned by hand: never given back to that agent, who may take others', async () => {
      const { tenant, owner, agents } = await staffed('round_robin');
      const [first, second] = agents.map((a) => a.agent.id) as [string, string];
      const org = owner.organization.id;
      await api.deps.presence.disconnect(org, second);
      const id = await open(tenant);
      expect((await conversation(owner, id)).assigneeId).toBe(first);

      // Only its agent is online: it waits in the team, through sweeps too.
      const unassigned = await patch(owner, id, { assigneeId: null });
      expect(unassigned.body).toMatchObject({ assigneeId: null });
      await api.deps.assignment.sweep();
      expect((await conversation(owner, id)).assigneeId).toBeNull();
      // The agent still takes new conversations.
      const other = await open(tenant);
      expect((await conversation(owner, other)).assigneeId).toBe(first);

      await api.deps.presence.connect(org, second);
      await api.deps.assignment.sweep();
      expect((await conversation(owner, id)).assigneeId).toBe(second);
      // The second agent unassigns it in turn: only that agent is skipped now, so it goes to the
      // first once they have room.
      await patch(agents[1] as Parameters<typeof as>[0], id, { assigneeId: null });
      expect((await conversation(owner, id)).assigneeId).toBeNull();
      await patch(owner, other, { status: 'closed' });
      expect((await conversation(owner, id)).assigneeId).toBe(first);
    });
  });
}
