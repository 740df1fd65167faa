import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import {
  bootVisitor,
  type ChatTenant,
  chatTenant,
  memberHash,
  openConversation,
  visitorSays,
} from '@flc/testkit';
import { createTestApi, databaseTargets, type TestApi } from '../../testing/harness.ts';

for (const target of databaseTargets()) {
  describe(`search on ${target.name}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await createTestApi(target);
    }, 60_000);
    afterAll(() => api.close());

    const search = (auth: { token?: string; headers?: Record<string, string> }, query: string) =>
      api.call('GET', `/v1/search?${query}`, auth);
    const owner = (tenant: ChatTenant) => ({ token: tenant.owner.accessToken });

    /** A visitor named `name` with one conversation holding `bodies`. */
    const chat = async (tenant: ChatTenant, externalId: string, name: string, bodies: string[]) => {
      await api.call('PUT', `/v1/contacts/by-external-id/${externalId}`, {
        headers: tenant.keyHeaders,
        body: { name, email: `${externalId}@example.com`, attributes: { plan: 'enterprise' } },
      });
      const visitor = await bootVisitor(api.rest, tenant, {
        memberId: externalId,
        memberHash: memberHash(tenant.env.identitySecret, externalId),
      });
      const conversation = await openConversation(api.rest, visitor);
      for (const body of bodies) await visitorSays(api.rest, visitor, conversation.id, body);
      return conversation.id;
    };

    test('messages and notes rank by the words they hold, with snippets and highlights', async () => {
      const tenant = await chatTenant(api.rest);
      const cid = await chat(tenant, 'u1', 'Ada Lovelace', [
        'Hello, my refund has not arrived',
        'It is about the invoice from May, a refund for the invoice please',
      ]);
      const note = await api.call('POST', `/v1/conversations/${cid}/messages`, {
        ...owner(tenant),
        body: { body: 'Checked with billing: refund sent', kind: 'note' },
      });
      expect(note.status).toBe(201);

      const res = await search(owner(tenant), 'q=Refund%20invoice&type=messages');
      expect(res.status).toBe(200);
      const [best, ...rest] = res.body.items;
      expect(best).toMatchObject({ type: 'message', conversationId: cid, seq: 2, kind: 'message' });
      expect(
        best.highlights.map((h: { start: number; end: number }) =>
          best.snippet.slice(h.start, h.end).toLowerCase(),
        ),
      ).toEqual(['invoice', 'refund', 'invoice']);
      expect(rest.map((h: { seq: number; kind: string }) => [h.seq, h.kind]).sort()).toEqual([
        [1, 'message'],
        [3, 'note'],
      ]);
      // The API key of the environment finds the note too (there is no visitor search).
      const byKey = await search({ headers: tenant.keyHeaders }, 'q=billing');
      expect(byKey.body.items).toMatchObject([{ type: 'message', kind: 'note', seq: 3 }]);
    });

    test('contacts and conversations match anywhere in their fields; all lists them first', async () => {
      const tenant = await chatTenant(api.rest);
      const cid = await chat(tenant, 'crm-7', 'Grace Hopper', ['Grace here, the compiler broke']);
      const res = await search(owner(tenant), 'q=grace');
      expect(res.body.items.map((h: { type: string }) => h.type)).toEqual([
        'contact',
        'conversation',
        'message',
      ]);
      const [contact, conversation] = res.body.items;
      expect(contact).toMatchObject({
        field: 'name',
        snippet: 'Grace Hopper',
        externalId: 'crm-7',
      });
      expect(contact.highlights).toEqual([{ start: 0, end: 5 }]);
      expect(conversation).toMatchObject({ id: cid, contactName: 'Grace Hopper', status: 'open' });
      const byAttribute = await search(owner(tenant), 'q=enterpr&type=contacts');
      expect(byAttribute.body.items).toMatchObject([
        { field: 'attributes', snippet: 'plan: enterprise' },
      ]);
      const byEmail = await search(owner(tenant), 'q=CRM-7%40EXAMPLE&type=contacts');
      expect(byEmail.body.items).toMatchObject([{ field: 'email' }]);
      // LIKE wildcards are taken literally.
      const wildcard = await search(owner(tenant), 'q=%25%25&type=contacts');
      expect(wildcard.body.items).toEqual([]);
    });

    test('nothing crosses tenants or environments; foreign environments are 404', async () => {
      const a = await chatTenant(api.rest);
      const staging = await chatTenant(api.rest, { owner: a.owner });
      const b = await chatTenant(api.rest);
      await chat(a, 'p1', 'Prod Person', ['quarterly zeppelin report']);
      await chat(staging, 's1', 'Stage Person', ['staging zeppelin test']);
      await chat(b, 'x1', 'Other Tenant', ['their zeppelin secret']);

      const snippets = async (auth: Parameters<typeof search>[0], query: string) =>
        (await search(auth, query)).body.items.map((h: { snippet: string }) => h.snippet).sort();
      expect(await snippets(owner(a), 'q=zeppelin&type=messages')).toEqual([
        'quarterly zeppelin report',
        'staging zeppelin test',
      ]);
      // `all`: the environment's conversation (by its last message), then the message.
      expect(await snippets({ headers: a.keyHeaders }, 'q=zeppelin')).toEqual([
        'quarterly zeppelin report',
        'quarterly zeppelin report',
      ]);
      expect(
        await snippets(owner(a), `q=zeppelin&type=messages&environmentId=${staging.env.id}`),
      ).toEqual(['staging zeppelin test']);
      expect(await snippets(owner(b), 'q=quarterly')).toEqual([]);
      for (const [auth, env] of [
        [owner(a), b.env.id],
        [{ headers: a.keyHeaders }, staging.env.id],
        [owner(b), a.env.id],
      ] as const) {
        const res = await search(auth, `q=zeppelin&environmentId=${env}`);
        expect(res.status).toBe(404);
      }
    });

    test('pages walk every hit once; bad queries are 422, bad cursors 400', async () => {
      const tenant = await chatTenant(api.rest);
      await chat(
        tenant,
        'pager',
        'Pat',
        Array.from({ length: 7 }, (_, i) => `status update number ${i + 1}`),
      );
      const seen: number[] = [];
      let cursor: string | null = null;
      for (let pages = 0; pages < 10; pages++) {
        const query: string = `q=update&type=messages&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await search(owner(tenant), query);
        seen.push(...res.body.items.map((h: { seq: number }) => h.seq));
        cursor = res.body.nextCursor;
        if (!cursor) break;
      }
      expect(seen.sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7]);

      for (const query of [
        'q=',
        'q=%20a%20',
        `q=${'x'.repeat(201)}`,
        'q=ok&type=people',
        'q=ok&limit=51',
        'q=a%00b',
      ]) {
        const res = await search(owner(tenant), query);
        expect({ query, status: res.status }).toEqual({ query, status: 422 });
      }
      const badCursor = await search(owner(tenant), 'q=update&cursor=bm9wZQ');
      expect(badCursor.status).toBe(400);
      const anonymous = await api.call('GET', '/v1/search?q=update');
      expect(anonymous.status).toBe(401);
    });

    test('a new search language re-indexes the messages: english stems', async () => {
      const tenant = await chatTenant(api.rest);
      await chat(tenant, 'lang', 'Lin', ['the parcels were delivered']);
      const before = await search(owner(tenant), 'q=parcel&type=messages');
      expect(before.body.items).toEqual([]);
      const agent = await api.addMember(tenant.owner, 'agent');
      const refused = await api.call('PATCH', '/v1/organization', {
        token: agent.accessToken,
        body: { searchLanguage: 'english' },
      });
      expect(refused.status).toBe(403);
      const set = await api.call('PATCH', '/v1/organization', {
        ...owner(tenant),
        body: { searchLanguage: 'english' },
      });
      expect(set.body.searchLanguage).toBe('english');
      await api.deps.jobs?.idle();
      const after = await search(owner(tenant), 'q=parcel&type=messages');
      expect(after.body.items).toMatchObject([{ snippet: 'the parcels were delivered' }]);
      // Korean has no stemmer in PostgreSQL: it searches word by word, as simple does.
      const korean = await api.call('PATCH', '/v1/organization', {
        ...owner(tenant),
        body: { searchLanguage: 'korean' },
      });
      expect(korean.body.searchLanguage).toBe('korean');
      await api.deps.jobs?.idle();
      expect((await search(owner(tenant), 'q=parcel&type=messages')).body.items).toEqual([]);
      const unknown = await api.call('PATCH', '/v1/organization', {
        ...owner(tenant),
        body: { searchLanguage: 'klingon' },
      });
      expect(unknown.status).toBe(422);
    });
  });
}
