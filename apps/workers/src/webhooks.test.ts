import { afterAll, afterEach, beforeAll, describe, expect, test } from 'bun:test';
import {
  type DispatcherOptions,
  type DispatchOutcome,
  type Message,
  uuidv7,
  verifyWebhook,
  WebhookDispatcher,
  type WebhookEventInput,
  type WebhookEventType,
  webhookEventTypes,
} from '@flc/core';
import { PostgresDeliveryQueue, PostgresWebhookOutbox } from '@flc/storage/postgres';
import { serviceUrl } from '@flc/storage/testing';
import { type FreshDatabase, freshDatabase, seedTenant } from '@flc/testkit';
import { type Arrival, startReceiver } from './webhooks-receiver.ts';
import { publicTarget } from './webhooks-target.ts';

// The dispatcher on a real PostgreSQL queue, POSTing to a real HTTP receiver on loopback:
// signatures, retries after 500s and timeouts, giving up and disabling, order per conversation,
// several dispatchers on one queue, leases that run out, and stopping.
const pg = serviceUrl('postgres');

interface Hooked {
  organizationId: string;
  environmentId: string;
  conversationIds: string[];
  webhookId: string;
  secret: string;
}

describe.if(Boolean(pg))('webhook dispatcher', () => {
  let database: FreshDatabase;
  const cleanup: (() => Promise<unknown> | unknown)[] = [];
  beforeAll(async () => {
    database = await freshDatabase(pg ?? '');
  }, 60_000);
  afterAll(() => database.drop(), 30_000);
  afterEach(async () => {
    for (const close of cleanup.splice(0).reverse()) await close();
  }, 30_000);

  const sql = () => database.db.sql;

  const receiver = (options: Parameters<typeof startReceiver>[0] = {}) => {
    const r = startReceiver(options);
    cleanup.push(() => r.close());
    return r;
  };

  /** A tenant with three conversations and one webhook to `url`. */
  async function hooked(url: string, events: readonly WebhookEventType[] = webhookEventTypes) {
    const tenant = await seedTenant(sql(), 3);
    const webhookId = uuidv7();
    const secret = `whsec_${crypto.randomUUID()}`;
    await sql()`
      insert into webhooks (id, organization_id, environment_id, url, events, signing_secret)
      values (${webhookId}, ${tenant.organizationId}, ${tenant.environmentId}, ${url},
              ${sql().array([...events])}::text[], ${secret})`;
    return {
      organizationId: tenant.organizationId,
      environmentId: tenant.environmentId,
      conversationIds: tenant.conversationIds,
      webhookId,
      secret,
    } satisfies Hooked;
  }

  const outbox = () => new PostgresWebhookOutbox(sql());

  const event = (
    h: Hooked,
    type: WebhookEventType,
    subjectId: string,
    data: Record<string, unknown> = { n: 1 },
  ): WebhookEventInput => ({
    id: uuidv7(),
    type,
    organizationId: h.organizationId,
    environmentId: h.environmentId,
    subjectId,
    occurredAt: new Date().toISOString(),
    data,
  });

  const message = (h: Hooked, conversationId: string, seq: number): Message => ({
    id: uuidv7(),
    organizationId: h.organizationId,
    conversationId,
    seq,
    sender: { type: 'visitor', id: uuidv7() },
    body: `message ${seq}`,
    createdAt: new Date().toISOString(),
  });

  /** Woken on every outcome of every dispatcher of the test. */
  const waiters = new Set<() => void>();

  /** A dispatcher in this process on the test database; `until` waits on the outcomes. */
  function dispatch(options: Partial<DispatcherOptions> & { owner?: string } = {}) {
    const stop = new AbortController();
    const abandon = new AbortController();
    const outcomes: DispatchOutcome[] = [];
    const dispatcher = new WebhookDispatcher(
      new PostgresDeliveryQueue(sql(), options.owner ?? `test-${crypto.randomUUID()}`),
      {
        concurrency: 4,
        timeoutMs: 2_000,
        retrySchedule: [50, 100],
        disableAfter: 100,
        pollMs: 20,
        ...options,
        onOutcome: (outcome) => {
          outcomes.push(outcome);
          for (const wake of waiters) wake();
        },
      },
    );
    const done = dispatcher.run({ stop: stop.signal, abandon: abandon.signal });
    const handle = {
      outcomes,
      done,
      abandon: () => abandon.abort(),
      stop: async () => {
        stop.abort();
        await done;
      },
      until: (what: string, check: () => boolean, timeoutMs = 20_000) =>
        new Promise<void>((resolve, reject) => {
          const wake = () => {
            if (!check()) return;
            clearTimeout(timer);
            waiters.delete(wake);
            resolve();
          };
          const timer = setTimeout(() => {
            waiters.delete(wake);
            reject(new Error(`timed out waiting for ${what}`));
          }, timeoutMs);
          waiters.add(wake);
          wake();
        }),
    };
    cleanup.push(() => handle.stop());
    return handle;
  }

  const log = (webhookId: string) =>
    sql()<
      {
        event_id: string;
        event_type: string;
        status: string;
        attempts: number;
        last_status_code: number | null;
        last_error: string | null;
        lease_owner: string | null;
      }[]
    >`
      select event_id, event_type, status, attempts, last_status_code, last_error, lease_owner
      from webhook_deliveries where webhook_id = ${webhookId} order by ordinal`;

  const count = (outcomes: DispatchOutcome[], type: DispatchOutcome['type']) =>
    outcomes.filter((o) => o.type === type).length;

  test('deliveries are signed: the receiver verifies them; body and headers as documented', async () => {
    const r = receiver();
    const h = await hooked(r.url);
    const [conversationId = ''] = h.conversationIds;
    const created = event(h, 'conversation.created', conversationId, {
      conversation: { id: conversationId, status: 'open' },
    });
    expect(await outbox().record(created)).toBe(1);
    const sent = message(h, conversationId, 1);
    expect(await outbox().messagesCreated([sent])).toBe(1);
    const d = dispatch();
    await r.until('two deliveries', () => r.processed.length === 2);

    const [first, second] = r.processed;
    expect(first?.eventId).toBe(created.id);
    expect(Object.keys(first?.body ?? {})).toEqual([
      'id',
      'type',
      'createdAt',
      'organizationId',
      'environmentId',
      'data',
    ]);
    expect(first?.body).toEqual({
      id: created.id,
      type: 'conversation.created',
      createdAt: created.occurredAt,
      organizationId: h.organizationId,
      environmentId: h.environmentId,
      data: { conversation: { id: conversationId, status: 'open' } },
    });
    expect(second?.body).toMatchObject({
      type: 'message.created',
      createdAt: sent.createdAt,
      data: {
        message: {
          id: sent.id,
          conversationId,
          seq: 1,
          body: 'message 1',
          sender: sent.sender,
        },
      },
    });
    expect(second?.body.data).not.toHaveProperty('message.organizationId');
    for (const arrival of r.processed) {
      expect(arrival.signature).toMatch(/^v1=[0-9a-f]{64}$/);
      expect(Math.abs(Number(arrival.timestamp) - Date.now() / 1000)).toBeLessThan(300);
      const input = {
        body: arrival.raw,
        timestamp: arrival.timestamp,
        signature: arrival.signature,
      };
      expect(await verifyWebhook({ secret: h.secret, ...input })).toBe(true);
      expect(await verifyWebhook({ secret: 'whsec_other', ...input })).toBe(false);
      expect(await verifyWebhook({ secret: h.secret, ...input, body: `${arrival.raw} ` })).toBe(
        false,
      );
      // A replay five minutes later is refused by its timestamp.
      const later = Number(arrival.timestamp) + 301;
      expect(await verifyWebhook({ secret: h.secret, ...input, nowSeconds: later })).toBe(false);
    }
    await d.until('both recorded', () => count(d.outcomes, 'delivered') === 2);
    expect(await log(h.webhookId)).toMatchObject([
      { status: 'delivered', attempts: 1, last_status_code: 200, lease_owner: null },
      { status: 'delivered', attempts: 1, last_status_code: 200, lease_owner: null },
    ]);
    // Recording the same message again (a redelivered stream entry) queues nothing.
    expect(await outbox().messagesCreated([sent])).toBe(0);
  });

  test('a 500 is retried on the schedule with the same event and body until a 2xx', async () => {
    const r = receiver({
      respond: (_, previous) => new Response('down', { status: previous < 2 ? 500 : 200 }),
    });
    const h = await hooked(r.url);
    const e = event(h, 'contact.created', uuidv7());
    await outbox().record(e);
    const d = dispatch({ retrySchedule: [100, 200, 5_000] });
    await d.until('delivered', () => count(d.outcomes, 'delivered') === 1);

    expect(r.arrivals.map((a) => a.eventId)).toEqual([e.id, e.id, e.id]);
    expect(new Set(r.arrivals.map((a) => a.raw)).size).toBe(1);
    const [a1, a2, a3] = r.arrivals.map((a) => a.at);
    expect((a2 ?? 0) - (a1 ?? 0)).toBeGreaterThanOrEqual(95);
    expect((a3 ?? 0) - (a2 ?? 0)).toBeGreaterThanOrEqual(195);
    expect(d.outcomes.filter((o) => o.type === 'retrying')).toMatchObject([
      { error: 'HTTP 500' },
      { error: 'HTTP 500' },
    ]);
    expect(await log(h.webhookId)).toMatchObject([
      { status: 'delivered', attempts: 3, last_status_code: 200, last_error: null },
    ]);
  });

  test('no answer within the timeout is a failed attempt, retried', async () => {
    const r = receiver({
      respond: async (_, previous) => {
        if (previous === 0) await Bun.sleep(1_500); // the receiver hangs on the first attempt
        return new Response('ok');
      },
    });
    const h = await hooked(r.url);
    await outbox().record(event(h, 'contact.updated', uuidv7()));
    const d = dispatch({ timeoutMs: 300, retrySchedule: [50] });
    await d.until('retried, then delivered', () => count(d.outcomes, 'delivered') === 1);
    expect(d.outcomes.map((o) => o.type)).toEqual(['retrying', 'delivered']);
    expect(d.outcomes[0]).toMatchObject({ error: 'No answer within 300 ms' });
    expect(r.arrivals).toHaveLength(2);
    expect(await log(h.webhookId)).toMatchObject([
      { status: 'delivered', attempts: 2, last_status_code: 200 },
    ]);
  });

  test('given up when the schedule is spent; events given up in a row disable the webhook', async () => {
    const r = receiver({ respond: () => new Response('nope', { status: 503 }) });
    const h = await hooked(r.url);
    const [c1 = '', c2 = '', c3 = ''] = h.conversationIds;
    await outbox().record(event(h, 'conversation.updated', c1));
    await outbox().record(event(h, 'conversation.updated', c2));
    const d = dispatch({ retrySchedule: [30], disableAfter: 2 });
    await d.until('two given up', () => count(d.outcomes, 'failed') === 2);

    expect(r.arrivals).toHaveLength(4); // two attempts each
    expect(await log(h.webhookId)).toMatchObject([
      { status: 'failed', attempts: 2, last_status_code: 503, last_error: 'HTTP 503' },
      { status: 'failed', attempts: 2, last_status_code: 503, last_error: 'HTTP 503' },
    ]);
    // The two run side by side: whichever was given up second disabled the webhook.
    const disabled = d.outcomes
      .filter((o) => o.type === 'failed')
      .map((o) => 'disabled' in o && o.disabled);
    expect(disabled.sort()).toEqual([false, true]);
    const [hook] = await sql()`
      select enabled, consecutive_failures, disabled_at, disabled_reason from webhooks
      where id = ${h.webhookId}`;
    expect(hook).toMatchObject({ enabled: false, consecutive_failures: 2 });
    expect(hook?.disabled_at).toBeInstanceOf(Date);
    expect(hook?.disabled_reason).toBe(
      'Disabled after 2 events in a row failed every attempt; the last: HTTP 503',
    );
    // The owners read who disabled it in the audit log: the platform, once.
    const audit = await sql()`
      select actor_kind, actor_id, action, details from audit_events
      where target_id = ${h.webhookId}`;
    expect([...audit]).toEqual([
      {
        actor_kind: 'system',
        actor_id: null,
        action: 'webhook.disabled',
        details: {
          url: new URL(r.url).origin,
          environmentId: expect.any(String),
          eventsGivenUpInARow: 2,
        },
      },
    ]);
    // A disabled webhook gets no new events.
    expect(await outbox().record(event(h, 'conversation.updated', c3))).toBe(0);
  });

  test('a delivered event ends the run of failures', async () => {
    let failing = true;
    const r = receiver({ respond: () => new Response('', { status: failing ? 500 : 204 }) });
    const h = await hooked(r.url);
    await outbox().record(event(h, 'contact.created', uuidv7()));
    const d = dispatch({ retrySchedule: [], disableAfter: 5 });
    await d.until('given up', () => count(d.outcomes, 'failed') === 1);
    const failures = async () =>
      (await sql()`select consecutive_failures from webhooks where id = ${h.webhookId}`)[0]
        ?.consecutive_failures;
    expect(await failures()).toBe(1);
    failing = false;
    await outbox().record(event(h, 'contact.created', uuidv7()));
    await d.until('delivered', () => count(d.outcomes, 'delivered') === 1);
    expect(await failures()).toBe(0);
    expect((await log(h.webhookId)).map((row) => row.last_status_code)).toEqual([500, 204]);
  });

  test("one conversation's events arrive in order, each after the previous settled; others are not held up", async () => {
    let releaseFirst = () => {};
    const firstHeld = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    let firstId = '';
    const r = receiver({
      // The conversation's first event fails twice, then waits until the test lets it through.
      respond: async (arrival, previous) => {
        if (arrival.eventId !== firstId) return new Response('ok');
        if (previous < 2) return new Response('', { status: 500 });
        await firstHeld;
        return new Response('ok');
      },
    });
    const h = await hooked(r.url);
    const [a = '', b = ''] = h.conversationIds;
    const first = event(h, 'conversation.created', a);
    firstId = first.id;
    await outbox().record(first);
    const messages = [1, 2, 3].map((seq) => message(h, a, seq));
    await outbox().messagesCreated([messages[2], messages[0], messages[1]] as Message[]);
    const updated = event(h, 'conversation.updated', a);
    await outbox().record(updated);
    const other = event(h, 'conversation.created', b);
    await outbox().record(other);
    // Two dispatchers on the queue, to show the order holds across them too.
    dispatch({ retrySchedule: [30, 30, 30] });
    dispatch({ retrySchedule: [30, 30, 30] });

    await r.until(
      'the other conversation, and the third attempt in flight',
      () => r.processed.some((x) => x.eventId === other.id) && r.arrivals.length >= 4,
    );
    // While the first event is unsettled, none of its conversation's later ones was sent.
    const label = (x: Arrival) => {
      if (x.eventId === first.id) return 'first';
      if (x.eventId === updated.id) return 'updated';
      if (x.eventId === other.id) return 'other';
      return `m${(x.body.data as { message: { seq: number } }).message.seq}`;
    };
    expect(r.arrivals.map(label).filter((l) => l !== 'other')).toEqual(['first', 'first', 'first']);
    releaseFirst();
    await r.until('all six', () => r.processed.length === 6);
    expect(r.arrivals.map(label).filter((l) => l !== 'other')).toEqual([
      'first',
      'first',
      'first',
      'm1',
      'm2',
      'm3',
      'updated',
    ]);
  });

  test('several dispatchers share the queue without sending any attempt twice', async () => {
    const r = receiver();
    const h = await hooked(r.url);
    const subjects = Array.from({ length: 20 }, () => uuidv7());
    const events = Array.from({ length: 60 }, (_, i) =>
      event(h, 'contact.updated', subjects[i % subjects.length] ?? '', { i }),
    );
    for (const e of events) await outbox().record(e);
    const all = [dispatch(), dispatch(), dispatch()];
    const delivered = () => all.reduce((n, d) => n + count(d.outcomes, 'delivered'), 0);
    await all[0]?.until('sixty recorded', () => delivered() === 60);
    expect(r.arrivals).toHaveLength(60);
    expect(new Set(r.arrivals.map((a) => a.eventId)).size).toBe(60);
    // Per subject, in the order recorded.
    const subjectOf = new Map(events.map((e) => [e.id, e.subjectId]));
    for (const subject of subjects) {
      const sent = r.processed.filter((a) => subjectOf.get(a.eventId) === subject);
      expect(sent.map((a) => a.eventId)).toEqual(
        events.filter((e) => e.subjectId === subject).map((e) => e.id),
      );
    }
    expect((await log(h.webhookId)).every((row) => row.status === 'delivered')).toBe(true);
  });

  test('a lease that runs out makes the delivery claimable again; the late result is ignored', async () => {
    const r = receiver();
    const h = await hooked(r.url);
    await outbox().record(event(h, 'contact.created', uuidv7()));
    // A dispatcher that claims and then dies mid-flight.
    const dead = new PostgresDeliveryQueue(sql(), 'dead-dispatcher');
    const [claimed] = await dead.claim(10, 300);
    expect(claimed?.attempt).toBe(1);
    // Nobody else gets it while it is leased.
    expect(await new PostgresDeliveryQueue(sql(), 'other').claim(10, 300)).toEqual([]);
    const d = dispatch();
    await d.until('redelivered', () => count(d.outcomes, 'delivered') === 1);
    expect(r.arrivals).toHaveLength(1);
    if (!claimed) throw new Error('nothing claimed');
    // The dead dispatcher's answer comes too late: it changes nothing.
    await dead.failed(claimed, { ok: false, statusCode: 500, error: 'late' }, null, 1);
    expect(await log(h.webhookId)).toMatchObject([
      { status: 'delivered', attempts: 2, last_status_code: 200, last_error: null },
    ]);
    const [hook] = await sql()`select enabled from webhooks where id = ${h.webhookId}`;
    expect(hook?.enabled).toBe(true);
  });

  test('stopping finishes the attempts in flight; abandoning hands them back', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const r = receiver({
      respond: async () => {
        await held;
        return new Response('ok');
      },
    });
    const h = await hooked(r.url);
    await outbox().record(event(h, 'contact.created', uuidv7()));
    const finishing = dispatch();
    await r.until('in flight', () => r.inFlight === 1);
    const stopped = finishing.stop();
    release();
    await stopped;
    expect(finishing.outcomes.map((o) => o.type)).toEqual(['delivered']);

    let releaseSecond = () => {};
    const heldSecond = new Promise<void>((resolve) => {
      releaseSecond = resolve;
    });
    const slow = receiver({
      respond: async () => {
        await heldSecond;
        return new Response('ok');
      },
    });
    cleanup.push(() => releaseSecond());
    const h2 = await hooked(slow.url);
    await outbox().record(event(h2, 'contact.created', uuidv7()));
    const abandoning = dispatch();
    await slow.until('in flight', () => slow.inFlight === 1);
    const stopping = abandoning.stop();
    abandoning.abandon();
    await stopping;
    expect(abandoning.outcomes.map((o) => o.type)).toEqual(['handed-back']);
    expect(await log(h2.webhookId)).toMatchObject([
      { status: 'pending', attempts: 0, lease_owner: null },
    ]);
  });

  test('private targets are refused before sending unless allowed', async () => {
    const r = receiver();
    const h = await hooked(r.url);
    await outbox().record(event(h, 'contact.created', uuidv7()));
    const d = dispatch({ checkTarget: publicTarget, retrySchedule: [60_000] });
    await d.until('refused', () => d.outcomes.length === 1);
    expect(d.outcomes[0]).toMatchObject({
      type: 'retrying',
      error:
        '127.0.0.1 is a loopback, private or link-local address; set FLC_WEBHOOK_ALLOW_PRIVATE to allow it',
    });
    expect(r.arrivals).toEqual([]);
    expect(await publicTarget(new URL('http://localhost:8080/'))).toContain('loopback');
    expect(await publicTarget(new URL('http://[::ffff:10.0.0.1]/'))).toContain('private');
    expect(await publicTarget(new URL('https://93.184.216.34/hook'))).toBeNull();
  });
});
