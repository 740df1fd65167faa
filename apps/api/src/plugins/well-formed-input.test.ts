import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { bootVisitor, chatTenant, openConversation, visitorSays } from '@flc/testkit';
import { createTestApi, databaseTargets, type TestApi } from '../testing/harness.ts';

// A NUL or an unpaired surrogate anywhere in a request is refused with 422 before any route
// runs: never a 500 from the database, and never a message numbered and then not stored.
const malformed = ['a\u0000b', 'x\ud800', '\udfffy'];

for (const target of databaseTargets()) {
  describe(`well-formed text on ${target.name}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await createTestApi(target);
    }, 60_000);
    afterAll(() => api.close());

    test('a message body is refused, and no seq is taken', async () => {
      const tenant = await chatTenant(api.rest);
      const v = await bootVisitor(api.rest, tenant);
      const { id } = await openConversation(api.rest, v);
      for (const body of malformed) {
        for (const who of [{ token: v.sessionToken }, { token: tenant.owner.accessToken }]) {
          const path =
            who.token === v.sessionToken
              ? `/v1/widget/conversations/${id}/messages`
              : `/v1/conversations/${id}/messages`;
          const refused = await api.call('POST', path, { ...who, body: { body } });
          expect(refused.status).toBe(422);
          expect(refused.body.error).toMatchObject({
            code: 'validation',
            details: [{ path: 'body.body', message: expect.stringContaining('NUL') }],
          });
        }
      }
      const next = await visitorSays(api.rest, v, id, 'hello');
      expect(next.seq).toBe(1);
      const history = await api.call('GET', `/v1/conversations/${id}/messages`, {
        token: tenant.owner.accessToken,
      });
      expect(history.body.items.map((m: { seq: number }) => m.seq)).toEqual([1]);
    });

    test('any other field, nested or in the query, is refused the same way', async () => {
      const tenant = await chatTenant(api.rest);
      const signup = await api.call('POST', '/v1/auth/signup', {
        body: {
          organizationName: 'Nul\u0000 Co',
          name: 'N',
          email: 'n@example.com',
          password: 'a long enough password',
        },
      });
      expect(signup.status).toBe(422);
      expect(signup.body.error.details).toEqual([
        { path: 'body.organizationName', message: expect.stringContaining('NUL') },
      ]);
      const login = await api.call('POST', '/v1/auth/login', {
        body: { email: 'x\ud800@example.com', password: 'whatever it is' },
      });
      expect(login.status).toBe(422);
      const boot = await api.call('POST', '/v1/widget/boot', {
        headers: { 'x-plugin-key': tenant.env.pluginKey },
        body: { profile: { name: 'A\u0000' } },
      });
      expect(boot.status).toBe(422);
      expect(boot.body.error.details[0].path).toBe('body.profile.name');
      const upsert = await api.call('PUT', '/v1/contacts/by-external-id/ext-1', {
        headers: tenant.keyHeaders,
        body: { attributes: { 'pl\u0000n': 'gold' } },
      });
      expect(upsert.status).toBe(422);
      const query = await api.call('GET', '/v1/conversations?environmentId=%00', {
        token: tenant.owner.accessToken,
      });
      expect(query.status).toBe(422);
      expect(query.body.error.details[0].path).toBe('query.environmentId');
    });

    test('a seq beyond what a conversation can reach is 422, not a database error', async () => {
      const tenant = await chatTenant(api.rest);
      const v = await bootVisitor(api.rest, tenant);
      const { id } = await openConversation(api.rest, v);
      for (const query of ['afterSeq=2147483648', 'beforeSeq=99999999999999999999']) {
        const page = await api.call('GET', `/v1/conversations/${id}/messages?${query}`, {
          token: tenant.owner.accessToken,
        });
        expect(page.status).toBe(422);
      }
    });

    test('JSON nested deeper than any request needs is refused', async () => {
      const tenant = await chatTenant(api.rest);
      let deep: unknown = 'x';
      for (let i = 0; i < 40; i++) deep = { a: deep };
      const upsert = await api.call('PUT', '/v1/contacts/by-external-id/ext-2', {
        headers: tenant.keyHeaders,
        body: { attributes: deep },
      });
      expect(upsert.status).toBe(422);
      expect(upsert.body.error.details[0].message).toContain('Nested deeper');
    });
  });
}
