import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import {
  bootVisitor,
  type ChatTenant,
  chatTenant,
  type Owner,
  openConversation,
} from '@flc/testkit';
import { createTestApi, databaseTargets, type TestApi } from '../../testing/harness.ts';

// `@handle` in a note mentions the agents of the conversation's organization with that handle,
// and nobody else: not another tenant's agent of the same name, not the author.
for (const target of databaseTargets()) {
  describe(`mentions on ${target.name}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await createTestApi(target);
    }, 60_000); // cold starts (PGlite, argon2) can take seconds on CI
    afterAll(() => api.close());

    /** An active agent of the owner's organization with this name, logged in. */
    async function agentNamed(owner: Owner, name: string, status = 'active') {
      const email = `${crypto.randomUUID()}@example.com`;
      const password = 'another horse battery staple';
      const hash = await Bun.password.hash(password, { algorithm: 'argon2id' });
      const [row] = await api.deps.db.sql<{ id: string; handle: string }[]>`
        insert into agents (id, organization_id, email, name, role, status, password_hash)
        values (${Bun.randomUUIDv7()}, ${owner.organization.id}, ${email}, ${name}, 'agent',
                ${status}, ${hash})
        returning id, handle`;
      if (status !== 'active') return { id: row?.id ?? '', handle: row?.handle ?? '', token: '' };
      const login = await api.call('POST', '/v1/auth/login', { body: { email, password } });
      expect(login.status).toBe(200);
      return { id: row?.id ?? '', handle: row?.handle ?? '', token: login.body.accessToken };
    }
    async function conversation(tenant: ChatTenant) {
      const v = await bootVisitor(api.rest, tenant, { profile: { name: 'Ada' } });
      return (await openConversation(api.rest, v)).id;
    }
    const note = (token: string, id: string, body: string, cid?: string) =>
      api.call('POST', `/v1/conversations/${id}/messages`, {
        token,
        body: { body, kind: 'note', ...(cid && { cid }) },
      });
    const mentionsOf = async (token: string, query = '') => {
      const res = await api.call('GET', `/v1/me/mentions${query}`, { token });
      expect(res.status).toBe(200);
      return res.body;
    };

    test('handles come from names: lowercase, no spaces or punctuation, numbered when taken', async () => {
      const tenant = await chatTenant(api.rest);
      const a = await agentNamed(tenant.owner, 'Grace Hopper');
      const b = await agentNamed(tenant.owner, 'grace-hopper');
      const c = await agentNamed(tenant.owner, '...');
      expect([a.handle, b.handle, c.handle]).toEqual(['gracehopper', 'gracehopper2', 'agent']);
      const team = await api.call('GET', '/v1/agents?limit=100', {
        token: tenant.owner.accessToken,
      });
      expect(team.body.items.map((x: { handle: string }) => x.handle)).toContain('gracehopper2');
    });

    test('a note mentions its own organization only; unknown names are plain text', async () => {
      const home = await chatTenant(api.rest, { name: 'Home' });
      const away = await chatTenant(api.rest, { name: 'Away' });
      const grace = await agentNamed(home.owner, 'Sam Smith');
      const foreign = await agentNamed(away.owner, 'Sam Smith');
      expect(foreign.handle).toBe(grace.handle);
      const gone = await agentNamed(home.owner, 'Pat Gone', 'disabled');
      const id = await conversation(home);
      const written = await note(
        home.owner.accessToken,
        id,
        `@${grace.handle}, and @nobody, and @${gone.handle}, and mail@${grace.handle} please look`,
      );
      expect(written.status).toBe(201);

      const mine = await mentionsOf(grace.token);
      expect(mine).toMatchObject({
        unread: 1,
        nextCursor: null,
        items: [
          {
            conversationId: id,
            contact: { name: 'Ada' },
            messageId: written.body.id,
            seq: written.body.seq,
            author: { type: 'agent', id: home.owner.agent.id },
            body: expect.stringContaining('please look'),
            readAt: null,
          },
        ],
      });
      expect(await mentionsOf(foreign.token)).toEqual({ items: [], nextCursor: null, unread: 0 });
      // The author is not mentioned by a handle of its own, nor is a plain message a mention.
      const self = await api.call('GET', '/v1/me', { token: home.owner.accessToken });
      await note(home.owner.accessToken, id, `@${self.body.agent.handle} reminder`);
      await api.call('POST', `/v1/conversations/${id}/messages`, {
        token: home.owner.accessToken,
        body: { body: `@${grace.handle} this is a reply` },
      });
      expect((await mentionsOf(home.owner.accessToken)).items).toEqual([]);
      expect((await mentionsOf(grace.token)).items).toHaveLength(1);
    });

    test('a retried note mentions once; read one, or all of a conversation', async () => {
      const tenant = await chatTenant(api.rest);
      const ann = await agentNamed(tenant.owner, 'Ann');
      const [one, two] = [await conversation(tenant), await conversation(tenant)];
      const cid = crypto.randomUUID();
      await note(tenant.owner.accessToken, one, '@ann first', cid);
      await note(tenant.owner.accessToken, one, '@ann first', cid);
      await note(tenant.owner.accessToken, one, '@ANN second');
      const bot = await api.call('POST', `/v1/conversations/${two}/messages`, {
        headers: tenant.keyHeaders,
        body: { body: 'CRM flags this one, @ann', kind: 'note' },
      });
      expect(bot.status).toBe(201);
      const all = await mentionsOf(ann.token);
      expect(all.unread).toBe(3);
      expect(all.items.map((m: { body: string }) => m.body)).toEqual([
        'CRM flags this one, @ann',
        '@ANN second',
        '@ann first',
      ]);
      expect(all.items[0].author).toMatchObject({ type: 'bot', name: 'CRM' });

      const page = await mentionsOf(ann.token, '?limit=2');
      expect(page.items).toHaveLength(2);
      const rest = await mentionsOf(ann.token, `?limit=2&cursor=${page.nextCursor}`);
      expect([rest.items.length, rest.nextCursor]).toEqual([1, null]);

      const first = all.items[2];
      const read = await api.call('POST', `/v1/me/mentions/${first.id}/read`, {
        token: ann.token,
      });
      expect(read.status).toBe(200);
      expect(read.body.readAt).toBeString();
      // Someone else's mention is not found, whoever asks.
      const other = await api.call('POST', `/v1/me/mentions/${first.id}/read`, {
        token: tenant.owner.accessToken,
      });
      expect(other.status).toBe(404);
      expect((await mentionsOf(ann.token, '?unread=true')).items).toHaveLength(2);

      const byConversation = await api.call('POST', '/v1/me/mentions/read', {
        token: ann.token,
        body: { conversationId: one },
      });
      expect(byConversation.body).toEqual({ read: 1, unread: 1 });
      const rest2 = await api.call('POST', '/v1/me/mentions/read', { token: ann.token });
      expect(rest2.body).toEqual({ read: 1, unread: 0 });
    });

    test('mentions are for agents: an API key or a visitor cannot list them', async () => {
      const tenant = await chatTenant(api.rest);
      const key = await api.call('GET', '/v1/me/mentions', { headers: tenant.keyHeaders });
      const v = await bootVisitor(api.rest, tenant);
      const visitor = await api.call('GET', '/v1/me/mentions', { token: v.sessionToken });
      expect([key.status, visitor.status]).toEqual([401, 401]);
    });
  });
}
