import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { BusEvent } from '@flc/core';
import {
  bootVisitor,
  type ChatTenant,
  chatTenant,
  openConversation,
  visitorSays,
} from '@flc/testkit';
import { createTestApi, databaseTargets, type TestApi } from '../../testing/harness.ts';

// Edits and deletes: a message keeps its seq and becomes the conversation's next rev, in the
// store (history, search), live on the conversation's topic (a note's for agents only), in the
// changes after a rev, and to webhooks; who may change what, and every refusal.
for (const target of databaseTargets()) {
  describe(`message edits and deletes on ${target.name}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await createTestApi(target);
    }, 60_000);
    afterAll(() => api.close());

    const path = (conversationId: string, seq?: number) =>
      `/v1/conversations/${conversationId}/${seq === undefined ? 'changes' : `messages/${seq}`}`;

    async function chat(tenant: ChatTenant) {
      const visitor = await bootVisitor(api.rest, tenant);
      const { id } = await openConversation(api.rest, visitor);
      await visitorSays(api.rest, visitor, id, 'hello from the visitor'); // seq 1
      const post = (body: unknown, token = tenant.owner.accessToken) =>
        api.call('POST', `/v1/conversations/${id}/messages`, { token, body });
      expect((await post({ body: 'first answr' })).status).toBe(201); // seq 2
      expect((await post({ body: 'a private note', kind: 'note' })).status).toBe(201); // seq 3
      return { visitor, id, post };
    }

    test('an edit and a delete keep the seq, take revs, and show everywhere', async () => {
      const tenant = await chatTenant(api.rest);
      const { id, visitor } = await chat(tenant);
      const token = tenant.owner.accessToken;
      const webhook = await api.call('POST', `/v1/environments/${tenant.env.id}/webhooks`, {
        token,
        body: { url: 'https://hooks.example.com/x', events: ['message.updated', 'note.deleted'] },
      });
      expect(webhook.status).toBe(201);
      const live: string[] = [];
      const topic = { kind: 'conversation' as const, organizationId: tenant.owner.organization.id };
      const stop = await api.deps.bus.subscribe({ ...topic, conversationId: id }, (e: BusEvent) => {
        if (e.type === 'signal') live.push(e.frame);
      });
      try {
        const edited = await api.call('PATCH', path(id, 2), {
          token,
          body: { body: 'first answer' },
        });
        expect(edited.status).toBe(200);
        expect(edited.body).toMatchObject({ seq: 2, body: 'first answer', rev: 1 });
        expect(Date.parse(edited.body.editedAt)).toBeGreaterThan(0);
        const deleted = await api.call('DELETE', path(id, 3), { token });
        expect(deleted.status).toBe(200);
        expect(deleted.body).toMatchObject({ seq: 3, kind: 'note', body: '', rev: 2 });
        expect(deleted.body.deletedAt).toBeString();

        const history = await api.call('GET', `/v1/conversations/${id}/messages`, { token });
        expect(
          history.body.items.map((m: { seq: number; body: string }) => [m.seq, m.body]),
        ).toEqual([
          [1, 'hello from the visitor'],
          [2, 'first answer'],
          [3, ''],
        ]);
        const search = async (q: string) =>
          (await api.call('GET', `/v1/search?q=${q}&type=messages`, { token })).body.items.length;
        expect([await search('answr'), await search('answer'), await search('private')]).toEqual([
          0, 1, 0,
        ]);
        // The changes after a rev: the team's hold the note, the visitor's do not.
        const changes = await api.call('GET', `${path(id)}?afterRev=0`, { token });
        expect(changes.body.headRev).toBe(2);
        expect(changes.body.changes.map((m: { seq: number }) => m.seq)).toEqual([2, 3]);
        expect(
          (await api.call('GET', `${path(id)}?afterRev=1`, { token })).body.changes,
        ).toHaveLength(1);
        const own = await api.call('GET', `/v1/widget/conversations/${id}/changes`, {
          token: visitor.sessionToken,
        });
        expect(own.body).toMatchObject({ headRev: 2 });
        expect(own.body.changes.map((m: { seq: number }) => m.seq)).toEqual([2]);
        // Live, in rev order; the note's change starts so that a visitor's socket drops it.
        expect(live.map((f) => JSON.parse(f))).toMatchObject([
          { t: 'message.updated', conversationId: id, seq: 2, rev: 1, body: 'first answer' },
          { t: 'message.deleted', kind: 'note', conversationId: id, seq: 3, rev: 2 },
        ]);
        expect(live[1]?.startsWith('{"t":"message.deleted","kind":"note",')).toBe(true);
        // Webhooks: one event per subscribed change.
        const [row] = await api.deps.db.sql<{ types: string[] }[]>`
          select array_agg(event_type order by ordinal) as types from webhook_deliveries
          where webhook_id = ${webhook.body.id}`;
        expect(row?.types).toEqual(['message.updated', 'note.deleted']);

        expect((await api.call('DELETE', path(id, 3), { token })).status).toBe(409);
        const again = await api.call('PATCH', path(id, 3), { token, body: { body: 'x' } });
        expect(again.status).toBe(409);
      } finally {
        stop();
      }
    });

    test('the inbox preview follows a change of the last message, and only of it', async () => {
      const tenant = await chatTenant(api.rest);
      const { id, visitor } = await chat(tenant);
      const token = tenant.owner.accessToken;
      const preview = async () =>
        (await api.call('GET', `/v1/conversations/${id}`, { token })).body.lastMessage;
      expect(await preview()).toMatchObject({ seq: 2, body: 'first answr' });
      const fixed = await api.call('PATCH', path(id, 2), { token, body: { body: 'first answer' } });
      expect(fixed.status).toBe(200);
      expect(await preview()).toMatchObject({ seq: 2, body: 'first answer' });
      const own = await api.call('PATCH', `/v1/widget/conversations/${id}/messages/1`, {
        token: visitor.sessionToken,
        body: { body: 'hello again' },
      });
      expect(own.status).toBe(200);
      expect(await preview()).toMatchObject({ seq: 2, body: 'first answer' });
      expect((await api.call('DELETE', path(id, 2), { token })).status).toBe(200);
      // The deleted text is gone from the conversation's row too.
      expect(await preview()).toMatchObject({ seq: 2, body: '' });
      const [row] = await api.deps.db.sql<{ found: boolean }[]>`
        select last_message::text like '%first answ%' as found from conversations where id = ${id}`;
      expect(row?.found).toBe(false);
    });

    test('who may change what: writers, managers for agents, visitors in their window', async () => {
      const tenant = await chatTenant(api.rest);
      const { id, visitor, post } = await chat(tenant);
      const agent = await api.addMember(tenant.owner, 'agent');
      const admin = await api.addMember(tenant.owner, 'admin');
      expect((await post({ body: 'from the agent' }, agent.accessToken)).status).toBe(201); // 4
      const edit = (seq: number, auth: { token?: string; headers?: Record<string, string> }) =>
        api.call('PATCH', path(id, seq), { ...auth, body: { body: `edited ${seq}` } });
      // A plain agent: its own only.
      expect((await edit(4, { token: agent.accessToken })).status).toBe(200);
      expect((await edit(2, { token: agent.accessToken })).status).toBe(403);
      // An admin: any agent's message or note; nobody a visitor's.
      expect((await edit(4, { token: admin.accessToken })).status).toBe(200);
      expect((await edit(3, { token: admin.accessToken })).status).toBe(200);
      expect((await edit(1, { token: tenant.owner.accessToken })).status).toBe(403);
      // An API key: what it sent.
      const bot = await api.call('POST', `/v1/conversations/${id}/messages`, {
        headers: tenant.keyHeaders,
        body: { body: 'from the backend' },
      });
      expect((await edit(bot.body.seq, { headers: tenant.keyHeaders })).status).toBe(200);
      expect((await edit(4, { headers: tenant.keyHeaders })).status).toBe(403);
      // The visitor: its own message, through the widget; a note is nothing to it.
      const widget = (seq: number, method = 'PATCH') =>
        api.call(method, `/v1/widget/conversations/${id}/messages/${seq}`, {
          token: visitor.sessionToken,
          ...(method === 'PATCH' && { body: { body: 'typo fixed' } }),
        });
      expect((await widget(1)).body).toMatchObject({ seq: 1, body: 'typo fixed' });
      expect((await widget(2)).status).toBe(403);
      expect((await widget(3)).status).toBe(404);
      expect((await widget(1, 'DELETE')).body).toMatchObject({ seq: 1, body: '' });
    });

    test('refusals: unknown seq, another tenant, bad bodies, a passed window', async () => {
      const tenant = await chatTenant(api.rest);
      const { id } = await chat(tenant);
      const token = tenant.owner.accessToken;
      expect((await api.call('PATCH', path(id, 99), { token, body: { body: 'x' } })).status).toBe(
        404,
      );
      const other = await chatTenant(api.rest);
      const foreign = { token: other.owner.accessToken, body: { body: 'x' } };
      expect((await api.call('PATCH', path(id, 2), foreign)).status).toBe(404);
      expect((await api.call('DELETE', path(id, 2), foreign)).status).toBe(404);
      expect((await api.call('GET', path(id), foreign)).status).toBe(404);
      for (const body of [{ body: '' }, { body: 'x'.repeat(4001) }, {}, { body: 'a\u0000b' }]) {
        expect((await api.call('PATCH', path(id, 2), { token, body })).status).toBe(422);
      }
      expect((await api.call('PATCH', path(id, 0), { token, body: { body: 'x' } })).status).toBe(
        422,
      );
      expect((await api.call('GET', `${path(id)}?afterRev=-1`, { token })).status).toBe(422);

      const strict = await createTestApi(target, { visitorEditWindowSeconds: 0 });
      try {
        const t2 = await chatTenant(strict.rest);
        const v = await bootVisitor(strict.rest, t2);
        const { id: c } = await openConversation(strict.rest, v);
        await visitorSays(strict.rest, v, c, 'too late to change');
        const late = await strict.call('DELETE', `/v1/widget/conversations/${c}/messages/1`, {
          token: v.sessionToken,
        });
        expect(late.status).toBe(403);
      } finally {
        await strict.close();
      }
    });
  });
}
