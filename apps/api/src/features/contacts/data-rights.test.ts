import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import {
  bootVisitor,
  type ChatTenant,
  chatTenant,
  openConversation,
  visitorSays,
} from '@flc/testkit';
import { createTestApi, databaseTargets, type TestApi } from '../../testing/harness.ts';

// A data subject's rights: the export holds everything about the contact (notes included), and
// after the erasure nothing of it is readable anywhere — REST, search, the message store, the
// bus, webhook deliveries — while another contact of the same tenant keeps everything.
for (const target of databaseTargets()) {
  describe(`contact export and erasure on ${target.name}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await createTestApi(target);
    }, 60_000);
    afterAll(() => api.close());

    /** A visitor with a conversation holding a message, an agent reply and a note. */
    async function chatting(tenant: ChatTenant, word: string) {
      const visitor = await bootVisitor(api.rest, tenant);
      const conversation = await openConversation(api.rest, visitor);
      await visitorSays(api.rest, visitor, conversation.id, `my secret is ${word}`);
      const path = `/v1/conversations/${conversation.id}/messages`;
      const reply = await api.call('POST', path, {
        token: tenant.owner.accessToken,
        body: { body: `reply about ${word}` },
      });
      expect(reply.status).toBe(201);
      const note = await api.call('POST', path, {
        token: tenant.owner.accessToken,
        body: { body: `note on ${word}`, kind: 'note' },
      });
      expect(note.status).toBe(201);
      return { visitor, conversation };
    }

    test('the export holds the profile, the conversations and every message and note', async () => {
      const tenant = await chatTenant(api.rest);
      const { visitor, conversation } = await chatting(tenant, 'quokka');
      const res = await api.call('GET', `/v1/contacts/${visitor.contact.id}/export`, {
        headers: tenant.keyHeaders,
      });
      expect(res.status).toBe(200);
      expect(res.body.contact).toMatchObject({
        id: visitor.contact.id,
        environmentId: tenant.env.id,
      });
      expect(res.body.conversations.map((c: { id: string }) => c.id)).toEqual([conversation.id]);
      expect(res.body.messages.map((m: { body: string }) => m.body)).toEqual([
        'my secret is quokka',
        'reply about quokka',
        'note on quokka',
      ]);
      expect(res.body.messages[2].kind).toBe('note');
      const audit = await api.call('GET', '/v1/audit-events', { token: tenant.owner.accessToken });
      expect(audit.body.items[0]).toMatchObject({
        action: 'contact.exported',
        target: { type: 'contact', id: visitor.contact.id },
      });
    });

    test('after the erasure nothing of the contact is readable; the tenant keeps the rest', async () => {
      const tenant = await chatTenant(api.rest);
      const gone = await chatting(tenant, 'axolotl');
      const kept = await chatting(tenant, 'pangolin');
      const owner = { token: tenant.owner.accessToken };
      const erased = await api.call('DELETE', `/v1/contacts/${gone.visitor.contact.id}`, owner);
      expect(erased.status).toBe(204);

      expect((await api.call('GET', `/v1/contacts/${gone.visitor.contact.id}`, owner)).status).toBe(
        404,
      );
      const conversationPath = `/v1/conversations/${gone.conversation.id}`;
      expect((await api.call('GET', conversationPath, owner)).status).toBe(404);
      expect((await api.call('GET', `${conversationPath}/messages`, owner)).status).toBe(404);
      const search = await api.call('GET', '/v1/search?q=axolotl', owner);
      expect(search.status).toBe(200);
      expect(search.body.items).toEqual([]);
      // The stores themselves hold nothing of it.
      const { deps } = api;
      const organizationId = tenant.owner.organization.id;
      expect(
        await deps.messageStore.range(organizationId, gone.conversation.id, { limit: 10 }),
      ).toEqual([]);
      expect(await deps.bus.headSeq(gone.conversation.id)).toBe(0);
      const [rows] = await deps.db.sql<{ n: number }[]>`
        select (select count(*) from contacts where id = ${gone.visitor.contact.id})
          + (select count(*) from conversations where id = ${gone.conversation.id})
          + (select count(*) from webhook_deliveries
             where subject_id in (${gone.visitor.contact.id}, ${gone.conversation.id}))
          + (select count(*) from messages where conversation_id = ${gone.conversation.id}) as n`;
      expect(Number(rows?.n)).toBe(0);
      // The visitor's session names a contact that is gone.
      const widget = await api.call('GET', '/v1/widget/conversations', {
        token: gone.visitor.sessionToken,
      });
      expect(widget.status).toBe(401);

      // The other contact keeps everything, and the erasure is in the audit log without data.
      const still = await api.call(
        'GET',
        `/v1/conversations/${kept.conversation.id}/messages`,
        owner,
      );
      expect(still.body.items).toHaveLength(3);
      expect(
        (await api.call('GET', '/v1/search?q=pangolin&type=messages', owner)).body.items.length,
      ).toBe(3);
      const audit = await api.call('GET', '/v1/audit-events', owner);
      expect(audit.body.items[0]).toMatchObject({
        action: 'contact.erased',
        target: { type: 'contact', id: gone.visitor.contact.id },
        details: { conversations: 1 },
      });
      expect(JSON.stringify(audit.body.items[0])).not.toContain('axolotl');
    });

    test("deleting an environment erases its conversations' messages from the stores too", async () => {
      const tenant = await chatTenant(api.rest);
      const { conversation } = await chatting(tenant, 'narwhal');
      const owner = { token: tenant.owner.accessToken };
      const removed = await api.call('DELETE', `/v1/environments/${tenant.env.id}`, owner);
      expect(removed.status).toBe(204);
      const organizationId = tenant.owner.organization.id;
      expect(
        await api.deps.messageStore.range(organizationId, conversation.id, { limit: 10 }),
      ).toEqual([]);
      expect(await api.deps.bus.headSeq(conversation.id)).toBe(0);
      expect((await api.call('GET', '/v1/search?q=narwhal', owner)).body.items).toEqual([]);
    });

    test('403 for an agent who is not an owner or admin, 404 for another tenant or another environment', async () => {
      const tenant = await chatTenant(api.rest);
      const { visitor } = await chatting(tenant, 'okapi');
      const agent = await api.addMember(tenant.owner, 'agent');
      const path = `/v1/contacts/${visitor.contact.id}`;
      for (const [method, p] of [
        ['GET', `${path}/export`],
        ['DELETE', path],
      ] as const) {
        expect((await api.call(method, p, { token: agent.accessToken })).status).toBe(403);
        const other = await chatTenant(api.rest);
        expect((await api.call(method, p, { token: other.owner.accessToken })).status).toBe(404);
        expect((await api.call(method, p, { headers: other.keyHeaders })).status).toBe(404);
        // Another environment's API key of the same tenant does not reach it either.
        const sibling = await chatTenant(api.rest, { owner: tenant.owner });
        expect((await api.call(method, p, { headers: sibling.keyHeaders })).status).toBe(404);
      }
      const admin = await api.addMember(tenant.owner, 'admin');
      expect((await api.call('DELETE', path, { token: admin.accessToken })).status).toBe(204);
      expect((await api.call('DELETE', path, { token: admin.accessToken })).status).toBe(404);
    });
  });
}
