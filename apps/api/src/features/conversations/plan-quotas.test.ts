import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { bearer, bootVisitor, type ChatTenant, chatTenant, openConversation } from '@flc/testkit';
import { createTestApi, databaseTargets, type TestApi } from '../../testing/harness.ts';
import { putOnPlan } from '../operator/testing.ts';

// A tenant's plan on one API process (the embedded profile's counter, in memory): its messages
// a month, sent by its agent, its API key and its visitor, notes too, stop at the plan's number
// with 402 `plan_limit_reached`; its API keys get the plan's lower request rate. Another tenant
// without a plan is held by neither.
for (const target of databaseTargets()) {
  describe(`a plan's limits on what is sent, on ${target.name}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      // The install's key budget: 3 at once, then 1,000 a second (the plan's is lower).
      api = await createTestApi(target, { apiKeyRate: 1_000, apiKeyBurst: 3 });
    }, 60_000);
    afterAll(() => api.close());

    /** Puts the tenant on a plan of its own with these limits, as an operator does. */
    async function plan(tenant: ChatTenant, limits: Record<string, number>) {
      await putOnPlan(api.rest, api.deps.db.sql, tenant.owner.organization.id, limits);
    }

    test('messages and notes of every sender stop at the plan: 402 plan_limit_reached', async () => {
      const tenant = await chatTenant(api.rest, { name: 'Small Plan' });
      const other = await chatTenant(api.rest, { name: 'No Plan' });
      await plan(tenant, { messagesPerMonth: 5 });
      const guest = await bootVisitor(api.rest, tenant);
      const { id } = await openConversation(api.rest, guest);
      const agentPath = `/v1/conversations/${id}/messages`;
      const sends = [
        () => api.call('POST', agentPath, { token: tenant.owner.accessToken, body: { body: 'a' } }),
        () => api.call('POST', agentPath, { headers: tenant.keyHeaders, body: { body: 'k' } }),
        () =>
          api.call('POST', `/v1/widget/conversations/${id}/messages`, {
            headers: bearer(guest.sessionToken),
            body: { body: 'v' },
          }),
        () =>
          api.call('POST', agentPath, {
            token: tenant.owner.accessToken,
            body: { body: 'n', kind: 'note' },
          }),
      ];
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) {
        const send = sends[i % sends.length];
        if (!send) throw new Error('four senders');
        const res = await send();
        statuses.push(res.status);
        if (res.status !== 201) {
          expect(res.body.error).toMatchObject({
            code: 'plan_limit_reached',
            message: 'Your plan allows 5 messages a month',
          });
        }
      }
      expect(statuses).toEqual([201, 201, 201, 201, 201, 402, 402, 402]);
      const history = await api.call('GET', agentPath, { token: tenant.owner.accessToken });
      expect(history.body.items).toHaveLength(5);

      const otherGuest = await bootVisitor(api.rest, other);
      const otherConversation = await openConversation(api.rest, otherGuest);
      for (let i = 0; i < 8; i++) {
        const res = await api.call('POST', `/v1/conversations/${otherConversation.id}/messages`, {
          token: other.owner.accessToken,
          body: { body: `free ${i}` },
        });
        expect(res.status).toBe(201);
      }
    });

    test("an API key's rate is the plan's when it is lower than the install's", async () => {
      const tenant = await chatTenant(api.rest, { name: 'Slow Keys' });
      const other = await chatTenant(api.rest, { name: 'Fast Keys' });
      await plan(tenant, { apiKeyRequestsPerSecond: 1 });
      const statuses = async (t: ChatTenant) => {
        const got: number[] = [];
        for (let i = 0; i < 4; i++) {
          got.push((await api.call('GET', '/v1/conversations', { headers: t.keyHeaders })).status);
        }
        return got;
      };
      // The burst (3), then 1 a second: the fourth at once is refused.
      expect(await statuses(tenant)).toEqual([200, 200, 200, 429]);
      // 1,000 a second: the fourth is a slot later, long given back.
      expect(await statuses(other)).toEqual([200, 200, 200, 200]);
    });
  });
}
