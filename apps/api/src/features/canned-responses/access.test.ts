import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { type ChatTenant, chatTenant } from '@flc/testkit';
import { createTestApi, databaseTargets, type Owner, type TestApi } from '../../testing/harness.ts';

interface Caller {
  token?: string;
  headers?: Record<string, string>;
}

for (const target of databaseTargets()) {
  describe(`who reaches canned responses on ${target.name}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await createTestApi(target);
    }, 60_000); // cold starts (PGlite, argon2) can take seconds on CI
    afterAll(() => api.close());

    const as = (who: Owner): Caller => ({ token: who.accessToken });
    const create = (caller: Caller, body: Record<string, unknown>) =>
      api.call('POST', '/v1/canned-responses', {
        ...caller,
        body: { scope: 'organization', title: 'Title', body: 'Body', ...body },
      });
    const ids = async (caller: Caller) =>
      ((await api.call('GET', '/v1/canned-responses', caller)).body.items as { id: string }[]).map(
        (r) => r.id,
      );
    /** The status of each of GET, PATCH and DELETE on the response, in that order. */
    const statuses = async (caller: Caller, id: string) => {
      const path = `/v1/canned-responses/${id}`;
      const get = await api.call('GET', path, caller);
      const patch = await api.call('PATCH', path, { ...caller, body: { title: 'Changed' } });
      const del = await api.call('DELETE', path, caller);
      return [get.status, patch.status, del.status];
    };

    test('a personal response exists only for its agent', async () => {
      const tenant = await chatTenant(api.rest);
      const owner = tenant.owner;
      const agent = await api.addMember(owner, 'agent');
      const colleague = await api.addMember(owner, 'agent');
      const mine = await create(as(agent), { scope: 'personal', shortcut: 'mine' });
      expect(mine.status).toBe(201);
      expect(mine.body).toMatchObject({ scope: 'personal', agentId: agent.agent.id });
      const shared = await create(as(owner), { shortcut: 'shared' });

      expect(await ids(as(agent))).toEqual([mine.body.id, shared.body.id]);
      for (const other of [as(colleague), as(owner), { headers: tenant.keyHeaders }]) {
        expect(await ids(other)).toEqual([shared.body.id]);
        expect(await statuses(other, mine.body.id)).toEqual([404, 404, 404]);
      }
      // Its agent manages it, and the scope cannot be changed by a patch.
      const patched = await api.call('PATCH', `/v1/canned-responses/${mine.body.id}`, {
        ...as(agent),
        body: { title: 'Mine', scope: 'organization' },
      });
      expect(patched.body).toMatchObject({ title: 'Mine', scope: 'personal' });
      expect(await statuses(as(agent), mine.body.id)).toEqual([200, 200, 204]);
    });

    test("another organization's ids are 404 to its agents and keys, and never listed", async () => {
      const tenant = await chatTenant(api.rest);
      const foreign = await chatTenant(api.rest);
      const theirs = await create(as(foreign.owner), { shortcut: 'theirs' });
      const theirPersonal = await create(as(foreign.owner), { scope: 'personal', shortcut: 'p' });
      for (const caller of [as(tenant.owner), { headers: tenant.keyHeaders }]) {
        expect(await ids(caller)).toEqual([]);
        for (const id of [theirs.body.id, theirPersonal.body.id]) {
          expect(await statuses(caller, id)).toEqual([404, 404, 404]);
        }
      }
      // Still there, unchanged, for their owner.
      const kept = await api.call('GET', `/v1/canned-responses/${theirs.body.id}`, {
        ...as(foreign.owner),
      });
      expect(kept.body.title).toBe('Title');
    });

    test('agents read organization-wide responses; owners and admins manage them', async () => {
      const tenant = await chatTenant(api.rest);
      const owner = tenant.owner;
      const admin = await api.addMember(owner, 'admin');
      const agent = await api.addMember(owner, 'agent');
      const made = await create(as(admin), { shortcut: 'by-admin' });
      expect(made.status).toBe(201);

      const refused = await create(as(agent), { shortcut: 'by-agent' });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('forbidden');
      const path = `/v1/canned-responses/${made.body.id}`;
      expect((await api.call('GET', path, as(agent))).status).toBe(200);
      expect(
        (await api.call('PATCH', path, { ...as(agent), body: { title: 'Hijacked' } })).status,
      ).toBe(403);
      expect((await api.call('DELETE', path, as(agent))).status).toBe(403);
      expect((await api.call('GET', path, as(agent))).body.title).toBe('Title');
      // Every role keeps personal responses of its own.
      expect((await create(as(agent), { scope: 'personal', shortcut: 'by-agent' })).status).toBe(
        201,
      );
      expect(await statuses(as(owner), made.body.id)).toEqual([200, 200, 204]);
    });

    test('an API key manages organization-wide responses, never personal ones', async () => {
      const tenant = await chatTenant(api.rest);
      const staging = await chatTenant(api.rest, { owner: tenant.owner });
      const key = { headers: tenant.keyHeaders };
      const made = await create(key, { shortcut: 'from-crm', body: 'Hi {{contact.name}}' });
      expect(made.status).toBe(201);
      expect(made.body).toMatchObject({
        scope: 'organization',
        agentId: null,
        author: { type: 'api_key', id: tenant.key.id, name: 'CRM' },
      });
      const personal = await create(key, { scope: 'personal', shortcut: 'nope' });
      expect(personal.status).toBe(403);
      // Organization-wide: the console's agents see it, and so does the key of another
      // environment of the same organization.
      const agent = await api.addMember(tenant.owner, 'agent');
      expect(await ids(as(agent))).toEqual([made.body.id]);
      expect(await ids({ headers: staging.keyHeaders })).toEqual([made.body.id]);
      const patched = await api.call('PATCH', `/v1/canned-responses/${made.body.id}`, {
        ...key,
        body: { shortcut: 'crm' },
      });
      expect(patched.body.shortcut).toBe('crm');
      expect((await api.call('DELETE', `/v1/canned-responses/${made.body.id}`, key)).status).toBe(
        204,
      );
      const wrong = { 'x-api-key': tenant.key.key, 'x-api-secret': 'flc_sk_wrong' };
      expect((await api.call('GET', '/v1/canned-responses', { headers: wrong })).status).toBe(401);
      expect((await api.call('GET', '/v1/canned-responses')).status).toBe(401);
    });

    test('writes are in the audit log: by whom, and of a personal response only that it was one', async () => {
      const tenant: ChatTenant = await chatTenant(api.rest);
      const owner = tenant.owner;
      const agent = await api.addMember(owner, 'agent');
      const shared = await create(as(owner), { shortcut: 'shared', title: 'Shared' });
      await api.call('PATCH', `/v1/canned-responses/${shared.body.id}`, {
        ...as(owner),
        body: { shortcut: 'team', body: 'Secret plan {{agent.name}}' },
      });
      // A patch that changes nothing records nothing.
      await api.call('PATCH', `/v1/canned-responses/${shared.body.id}`, {
        ...as(owner),
        body: { title: 'Shared' },
      });
      const personal = await create(as(agent), {
        scope: 'personal',
        shortcut: 'private',
        title: 'Private title',
        body: 'Private words',
      });
      await api.call('DELETE', `/v1/canned-responses/${personal.body.id}`, as(agent));
      const byKey = await create({ headers: tenant.keyHeaders }, { shortcut: 'bot' });

      const log = await api.call('GET', '/v1/audit-events?action=canned_response.', as(owner));
      expect(log.status).toBe(200);
      // Newest first: read in the order they happened.
      const events = (
        log.body.items as {
          action: string;
          actor: { kind: string; id: string };
          target: { id: string };
          details: Record<string, unknown>;
        }[]
      ).reverse();
      expect(events.map((e) => [e.action, e.actor.kind, e.target.id, e.details])).toEqual([
        [
          'canned_response.created',
          'agent',
          shared.body.id,
          { scope: 'organization', shortcut: 'shared', title: 'Shared' },
        ],
        [
          'canned_response.updated',
          'agent',
          shared.body.id,
          {
            scope: 'organization',
            shortcut: 'team',
            title: 'Shared',
            changed: ['shortcut', 'body'],
            previousShortcut: 'shared',
          },
        ],
        ['canned_response.created', 'agent', personal.body.id, { scope: 'personal' }],
        ['canned_response.deleted', 'agent', personal.body.id, { scope: 'personal' }],
        [
          'canned_response.created',
          'api_key',
          byKey.body.id,
          { scope: 'organization', shortcut: 'bot', title: 'Title' },
        ],
      ]);
      expect(events.map((e) => e.actor.id)).toEqual([
        owner.agent.id,
        owner.agent.id,
        agent.agent.id,
        agent.agent.id,
        tenant.key.id,
      ]);
      const text = JSON.stringify(log.body);
      for (const words of ['Secret plan', 'Private title', 'Private words', 'private']) {
        expect(text).not.toContain(words);
      }
    });
  });
}
