import { afterAll, afterEach, beforeAll, describe, expect, test } from 'bun:test';
import {
  type DispatchOutcome,
  verifyWebhook,
  WebhookDispatcher,
  type WebhookEnvelope,
  webhookHeaders,
} from '@flc/core';
import { PostgresDeliveryQueue } from '@flc/storage/postgres';
import { createTestApi, databaseTargets, type Owner, type TestApi } from '../../testing/harness.ts';

// A webhook's actions (test event, retry of a given-up delivery, new signing secret) end to end:
// the API queues, the real dispatcher on the same database POSTs to a real HTTP receiver on
// loopback, and the receiver checks each request's signature.

interface Arrival {
  eventId: string | null;
  raw: string;
  body: WebhookEnvelope;
  timestamp: string | null;
  signature: string | null;
}

/** An endpoint on loopback that records requests and answers `respond(n)` to the n-th (0-based). */
function receiver(respond: (n: number) => number = () => 200) {
  const arrivals: Arrival[] = [];
  const waiters: (() => void)[] = [];
  const server = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    async fetch(request) {
      const raw = await request.text();
      const status = respond(arrivals.length);
      arrivals.push({
        eventId: request.headers.get(webhookHeaders.eventId),
        raw,
        body: JSON.parse(raw),
        timestamp: request.headers.get(webhookHeaders.timestamp),
        signature: request.headers.get(webhookHeaders.signature),
      });
      for (const wake of waiters.splice(0)) wake();
      return new Response(status < 300 ? 'ok' : 'nope', { status });
    },
  });
  return {
    url: `http://127.0.0.1:${server.port}/hook`,
    arrivals,
    /** Resolves once `n` requests arrived. */
    async arrived(n: number): Promise<Arrival> {
      while (arrivals.length < n) await new Promise<void>((resolve) => waiters.push(resolve));
      return arrivals[n - 1] as Arrival;
    },
    close: () => server.stop(true),
  };
}

const signedWith = (secret: string, a: Arrival) =>
  verifyWebhook({ secret, body: a.raw, timestamp: a.timestamp, signature: a.signature });

