import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { createTestApi, databaseTargets, type Owner, type TestApi } from '../../testing/harness.ts';

for (const target of databaseTargets()) {
  describe(`canned responses on ${target.name}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await createTestApi(target);
    }, 60_000); // cold starts (PGlite, argon2) can take seconds on CI
    afterAll(() => api.close());

    const create = (who: Owner, body: Record<string, unknown>) =>
      api.call('POST', '/v1/canned-responses', {
        token: who.accessToken,
        body: { scope: 'organization', title: 'A title', body: 'A body', ...body },
      });
    const list = (who: Owner, query = '') =>
      api.call('GET', `/v1/canned-responses${query}`, { token: who.accessToken });
    const shortcuts = async (who: Owner, query = '') =>
      ((await list(who, query)).body.items as { shortcut: string }[]).map((r) => r.shortcut);

    test('create, read, list, change and delete an organization-wide response', async () => {
      const owner = await api.signup('Acme');
      const body = 'Hi {{contact.name|there}}, {{agent.name}} of {{organization.name}} here.';
      const created = await create(owner, { shortcut: 'Greet', title: 'Greeting', body });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        scope: 'organization',
        agentId: null,
        shortcut: 'Greet',
        title: 'Greeting',
        body,
        author: { type: 'agent', id: owner.agent.id, name: expect.stringMatching(/^Owner \d+$/) },
      });
      expect(created.body.createdAt).toBe(created.body.updatedAt);
      const id = created.body.id as string;

      const read = await api.call('GET', `/v1/canned-responses/${id}`, {
        token: owner.accessToken,
      });
      expect(read.body).toEqual(created.body);
      expect((await list(owner)).body).toEqual({ items: [created.body], nextCursor: null });

      const patched = await api.call('PATCH', `/v1/canned-responses/${id}`, {
        token: owner.accessToken,
        body: { title: 'Hello', body: 'Hello {{ contact.email }}' },
      });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({
        id,
        shortcut: 'Greet',
        title: 'Hello',
        body: 'Hello {{ contact.email }}',
        createdAt: created.body.createdAt,
      });
      expect(patched.body.updatedAt > created.body.updatedAt).toBe(true);

      const removed = await api.call('DELETE', `/v1/canned-responses/${id}`, {
        token: owner.accessToken,
      });
      expect(removed.status).toBe(204);
      for (const method of ['GET', 'PATCH', 'DELETE']) {
        const gone = await api.call(method, `/v1/canned-responses/${id}`, {
          token: owner.accessToken,
          body: method === 'PATCH' ? { title: 'x' } : undefined,
        });
        expect({ method, status: gone.status }).toEqual({ method, status: 404 });
      }
      expect(await shortcuts(owner)).toEqual([]);
    });

    test('bad input is 422 with the field named; unknown variables are listed', async () => {
      const owner = await api.signup();
      const cases: [Record<string, unknown>, string][] = [
        [{ shortcut: '' }, 'body.shortcut'],
        [{ shortcut: 'a'.repeat(33) }, 'body.shortcut'],
        [{ shortcut: 'has space' }, 'body.shortcut'],
        [{ shortcut: '/greet' }, 'body.shortcut'],
        [{ shortcut: 'héllo' }, 'body.shortcut'],
        [{ shortcut: 'ok', title: '' }, 'body.title'],
        [{ shortcut: 'ok', title: 't'.repeat(121) }, 'body.title'],
        [{ shortcut: 'ok', body: '' }, 'body.body'],
        [{ shortcut: 'ok', body: 'b'.repeat(4001) }, 'body.body'],
        [{ shortcut: 'ok', scope: 'team' }, 'body.scope'],
        [{ shortcut: 'ok', body: 'nul \u0000 inside' }, 'body.body'],
      ];
      for (const [body, path] of cases) {
        const res = await create(owner, body);
        expect({ body, status: res.status }).toEqual({ body, status: 422 });
        expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
      }
      const unknown = await create(owner, {
        shortcut: 'vars',
        body: 'Hi {{contact.phone}} {{ agent.name }} {{Contact.Name}} {{contact.phone|x}} {{}}',
      });
      expect(unknown.status).toBe(422);
      expect(unknown.body.error.code).toBe('validation');
      expect(unknown.body.error.message).toStartWith(
        'Unknown variables: {{contact.phone}}, {{Contact.Name}}, {{}}.',
      );
      expect(unknown.body.error.details).toEqual([
        { path: 'body.body', message: unknown.body.error.message },
      ]);
      const saved = await create(owner, { shortcut: 'vars', body: 'Hi {{ agent.name }}' });
      expect(saved.status).toBe(201);
      const patch = await api.call('PATCH', `/v1/canned-responses/${saved.body.id}`, {
        token: owner.accessToken,
        body: { body: 'Bye {{agent.email}}' },
      });
      expect(patch.status).toBe(422);
      expect(patch.body.error.message).toStartWith('Unknown variables: {{agent.email}}.');
      const badPatch = await api.call('PATCH', `/v1/canned-responses/${saved.body.id}`, {
        token: owner.accessToken,
        body: { shortcut: 'no way' },
      });
      expect(badPatch.status).toBe(422);
      // Nothing of the refused writes was kept.
      expect(await shortcuts(owner)).toEqual(['vars']);
      const kept = await api.call('GET', `/v1/canned-responses/${saved.body.id}`, {
        token: owner.accessToken,
      });
      expect(kept.body.body).toBe('Hi {{ agent.name }}');

      expect((await list(owner, `?q=${'q'.repeat(101)}`)).status).toBe(422);
      expect((await list(owner, '?scope=everyone')).status).toBe(422);
      expect((await list(owner, '?cursor=bm90LWEtY3Vyc29y')).status).toBe(400);
    });

    test('a shortcut is unique ignoring case: per organization, and per agent among personal ones', async () => {
      const owner = await api.signup();
      const agent = await api.addMember(owner, 'agent');
      const first = await create(owner, { shortcut: 'Refund' });
      expect(first.status).toBe(201);
      const taken = await create(owner, { shortcut: 'rEFUND' });
      expect(taken.status).toBe(409);
      expect(taken.body.error).toEqual({
        requestId: expect.any(String),
        code: 'conflict',
        message:
          'The shortcut /rEFUND is taken among the organization-wide responses (ignoring case)',
      });
      // A personal response may share an organization-wide shortcut, each agent its own.
      expect((await create(owner, { scope: 'personal', shortcut: 'refund' })).status).toBe(201);
      expect((await create(agent, { scope: 'personal', shortcut: 'REFUND' })).status).toBe(201);
      const again = await create(agent, { scope: 'personal', shortcut: 'Refund' });
      expect(again.status).toBe(409);
      expect(again.body.error.message).toContain('among your personal responses');
      // Another organization has its own shortcuts.
      expect((await create(await api.signup(), { shortcut: 'refund' })).status).toBe(201);

      // Renaming onto a taken shortcut is 409; changing only the case of one's own is fine.
      const other = await create(owner, { shortcut: 'other' });
      const onto = await api.call('PATCH', `/v1/canned-responses/${other.body.id}`, {
        token: owner.accessToken,
        body: { shortcut: 'REFUND' },
      });
      expect(onto.status).toBe(409);
      const recase = await api.call('PATCH', `/v1/canned-responses/${first.body.id}`, {
        token: owner.accessToken,
        body: { shortcut: 'REFUND' },
      });
      expect({ status: recase.status, shortcut: recase.body.shortcut }).toEqual({
        status: 200,
        shortcut: 'REFUND',
      });
    });

    test('the list filters by q (shortcut or title, ignoring case) and scope, and pages by shortcut', async () => {
      const owner = await api.signup();
      const made: [string, string, string][] = [
        ['organization', 'thanks', 'Thank you'],
        ['organization', 'Bye', 'Goodbye'],
        ['personal', 'address', 'Ask for the delivery address'],
        ['personal', 'pct_50', '50% off'],
        ['organization', 'a-1', 'Apology'],
      ];
      for (const [scope, shortcut, title] of made) {
        expect((await create(owner, { scope, shortcut, title })).status).toBe(201);
      }
      expect(await shortcuts(owner)).toEqual(['a-1', 'address', 'Bye', 'pct_50', 'thanks']);
      expect(await shortcuts(owner, '?q=ADD')).toEqual(['address']);
      expect(await shortcuts(owner, '?q=good')).toEqual(['Bye']);
      expect(await shortcuts(owner, '?q=a')).toEqual(['a-1', 'address', 'thanks']);
      // LIKE's wildcards are only themselves.
      expect(await shortcuts(owner, '?q=%25')).toEqual(['pct_50']);
      expect(await shortcuts(owner, '?q=_')).toEqual(['pct_50']);
      expect(await shortcuts(owner, '?q=nothing')).toEqual([]);
      expect(await shortcuts(owner, '?scope=personal')).toEqual(['address', 'pct_50']);
      expect(await shortcuts(owner, '?scope=organization&q=b')).toEqual(['Bye']);

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `&cursor=${cursor}` : '';
        const res = await list(owner, `?limit=2${query}`);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.items.map((r: { shortcut: string }) => r.shortcut));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(['a-1', 'address', 'Bye', 'pct_50', 'thanks']);
    });
  });
}
