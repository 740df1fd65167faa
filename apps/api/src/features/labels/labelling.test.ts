import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { bootVisitor, type ChatTenant, chatTenant, openConversation } from '@flc/testkit';
import { createTestApi, databaseTargets, type TestApi } from '../../testing/harness.ts';
import { followInbox } from '../../testing/inbox.ts';

// Labels on conversations and contacts over REST, on PGlite and PostgreSQL: put on and taken off
// once (agents hear of a conversation's change live), never across tenants or outside an API
// key's environment, at most 20 each, and the inbox and the contacts filtered by a label page
// through exactly the labelled ones.
type Who = { token: string } | { headers: Record<string, string> };

for (const target of databaseTargets()) {
  describe(`labelling on ${target.name}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await createTestApi(target);
    }, 60_000);
    afterAll(() => api.close());

    const owner = (t: ChatTenant): Who => ({ token: t.owner.accessToken });
    const label = async (t: ChatTenant, name: string) => {
      const res = await api.call('POST', '/v1/labels', {
        token: t.owner.accessToken,
        body: { name, color: '#0f766e' },
      });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    /** A visitor's conversation, and its contact. */
    const conversation = async (t: ChatTenant) => {
      const v = await bootVisitor(api.rest, t);
      return { id: (await openConversation(api.rest, v)).id, contactId: v.contact.id };
    };
    const put = (who: Who, path: string) => api.call('PUT', path, who);
    const del = (who: Who, path: string) => api.call('DELETE', path, who);

    test('on and off a conversation once each: the answer, GET, and the inbox live', async () => {
      const t = await chatTenant(api.rest);
      const [vip, bug] = [await label(t, 'VIP'), await label(t, 'Bug')];
      const c = await conversation(t);
      const inbox = await followInbox(api, t.owner.organization.id);
      const at = (id: string) => `/v1/conversations/${c.id}/labels/${id}`;

      const on = await put(owner(t), at(vip));
      expect([on.status, on.body.id, on.body.labelIds]).toEqual([200, c.id, [vip]]);
      expect((await put(owner(t), at(vip))).body.labelIds).toEqual([vip]); // no change, no event
      const byKey = await put({ headers: t.keyHeaders }, at(bug));
      expect(byKey.body.labelIds).toEqual([vip, bug]);
      const off = await del(owner(t), at(vip));
      expect(off.body.labelIds).toEqual([bug]);
      expect((await del(owner(t), at(vip))).status).toBe(200); // off already: no event
      const shown = await api.call('GET', `/v1/conversations/${c.id}`, owner(t));
      expect(shown.body.labelIds).toEqual([bug]);
      // A status change after them: had a no-op made an event, it would come before this one.
      await api.call('PATCH', `/v1/conversations/${c.id}`, {
        ...owner(t),
        body: { status: 'closed' },
      });

      const frames = (await inbox.until(4)) as unknown as {
        event: string;
        conversation: { id: string; labelIds: string[]; status: string };
      }[];
      inbox.stop();
      expect(frames.map((f) => [f.event, f.conversation.labelIds, f.conversation.status])).toEqual([
        ['updated', [vip], 'open'],
        ['updated', [vip, bug], 'open'],
        ['updated', [bug], 'open'],
        ['updated', [bug], 'closed'],
      ]);
    });

    test("a label never crosses tenants, nor a key's environment: 404, and nothing changes", async () => {
      const a = await chatTenant(api.rest);
      const staging = await chatTenant(api.rest, { owner: a.owner });
      const b = await chatTenant(api.rest);
      const [mine, theirs] = [await label(a, 'Mine'), await label(b, 'Theirs')];
      const [ca, cs, cb] = [
        await conversation(a),
        await conversation(staging),
        await conversation(b),
      ];
      const cases: [Who, string, string][] = [
        // B's label on A's conversation and contact, by A's owner and A's key.
        [owner(a), `/v1/conversations/${ca.id}/labels/${theirs}`, 'Label not found'],
        [
          { headers: a.keyHeaders },
          `/v1/conversations/${ca.id}/labels/${theirs}`,
          'Label not found',
        ],
        [owner(a), `/v1/contacts/${ca.contactId}/labels/${theirs}`, 'Label not found'],
        // A's label on B's conversation and contact.
        [owner(a), `/v1/conversations/${cb.id}/labels/${mine}`, 'Conversation not found'],
        [owner(a), `/v1/contacts/${cb.contactId}/labels/${mine}`, 'Contact not found'],
        [owner(b), `/v1/conversations/${ca.id}/labels/${mine}`, 'Conversation not found'],
        // A's production key on A's staging conversation and contact.
        [
          { headers: a.keyHeaders },
          `/v1/conversations/${cs.id}/labels/${mine}`,
          'Conversation not found',
        ],
        [
          { headers: a.keyHeaders },
          `/v1/contacts/${cs.contactId}/labels/${mine}`,
          'Contact not found',
        ],
        // Unknown ids.
        [owner(a), `/v1/conversations/${ca.id}/labels/${Bun.randomUUIDv7()}`, 'Label not found'],
        [
          owner(a),
          `/v1/conversations/${Bun.randomUUIDv7()}/labels/${mine}`,
          'Conversation not found',
        ],
      ];
      for (const [who, path, message] of cases) {
        for (const method of ['PUT', 'DELETE']) {
          const res = await api.call(method, path, who);
          expect({ method, path, status: res.status, message: res.body.error?.message }).toEqual({
            method,
            path,
            status: 404,
            message,
          });
        }
      }
      const malformed = await put(owner(a), `/v1/conversations/${ca.id}/labels/not-a-uuid`);
      expect(malformed.status).toBe(422);
      for (const [t, id] of [
        [a, ca.id],
        [staging, cs.id],
        [b, cb.id],
      ] as const) {
        expect((await api.call('GET', `/v1/conversations/${id}`, owner(t))).body.labelIds).toEqual(
          [],
        );
      }
      const contact = await api.call('GET', `/v1/contacts/${ca.contactId}`, owner(a));
      expect(contact.body.labelIds).toEqual([]);
      // The staging conversation is the owner's to label, and a key's of its own environment.
      expect((await put(owner(a), `/v1/conversations/${cs.id}/labels/${mine}`)).status).toBe(200);
      const own = await put(
        { headers: staging.keyHeaders },
        `/v1/contacts/${cs.contactId}/labels/${mine}`,
      );
      expect([own.status, own.body.labelIds]).toEqual([200, [mine]]);
    });

    test('at most 20 labels on a conversation and on a contact: the 21st is 409', async () => {
      const t = await chatTenant(api.rest);
      const c = await conversation(t);
      const ids: string[] = [];
      for (let i = 0; i < 21; i++) ids.push(await label(t, `L${i}`));
      for (const base of [`/v1/conversations/${c.id}`, `/v1/contacts/${c.contactId}`]) {
        for (const id of ids.slice(0, 20)) {
          expect((await put(owner(t), `${base}/labels/${id}`)).status).toBe(200);
        }
        const over = await put(owner(t), `${base}/labels/${ids[20]}`);
        expect([over.status, over.body.error.code]).toEqual([409, 'conflict']);
        expect(over.body.error.message).toContain('at most 20 labels');
        // One that is on already is fine; one off, and the 21st fits.
        expect((await put(owner(t), `${base}/labels/${ids[0]}`)).status).toBe(200);
        await del(owner(t), `${base}/labels/${ids[0]}`);
        const fits = await put(owner(t), `${base}/labels/${ids[20]}`);
        expect([fits.status, fits.body.labelIds.length]).toEqual([200, 20]);
      }
    });

    test('the inbox filtered by a label pages through exactly its conversations, with other filters', async () => {
      const t = await chatTenant(api.rest);
      const [billing, other] = [await label(t, 'Billing'), await label(t, 'Other')];
      const all: string[] = [];
      for (let i = 0; i < 7; i++) all.push((await conversation(t)).id);
      const labelled = all.filter((_, i) => i % 2 === 0); // 4 of 7
      for (const id of labelled) await put(owner(t), `/v1/conversations/${id}/labels/${billing}`);
      await put(owner(t), `/v1/conversations/${all[1]}/labels/${other}`);
      const closed = labelled[1] ?? '';
      await api.call('PATCH', `/v1/conversations/${closed}`, {
        ...owner(t),
        body: { status: 'closed' },
      });
      const mine = labelled[2] ?? '';
      await api.call('PATCH', `/v1/conversations/${mine}`, {
        ...owner(t),
        body: { assigneeId: t.owner.agent.id },
      });

      const walk = async (query: string, who: Who = owner(t)) => {
        const seen: string[] = [];
        let cursor: string | null = null;
        for (let pages = 0; pages < 20; pages++) {
          const next: string = cursor ? `&cursor=${cursor}` : '';
          const res = await api.call('GET', `/v1/conversations?limit=1&${query}${next}`, who);
          expect(res.status).toBe(200);
          seen.push(...res.body.items.map((c: { id: string }) => c.id));
          cursor = res.body.nextCursor;
          if (!cursor) break;
        }
        return seen;
      };
      // Newest activity first: the conversations opened last come first.
      const newestFirst = (ids: string[]) => [...ids].reverse();
      expect(await walk(`label=${billing}`)).toEqual(newestFirst(labelled));
      expect(await walk(`label=${billing}`, { headers: t.keyHeaders })).toEqual(
        newestFirst(labelled),
      );
      expect(await walk(`label=${billing}&status=open`)).toEqual(
        newestFirst(labelled.filter((id) => id !== closed)),
      );
      expect(await walk(`label=${billing}&status=closed`)).toEqual([closed]);
      expect(await walk(`label=${billing}&assignee=me&status=open`)).toEqual([mine]);
      expect(await walk(`label=${billing}&environmentId=${t.env.id}`)).toHaveLength(4);
      expect(await walk(`label=${other}`)).toEqual([all[1] ?? '']);
      // Another organization's label, or an unknown one, matches nothing; a malformed one is 422.
      const stranger = await label(await chatTenant(api.rest), 'Billing');
      expect(await walk(`label=${stranger}`)).toEqual([]);
      expect((await api.call('GET', '/v1/conversations?label=billing', owner(t))).status).toBe(422);
    });

    test('contacts filtered by a label page through exactly its contacts', async () => {
      const t = await chatTenant(api.rest);
      const vip = await label(t, 'VIP');
      const contacts: string[] = [];
      for (let i = 0; i < 5; i++) contacts.push((await conversation(t)).contactId);
      const labelled = [contacts[0], contacts[3], contacts[4]] as string[];
      for (const id of labelled) {
        const res = await put({ headers: t.keyHeaders }, `/v1/contacts/${id}/labels/${vip}`);
        expect(res.body.labelIds).toEqual([vip]);
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const next: string = cursor ? `&cursor=${cursor}` : '';
        const res = await api.call('GET', `/v1/contacts?limit=1&label=${vip}${next}`, owner(t));
        seen.push(...res.body.items.map((c: { id: string }) => c.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(labelled); // by id: oldest first
      const off = await del(owner(t), `/v1/contacts/${contacts[3]}/labels/${vip}`);
      expect(off.body.labelIds).toEqual([]);
      const list = await api.call('GET', `/v1/contacts?label=${vip}`, { headers: t.keyHeaders });
      expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([contacts[0], contacts[4]]);
    });

    test('deleting a label takes it off every conversation and contact', async () => {
      const t = await chatTenant(api.rest);
      const [gone, kept] = [await label(t, 'Gone'), await label(t, 'Kept')];
      const [c1, c2] = [await conversation(t), await conversation(t)];
      for (const id of [gone, kept]) {
        await put(owner(t), `/v1/conversations/${c1.id}/labels/${id}`);
        await put(owner(t), `/v1/conversations/${c2.id}/labels/${id}`);
        await put(owner(t), `/v1/contacts/${c1.contactId}/labels/${id}`);
      }
      expect((await del(owner(t), `/v1/labels/${gone}`)).status).toBe(204);
      for (const c of [c1, c2]) {
        const shown = await api.call('GET', `/v1/conversations/${c.id}`, owner(t));
        expect(shown.body.labelIds).toEqual([kept]);
      }
      const contact = await api.call('GET', `/v1/contacts/${c1.contactId}`, owner(t));
      expect(contact.body.labelIds).toEqual([kept]);
      const [audited] = await api.deps.db.sql<{ details: object }[]>`
        select details from audit_events where action = 'label.deleted' and target_id = ${gone}`;
      expect(audited?.details).toEqual({ name: 'Gone', conversations: 2, contacts: 1 });
    });
  });
}
