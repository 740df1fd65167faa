import { expect } from 'bun:test';
import { bootVisitor, type ChatTenant, chatTenant, openConversation } from '@flc/testkit';
import type { Owner, TestApi } from '../../testing/harness.ts';

/**
 * What the assignment suites share, on the API `api()` answers once their `beforeAll` made it:
 * a staffed tenant, its visitors' conversations and an agent's view of one.
 */
export function assignmentFixture(api: () => TestApi) {
  const as = (who: Owner, body?: unknown) => ({ token: who.accessToken, body });
  const conversation = async (owner: Owner, id: string) =>
    (await api().call('GET', `/v1/conversations/${id}`, as(owner))).body;

  /** A tenant with a team of two online agents of capacity 1, and its policy set to `mode`. */
  async function staffed(mode: 'round_robin' | 'least_busy') {
    const tenant = await chatTenant(api().rest);
    const { owner } = tenant;
    const agents = [await api().addMember(owner, 'agent'), await api().addMember(owner, 'agent')];
    const ids = agents.map((a) => a.agent.id);
    const team = await api().call(
      'POST',
      '/v1/teams',
      as(owner, { name: 'Support', memberIds: ids }),
    );
    for (const id of ids) {
      const set = await api().call('PUT', `/v1/agents/${id}/capacity`, as(owner, { capacity: 1 }));
      expect(set.body.capacity).toBe(1);
      await api().deps.presence.connect(owner.organization.id, id);
    }
    const policy = await api().call(
      'PUT',
      `/v1/environments/${tenant.env.id}/assignment-policy`,
      as(owner, { mode, teamId: team.body.id }),
    );
    expect(policy.body).toEqual({ environmentId: tenant.env.id, mode, teamId: team.body.id });
    return { tenant, owner, agents, ids, teamId: team.body.id as string };
  }

  /** A visitor of the tenant and the conversation it opened. */
  async function visitorWithConversation(tenant: ChatTenant) {
    const visitor = await bootVisitor(api().rest, tenant);
    return { visitor, id: (await openConversation(api().rest, visitor)).id };
  }
  const open = async (tenant: ChatTenant) => (await visitorWithConversation(tenant)).id;

  return { as, conversation, staffed, open, visitorWithConversation };
}