for (const target of databaseTargets()) {
  describe(`webhook test events, retries and secrets on ${target.name}`, () => {
    let api: TestApi;
    const cleanup: (() => unknown)[] = [];
    beforeAll(async () => {
      // Loopback receivers are private targets.
      api = await createTestApi(target, { webhookAllowPrivate: true });
    }, 60_000); // cold starts (PGlite, argon2) can take seconds on CI
    afterEach(async () => {
      for (const close of cleanup.splice(0).reverse()) await close();
    });
    afterAll(() => api.close());

    /** The real dispatcher on the test database; gives up after the first failed attempt. */
    function dispatch() {
      const outcomes: DispatchOutcome[] = [];
      const waiters: (() => void)[] = [];
      const stop = new AbortController();
      const dispatcher = new WebhookDispatcher(
        new PostgresDeliveryQueue(api.deps.db.sql, `test-${crypto.randomUUID()}`),
        {
          concurrency: 2,
          timeoutMs: 5_000,
          retrySchedule: [],
          disableAfter: 100,
          pollMs: 20,
          onOutcome: (outcome) => {
            outcomes.push(outcome);
            for (const wake of waiters.splice(0)) wake();
          },
        },
      );
      const running = dispatcher.run({ stop: stop.signal });
      cleanup.push(async () => {
        stop.abort();
        await running;
      });
      return {
        /** Resolves with the n-th outcome (1-based). */
        async outcome(n: number): Promise<DispatchOutcome> {
          while (outcomes.length < n) await new Promise<void>((resolve) => waiters.push(resolve));
          return outcomes[n - 1] as DispatchOutcome;
        },
      };
    }

    const listen = (respond?: (n: number) => number) => {
      const r = receiver(respond);
      cleanup.push(r.close);
      return r;
    };

    async function hooked(owner: Owner, url: string, envId?: string) {
      const env =
        envId ??
        (
          await api.call('POST', '/v1/environments', {
            token: owner.accessToken,
            body: { name: 'Production' },
          })
        ).body.id;
      const res = await api.call('POST', `/v1/environments/${env}/webhooks`, {
        token: owner.accessToken,
        body: { url, events: ['message.created'] },
      });
      expect(res.status).toBe(201);
      return res.body as { id: string; environmentId: string; signingSecret: string };
    }

    const log = async (owner: Owner, webhookId: string) =>
      (await api.call('GET', `/v1/webhooks/${webhookId}/deliveries`, { token: owner.accessToken }))
        .body.items;

    test('a test event reaches that webhook only, signed, and shows in its delivery log', async () => {
      const owner = await api.signup();
      const a = listen();
      const b = listen();
      const hookA = await hooked(owner, a.url);
      const hookB = await hooked(owner, b.url, hookA.environmentId);

      const queued = await api.call('POST', `/v1/webhooks/${hookA.id}/test`, {
        token: owner.accessToken,
      });
      expect(queued.status).toBe(202);
      expect(queued.body).toMatchObject({
        webhookId: hookA.id,
        eventType: 'webhook.test',
        status: 'pending',
        attempts: 0,
      });

      const dispatcher = dispatch();
      const arrival = await a.arrived(1);
      expect(await dispatcher.outcome(1)).toMatchObject({ type: 'delivered', statusCode: 200 });
      expect(arrival.eventId).toBe(queued.body.eventId);
      expect(await signedWith(hookA.signingSecret, arrival)).toBe(true);
      expect(await signedWith(hookB.signingSecret, arrival)).toBe(false);
      expect(arrival.body).toMatchObject({
        id: queued.body.eventId,
        type: 'webhook.test',
        organizationId: owner.organization.id,
        environmentId: hookA.environmentId,
        data: { webhook: { id: hookA.id, url: a.url, events: ['message.created'] } },
      });
      expect(arrival.raw).not.toContain(hookA.signingSecret);

      expect(await log(owner, hookA.id)).toMatchObject([
        { id: queued.body.id, eventType: 'webhook.test', status: 'delivered', attempts: 1 },
      ]);
      expect(await log(owner, hookB.id)).toEqual([]);
      expect(b.arrivals).toEqual([]);
    });

    test('a given-up delivery retried arrives again, signed, with the same event id', async () => {
      const owner = await api.signup();
      const endpoint = listen((n) => (n === 0 ? 500 : 200));
      const hook = await hooked(owner, endpoint.url);
      const token = owner.accessToken;
      const queued = (await api.call('POST', `/v1/webhooks/${hook.id}/test`, { token })).body;
      const dispatcher = dispatch();

      const first = await endpoint.arrived(1);
      expect(await dispatcher.outcome(1)).toMatchObject({ type: 'failed', error: 'HTTP 500' });
      expect(await log(owner, hook.id)).toMatchObject([
        { id: queued.id, status: 'failed', attempts: 1, lastStatusCode: 500 },
      ]);

      const path = `/v1/webhooks/${hook.id}/deliveries/${queued.id}/retry`;
      const retried = await api.call('POST', path, { token });
      expect(retried.status).toBe(200);
      expect(retried.body).toMatchObject({
        id: queued.id,
        eventId: queued.eventId,
        status: 'pending',
        attempts: 0,
        deliveredAt: null,
      });

      const second = await endpoint.arrived(2);
      expect(await dispatcher.outcome(2)).toMatchObject({ type: 'delivered', statusCode: 200 });
      expect(second.eventId).toBe(first.eventId);
      expect(second.body.id).toBe(queued.eventId);
      expect(await signedWith(hook.signingSecret, second)).toBe(true);
      expect(await log(owner, hook.id)).toMatchObject([
        { id: queued.id, status: 'delivered', attempts: 1, lastStatusCode: 200, lastError: null },
      ]);

      // Only a failed delivery goes back in the queue.
      const again = await api.call('POST', path, { token });
      expect({ status: again.status, code: again.body.error.code }).toEqual({
        status: 409,
        code: 'conflict',
      });
      const unknown = await api.call(
        'POST',
        `/v1/webhooks/${hook.id}/deliveries/${Bun.randomUUIDv7()}/retry`,
        { token },
      );
      expect({ status: unknown.status, code: unknown.body.error.code }).toEqual({
        status: 404,
        code: 'not_found',
      });
    });

    test('a new signing secret is shown once and signs every attempt from then on', async () => {
      const owner = await api.signup();
      const endpoint = listen();
      const hook = await hooked(owner, endpoint.url);
      const token = owner.accessToken;
      const rotated = await api.call('POST', `/v1/webhooks/${hook.id}/rotate-secret`, { token });
      expect(rotated.status).toBe(200);
      expect(rotated.body).toMatchObject({ id: hook.id, url: endpoint.url, enabled: true });
      expect(rotated.body.signingSecret).toStartWith('whsec_');
      expect(rotated.body.signingSecret).not.toBe(hook.signingSecret);
      const listed = await api.call('GET', `/v1/environments/${hook.environmentId}/webhooks`, {
        token,
      });
      expect(JSON.stringify(listed.body)).not.toContain(rotated.body.signingSecret);

      await api.call('POST', `/v1/webhooks/${hook.id}/test`, { token });
      dispatch();
      const arrival = await endpoint.arrived(1);
      expect(await signedWith(rotated.body.signingSecret, arrival)).toBe(true);
      expect(await signedWith(hook.signingSecret, arrival)).toBe(false);
    });

    test('a disabled webhook takes no test event and no retry (409)', async () => {
      const owner = await api.signup();
      const hook = await hooked(owner, 'http://127.0.0.1:9/hook');
      const token = owner.accessToken;
      const failed = Bun.randomUUIDv7();
      await api.deps.db.sql`
        insert into webhook_deliveries (id, webhook_id, event_id, event_type, payload, status,
          attempts, last_error)
        values (${failed}, ${hook.id}, ${Bun.randomUUIDv7()}, 'message.created', '{}'::jsonb,
          'failed', 5, 'HTTP 502')`;
      await api.call('PATCH', `/v1/environments/${hook.environmentId}/webhooks/${hook.id}`, {
        token,
        body: { enabled: false },
      });
      for (const path of [
        `/v1/webhooks/${hook.id}/test`,
        `/v1/webhooks/${hook.id}/deliveries/${failed}/retry`,
      ]) {
        const res = await api.call('POST', path, { token });
        expect({ path, status: res.status, code: res.body.error.code }).toEqual({
          path,
          status: 409,
          code: 'conflict',
        });
      }
      expect(await log(owner, hook.id)).toMatchObject([{ id: failed, status: 'failed' }]);
      // Re-enabled, the retry is taken; the secret rotates either way.
      await api.call('PATCH', `/v1/environments/${hook.environmentId}/webhooks/${hook.id}`, {
        token,
        body: { enabled: true },
      });
      const retried = await api.call('POST', `/v1/webhooks/${hook.id}/deliveries/${failed}/retry`, {
        token,
      });
      expect(retried.body).toMatchObject({ id: failed, status: 'pending', attempts: 0 });
    });

    test('agents are refused, other tenants get 404, bad ids 422', async () => {
      const owner = await api.signup('Victim');
      const hook = await hooked(owner, 'http://127.0.0.1:9/hook');
      const queued = (
        await api.call('POST', `/v1/webhooks/${hook.id}/test`, { token: owner.accessToken })
      ).body;
      const routes = [
        `/v1/webhooks/${hook.id}/test`,
        `/v1/webhooks/${hook.id}/deliveries/${queued.id}/retry`,
        `/v1/webhooks/${hook.id}/rotate-secret`,
      ];
      const member = await api.addMember(owner, 'agent');
      const intruder = await api.signup('Intruder');
      const own = await hooked(intruder, 'http://127.0.0.1:9/other');
      for (const path of routes) {
        const refused = await api.call('POST', path, { token: member.accessToken });
        expect({ path, status: refused.status, code: refused.body.error.code }).toEqual({
          path,
          status: 403,
          code: 'forbidden',
        });
        const hidden = await api.call('POST', path, { token: intruder.accessToken });
        expect({ path, status: hidden.status, code: hidden.body.error.code }).toEqual({
          path,
          status: 404,
          code: 'not_found',
        });
        expect((await api.call('POST', path)).status).toBe(401);
      }
      // The victim's delivery under the intruder's own webhook is not theirs either.
      const crossed = await api.call(
        'POST',
        `/v1/webhooks/${own.id}/deliveries/${queued.id}/retry`,
        { token: intruder.accessToken },
      );
      expect({ status: crossed.status, code: crossed.body.error.code }).toEqual({
        status: 404,
        code: 'not_found',
      });
      for (const path of [
        '/v1/webhooks/nope/test',
        `/v1/webhooks/${hook.id}/deliveries/nope/retry`,
        '/v1/webhooks/nope/rotate-secret',
      ]) {
        const res = await api.call('POST', path, { token: owner.accessToken });
        expect({ path, status: res.status, code: res.body.error.code }).toEqual({
          path,
          status: 422,
          code: 'validation',
        });
      }
      // Nothing changed: one pending test event, the secret the creator was shown.
      expect(await log(owner, hook.id)).toMatchObject([{ id: queued.id, status: 'pending' }]);
      const [row] = await api.deps.db.sql<{ signing_secret: string }[]>`
        select signing_secret from webhooks where id = ${hook.id}`;
      expect(row?.signing_secret).toBe(hook.signingSecret);
    });
  });
}
