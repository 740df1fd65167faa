import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { bootVisitor, chatTenant } from '@flc/testkit';
import { databaseTargets, type TestApi } from './testing/harness.ts';
import {
  as,
  bodies,
  type Caller,
  callerScoped,
  type Fixture,
  fill,
  operatorOnly,
  signedLink,
  startSweep,
  takesApiKeyToo,
  tokenIsCredential,
} from './testing/tenancy-sweep.ts';

// Another tenant's ids are 404 on every route with an id, whatever the credential, and change
// nothing; a route added without an entry in `bodies` fails the sweep (see testing/tenancy-sweep.ts).
for (const target of databaseTargets()) {
  describe(`tenancy sweep on ${target.name}: ids`, () => {
    let api: TestApi;
    let victim: Fixture;
    let routes: string[];

    beforeAll(async () => {
      ({ api, victim, routes } = await startSweep(target));
    }, 60_000); // cold starts (PGlite, argon2) can take seconds on CI
    afterAll(() => api.close());

    test('every route with an id is in the sweep', () => {
      const templated = routes.filter((r) => r.includes('{') && r.includes(' /v1/'));
      expect(templated.sort()).toEqual(Object.keys(bodies).sort());
    });

    test("another tenant's ids are 404 on every route and change nothing", async () => {
      const intruder = await chatTenant(api.rest, { name: 'Intruder' });
      const caller: Caller = {
        agent: intruder.owner.accessToken,
        apiKey: intruder.keyHeaders,
        visitor: (await bootVisitor(api.rest, intruder)).sessionToken,
      };
      for (const [route, body] of Object.entries(bodies)) {
        if (tokenIsCredential.has(route) || signedLink.has(route)) continue;
        const [method, path] = route.split(' ') as [string, string];
        const attempts = [as(route, caller)];
        if (takesApiKeyToo(route)) attempts.push(as(route, caller, 'apiKey'));
        for (const credential of attempts) {
          const res = await api.call(method, fill(path, victim.ids), { ...credential, body });
          const expected = callerScoped.has(route)
            ? { route, status: 201, code: undefined }
            : operatorOnly(route)
              ? { route, status: 401, code: 'unauthorized' }
              : { route, status: 404, code: 'not_found' };
          expect({ route, status: res.status, code: res.body?.error?.code }).toEqual(expected);
        }
      }
      const token = victim.owner.accessToken;
      const env = await api.call('GET', `/v1/environments/${victim.ids.environment}`, { token });
      expect(env.body.name).toBe('Production');
      const keys = await api.call('GET', `/v1/environments/${victim.ids.environment}/api-keys`, {
        token,
      });
      expect(keys.body.items.map((k: { name: string }) => k.name)).toEqual(['CRM']);
      const hooks = await api.call('GET', `/v1/environments/${victim.ids.environment}/webhooks`, {
        token,
      });
      expect(hooks.body.items).toHaveLength(1);
      const deliveries = await api.call('GET', `/v1/webhooks/${victim.ids.webhookId}/deliveries`, {
        token,
      });
      // The intruder's test event went nowhere: the fixture's is the only one.
      const tests = deliveries.body.items.filter(
        (d: { eventType: string }) => d.eventType === 'webhook.test',
      );
      expect(tests).toMatchObject([{ id: victim.ids.deliveryId }]);
      const agent = await api.call('GET', `/v1/agents/${victim.ids.agent}`, { token });
      expect(agent.body.role).toBe('agent');
      const conversation = await api.call('GET', `/v1/conversations/${victim.ids.conversation}`, {
        token,
      });
      expect(conversation.body).toMatchObject({
        status: 'open',
        lastSeq: 2,
        labelIds: [victim.ids.label],
      });
      const label = await api.call('GET', `/v1/labels/${victim.ids.label}`, { token });
      expect(label.body.name).toBe('Victim label');
      const messages = await api.call(
        'GET',
        `/v1/conversations/${victim.ids.conversation}/messages`,
        { token },
      );
      expect(messages.body.items.map((m: { body: string }) => m.body)).toEqual([
        'Secret',
        expect.stringContaining('please look'),
      ]);
      const mentions = await api.call('GET', '/v1/me/mentions', { token });
      expect(mentions.body).toMatchObject({ unread: 1, items: [{ readAt: null }] });
      const contact = await api.call('GET', `/v1/contacts/${victim.ids.contact}`, { token });
      expect(contact.body).toMatchObject({
        name: 'Victim contact',
        labelIds: [victim.ids.label],
      });
      const canned = await api.call('GET', `/v1/canned-responses/${victim.ids.cannedResponse}`, {
        token,
      });
      expect(canned.body.title).toBe('Victim title');
      const hours = await api.call(
        'GET',
        `/v1/environments/${victim.ids.environment}/business-hours`,
        { token },
      );
      expect(hours.body).toMatchObject({ enabled: false, awayMessage: null, updatedAt: null });
      const email = await api.call(
        'GET',
        `/v1/environments/${victim.ids.environment}/email-continuity`,
        { token },
      );
      expect(email.body).toEqual({ enabled: true, updatedAt: null });
    });
  });
}
