import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { startSnoozeAlarm } from '@flc/core';
import { PostgresSnoozeWaker } from '@flc/storage/postgres';
import {
  bootVisitor,
  type ChatTenant,
  chatTenant,
  openConversation,
  type Visitor,
  visitorSays,
} from '@flc/testkit';
import { createTestApi, databaseTargets, type TestApi } from '../../testing/harness.ts';
import { followInbox } from '../../testing/inbox.ts';

// Snoozed until a time: PATCH takes `snoozedUntil` with status `snoozed` only, in the future;
// conversations show it until any status change; the waker opens the conversation once the time
// has passed, with the agents' live `updated` event and a `conversation.updated` webhook row.
const hour = 60 * 60 * 1000;
const inAnHour = () => new Date(Date.now() + hour).toISOString();

for (const target of databaseTargets()) {
  describe(`snoozed until a time on ${target.name}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await createTestApi(target);
    }, 60_000); // cold starts (PGlite, argon2) can take seconds on CI
    afterAll(() => api.close());

    const patch = (tenant: ChatTenant, id: string, body: unknown) =>
      api.call('PATCH', `/v1/conversations/${id}`, { token: tenant.owner.accessToken, body });
    /** The conversation as GET shows it, without its rating: the resource PATCH answers. */
    const read = async (tenant: ChatTenant, id: string) => {
      const res = await api.call('GET', `/v1/conversations/${id}`, {
        token: tenant.owner.accessToken,
      });
      const { rating: _rating, ...body } = res.body;
      return { ...res, body };
    };
    async function conversation(): Promise<{ tenant: ChatTenant; v: Visitor; id: string }> {
      const tenant = await chatTenant(api.rest);
      const v = await bootVisitor(api.rest, tenant);
      return { tenant, v, id: (await openConversation(api.rest, v)).id };
    }
    const hook = async (tenant: ChatTenant) => {
      const res = await api.call('POST', `/v1/environments/${tenant.env.id}/webhooks`, {
        token: tenant.owner.accessToken,
        body: { url: 'https://hooks.example.com/flc', events: ['conversation.updated'] },
      });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const hooked = (webhookId: string) =>
      api.deps.db.sql<{ subject_id: string; payload: { conversation: Record<string, unknown> } }[]>`
        select subject_id, payload from webhook_deliveries
        where webhook_id = ${webhookId} order by ordinal`;
    /** An alarm that only ticks when told to. */
    const alarm = () =>
      startSnoozeAlarm({ conversations: api.deps.conversationService, everyMs: 24 * hour });

    test('shown until any status change; a visitor message still reopens', async () => {
      const { tenant, v, id } = await conversation();
      expect((await read(tenant, id)).body.snoozedUntil).toBeNull();
      const until = inAnHour();
      const snoozed = await patch(tenant, id, { status: 'snoozed', snoozedUntil: until });
      expect(snoozed.status).toBe(200);
      expect(snoozed.body).toMatchObject({ status: 'snoozed', snoozedUntil: until });
      expect((await read(tenant, id)).body).toEqual(snoozed.body);
      const listed = await api.call('GET', '/v1/conversations?status=snoozed', {
        token: tenant.owner.accessToken,
      });
      expect(listed.body.items).toMatchObject([{ id, snoozedUntil: until }]);

      // Assigning is no status change: the time stays.
      const assigned = await patch(tenant, id, { assigneeId: tenant.owner.agent.id });
      expect(assigned.body.snoozedUntil).toBe(until);
      // Snoozed again without a time: until the visitor writes.
      const open = await patch(tenant, id, { status: 'snoozed' });
      expect(open.body).toMatchObject({ status: 'snoozed', snoozedUntil: null });
      for (const status of ['open', 'closed']) {
        await patch(tenant, id, { status: 'snoozed', snoozedUntil: until });
        const changed = await patch(tenant, id, { status });
        expect(changed.body).toMatchObject({ status, snoozedUntil: null });
      }

      await patch(tenant, id, { status: 'snoozed', snoozedUntil: until });
      await visitorSays(api.rest, v, id, 'Still there?');
      expect((await read(tenant, id)).body).toMatchObject({ status: 'open', snoozedUntil: null });
    });

    test('422 unless a future time goes with status snoozed; the row stays as it was', async () => {
      const { tenant, id } = await conversation();
      const past = new Date(Date.now() - 1_000).toISOString();
      for (const body of [
        { snoozedUntil: inAnHour() },
        { status: 'open', snoozedUntil: inAnHour() },
        { status: 'closed', snoozedUntil: inAnHour() },
        { status: 'snoozed', snoozedUntil: past },
        { status: 'snoozed', snoozedUntil: 'tomorrow at nine' },
        { status: 'snoozed', snoozedUntil: 1_900_000_000_000 },
      ]) {
        const res = await patch(tenant, id, body);
        expect({ body, status: res.status, code: res.body.error?.code }).toEqual({
          body,
          status: 422,
          code: 'validation',
        });
        expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(
          'body.snoozedUntil',
        );
      }
      expect((await read(tenant, id)).body).toMatchObject({ status: 'open', snoozedUntil: null });
    });

    test("another tenant's agent, or another environment's key, cannot snooze it: 404", async () => {
      const { tenant, id } = await conversation();
      const foreign = await chatTenant(api.rest);
      const staging = await chatTenant(api.rest, { owner: tenant.owner });
      const body = { status: 'snoozed', snoozedUntil: inAnHour() };
      for (const who of [
        { token: foreign.owner.accessToken },
        { headers: foreign.keyHeaders },
        { headers: staging.keyHeaders },
      ]) {
        const res = await api.call('PATCH', `/v1/conversations/${id}`, { ...who, body });
        expect({ status: res.status, code: res.body.error?.code }).toEqual({
          status: 404,
          code: 'not_found',
        });
      }
      expect((await read(tenant, id)).body.snoozedUntil).toBeNull();
      // The environment's own key can.
      const own = await api.call('PATCH', `/v1/conversations/${id}`, {
        headers: tenant.keyHeaders,
        body,
      });
      expect(own.body).toMatchObject({ status: 'snoozed', snoozedUntil: body.snoozedUntil });
    });

    test('the waker opens it once its time has passed: live updated, conversation.updated row', async () => {
      const { tenant, id } = await conversation();
      const later = await conversation();
      const forever = await conversation();
      const webhookId = await hook(tenant);
      await patch(tenant, id, { status: 'snoozed', snoozedUntil: inAnHour() });
      await patch(later.tenant, later.id, { status: 'snoozed', snoozedUntil: inAnHour() });
      await patch(forever.tenant, forever.id, { status: 'snoozed' });
      // Its time passed a second ago (set directly: the API takes future times only).
      await api.deps.db.sql`
        update conversations set snoozed_until = now() - interval '1 second' where id = ${id}`;
      const events = await followInbox(api, tenant.owner.organization.id);
      const before = (await hooked(webhookId)).length;

      const waker = alarm();
      try {
        expect(await waker.tick()).toBeGreaterThanOrEqual(1);
        const [frame] = await events.until(1);
        expect(frame).toMatchObject({
          t: 'conversation',
          event: 'updated',
          conversation: { id, status: 'open', snoozedUntil: null },
        });
        const woken = await read(tenant, id);
        expect(woken.body).toMatchObject({ status: 'open', snoozedUntil: null });
        const rows = (await hooked(webhookId)).slice(before);
        expect(rows).toEqual([{ subject_id: id, payload: { conversation: woken.body } }]);

        // Idempotent: nothing more to wake, nothing more told or recorded.
        await waker.tick();
        expect(await hooked(webhookId)).toHaveLength(before + 1);
        expect((await read(later.tenant, later.id)).body.status).toBe('snoozed');
        // Two hours on (an injected clock), the later one is due too; "until the visitor
        // writes" never is.
        expect(await waker.tick(new Date(Date.now() + 2 * hour))).toBeGreaterThanOrEqual(1);
        expect((await read(later.tenant, later.id)).body).toMatchObject({
          status: 'open',
          snoozedUntil: null,
        });
        expect((await read(forever.tenant, forever.id)).body.status).toBe('snoozed');
        expect(events.frames.filter((f) => f.conversation.id === id)).toHaveLength(1);
      } finally {
        events.stop();
        await waker.stop();
      }
    });

    test('several wakers at once wake each conversation once', async () => {
      const { tenant, id } = await conversation();
      const webhookId = await hook(tenant);
      const ids = [id];
      for (let i = 0; i < 4; i += 1) {
        const v = await bootVisitor(api.rest, tenant);
        ids.push((await openConversation(api.rest, v)).id);
      }
      for (const c of ids) await patch(tenant, c, { status: 'snoozed', snoozedUntil: inAnHour() });
      const before = (await hooked(webhookId)).length; // the PATCHes' own events
      const now = new Date(Date.now() + 2 * hour);
      const wakers = [1, 2, 3].map(() => new PostgresSnoozeWaker(api.deps.db.sql));
      const woken = await Promise.all(wakers.map((w) => w.wake(2, now)));
      const again = await Promise.all(wakers.map((w) => w.wake(100, now)));
      const mine = [...woken, ...again].flat().filter((row) => ids.includes(row.id));
      expect(mine.map((row) => row.id).sort()).toEqual([...ids].sort());
      const rows = (await hooked(webhookId)).slice(before);
      expect(rows.map((r) => r.subject_id).sort()).toEqual([...ids].sort());
      expect(rows.every((r) => r.payload.conversation.status === 'open')).toBe(true);
    });
  });
}
