import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { bootVisitor, chatTenant } from '@flc/testkit';
import { databaseTargets, type TestApi } from './testing/harness.ts';
import {
  agentWrites,
  as,
  bodies,
  credentialOf,
  type Fixture,
  fill,
  managerReads,
  operatorOnly,
  ownOnly,
  plainWrites,
  signedLink,
  startSweep,
} from './testing/tenancy-sweep.ts';

// Lists never leak another tenant's rows, and a plain agent is refused every write but the inbox's.
for (const target of databaseTargets()) {
  describe(`tenancy sweep on ${target.name}: lists and roles`, () => {
    let api: TestApi;
    let victim: Fixture;

    beforeAll(async () => {
      ({ api, victim } = await startSweep(target));
    }, 60_000); // cold starts (PGlite, argon2) can take seconds on CI
    afterAll(() => api.close());

    test("another tenant's lists never show this tenant's rows", async () => {
      const other = await chatTenant(api.rest, { name: 'Other' });
      const agent = { token: other.owner.accessToken };
      const key = { headers: other.keyHeaders };
      const lists: [string, object][] = [
        ['/v1/agents', agent],
        ['/v1/environments', agent],
        ['/v1/conversations', agent],
        ['/v1/conversations', key],
        ['/v1/contacts', agent],
        ['/v1/contacts', key],
        ['/v1/canned-responses', agent],
        ['/v1/canned-responses', key],
        ['/v1/labels', agent],
        ['/v1/labels', key],
      ];
      for (const [path, caller] of lists) {
        const res = await api.call('GET', path, caller);
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
        const text = JSON.stringify(res.body);
        for (const id of [
          victim.owner.organization.id,
          victim.ids.conversation,
          victim.ids.contact,
          victim.ids.cannedResponse,
          victim.ids.label,
        ]) {
          expect(text).not.toContain(id);
        }
      }
      const widget = await bootVisitor(api.rest, other);
      const list = await api.call('GET', '/v1/widget/conversations', {
        token: widget.sessionToken,
      });
      expect(list.body.items).toEqual([]);
      const org = await api.call('GET', '/v1/organization', { token: other.owner.accessToken });
      expect(org.body.id).toBe(other.owner.organization.id);
    });

    test('a plain agent is refused every write but the inbox, and can read', async () => {
      const member = await api.addMember(victim.owner, 'agent');
      const token = member.accessToken;
      const writes = { ...plainWrites, ...bodies };
      for (const [route, body] of Object.entries(writes)) {
        const [method, path] = route.split(' ') as [string, string];
        if (method === 'GET' || credentialOf[route] === 'visitor') continue;
        const res = await api.call(method, fill(path, victim.ids), { token, body });
        const status = operatorOnly(route)
          ? 401
          : agentWrites.has(route)
            ? method === 'POST'
              ? 201
              : 200
            : ownOnly.has(route)
              ? 404
              : 403;
        expect({ route, status: res.status }).toEqual({ route, status });
      }
      const reads = Object.keys(bodies).filter((r) => r.startsWith('GET ') && !signedLink.has(r));
      for (const route of reads) {
        const path = route.slice(4);
        const res = await api.call(
          'GET',
          fill(path, victim.ids),
          as(route, { ...victim.caller, agent: token }),
        );
        const status = operatorOnly(route) ? 401 : managerReads.has(route) ? 403 : 200;
        expect({ route, status: res.status }).toEqual({ route, status });
      }
    });
  });
}
