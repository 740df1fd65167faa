import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { openDatabase } from '@flc/storage/postgres';
import {
  bearer,
  bootVisitor,
  type ChatTenant,
  chatTenant,
  openConversation,
  restClient,
  TestClient,
  type Visitor,
} from '@flc/testkit';
// By path: the operator API's test helper (as the console suites reach the standalone).
import { putOnPlan } from '../../api/src/features/operator/testing.ts';
import { type Cluster, clusterServices, redisKinds, startCluster } from './testing/cluster.ts';

// A tenant's plan allows 40 messages a month; it sends 100 at once, spread over two realtime
// nodes' sockets (its agent and its visitor) and two API processes' REST (the agent, an API key
// and the visitor). Every process takes the month's messages one at a time from Redis (below 100
// a month a process's share is one message), so exactly 40 are accepted across the four; the
// rest are refused with `plan_limit_reached`, and another tenant sends on.
const services = clusterServices();
const redis = services ? redisKinds(services)[0] : undefined;

const LIMIT = 40;

describe.if(Boolean(redis))('messages a month across two APIs and two realtime nodes', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    if (!services || !redis) throw new Error('unreachable');
    cluster = await startCluster(services, 2, { redis: redis.env, apis: 2 });
  }, 120_000);
  afterAll(() => cluster?.stop(), 30_000);

  /**
   * Puts the tenant on a plan of its own with these limits through the first API, as an
   * operator would (every process hears of it), and answers its messages stored so far.
   */
  async function plan(tenant: ChatTenant, limits: Record<string, number>) {
    const db = await openDatabase({ databaseUrl: cluster.databaseUrl, max: 1 });
    try {
      const organizationId = tenant.owner.organization.id;
      await putOnPlan(
        restClient(() => cluster.apis[0] ?? ''),
        db.sql,
        organizationId,
        limits,
      );
      const [row] = await db.sql<{ count: number }[]>`
        select count(*)::int as count from messages where organization_id = ${organizationId}`;
      return row?.count ?? 0;
    } finally {
      await db.close();
    }
  }

  /** A socket's sends of `n` messages at once: how many were acked, and the refusals' codes. */
  async function socketSends(node: string, token: string, conversationId: string, n: number) {
    const socket = await TestClient.connect(`${node}?token=${token}`);
    await socket.next('ready');
    const cids = Array.from({ length: n }, () => crypto.randomUUID());
    for (const cid of cids) socket.send({ t: 'send', cid, conversationId, body: `hi ${cid}` });
    const answers = await Promise.all(
      cids.map((cid) =>
        Promise.race([
          socket.next('ack', (a) => a.cid === cid, 15_000).then(() => 'ack'),
          socket.next('error', (e) => e.ref === cid, 15_000).then((e) => `${e.code}: ${e.message}`),
        ]),
      ),
    );
    socket.close();
    return answers;
  }

  async function restSends(
    api: string,
    path: string,
    auth: Record<string, string>,
    n: number,
  ): Promise<string[]> {
    const call = restClient(() => api);
    return Promise.all(
      Array.from({ length: n }, async (_, i) => {
        const res = await call('POST', path, { body: `rest ${i}` }, auth);
        return res.status === 201 ? 'ack' : `${res.body.error.code}: ${res.body.error.message}`;
      }),
    );
  }

  test('100 sends over both nodes and both APIs: exactly 40 accepted, the rest 402 / plan_limit_reached', async () => {
    const [apiA = '', apiB = ''] = cluster.apis;
    const [nodeA = '', nodeB = ''] = cluster.nodes;
    const call = restClient(() => apiA);
    const tenant = await chatTenant(call, { name: 'Quota Co' });
    const other = await chatTenant(call, { name: 'Unlimited Co' });
    expect(await plan(tenant, { messagesPerMonth: LIMIT })).toBe(0);
    const guest: Visitor = await bootVisitor(call, tenant);
    const { id: conversationId } = await openConversation(call, guest);
    const agentPath = `/v1/conversations/${conversationId}/messages`;
    const visitorPath = `/v1/widget/conversations/${conversationId}/messages`;

    const answers = (
      await Promise.all([
        socketSends(nodeA, tenant.owner.accessToken, conversationId, 20),
        socketSends(nodeB, guest.sessionToken, conversationId, 20),
        restSends(apiA, agentPath, tenant.ownerAuth, 20),
        restSends(apiB, agentPath, tenant.keyHeaders, 20),
        restSends(apiB, visitorPath, bearer(guest.sessionToken), 20),
      ])
    ).flat();
    expect(answers).toHaveLength(100);
    const refusals = answers.filter((a) => a !== 'ack');
    expect(answers.length - refusals.length).toBe(LIMIT);
    expect(new Set(refusals)).toEqual(
      new Set([`plan_limit_reached: Your plan allows ${LIMIT} messages a month`]),
    );

    // The REST refusal's status, through the other API too.
    const past = await restClient(() => apiA)(
      'POST',
      visitorPath,
      { body: 'one more' },
      bearer(guest.sessionToken),
    );
    expect(past.status).toBe(402);
    expect(past.body.error.code).toBe('plan_limit_reached');

    // A tenant without the limit is not held back by the other's month.
    const otherGuest = await bootVisitor(call, other);
    const otherConversation = await openConversation(call, otherGuest);
    const free = await socketSends(nodeB, other.owner.accessToken, otherConversation.id, 20);
    expect(free).toEqual(Array.from({ length: 20 }, () => 'ack'));
  }, 90_000);

  test('a plan set through one API holds at once in the other API and on both nodes', async () => {
    const [apiA = '', apiB = ''] = cluster.apis;
    const [nodeA = '', nodeB = ''] = cluster.nodes;
    const call = restClient(() => apiA);
    const tenant = await chatTenant(call, { name: 'Changed Plan Co' });
    const guest = await bootVisitor(call, tenant);
    const { id: conversationId } = await openConversation(call, guest);
    const agentPath = `/v1/conversations/${conversationId}/messages`;
    // Every other process reads the tenant's plan (none yet) and keeps it: one send each.
    expect(await restSends(apiB, agentPath, tenant.keyHeaders, 1)).toEqual(['ack']);
    expect(await socketSends(nodeA, tenant.owner.accessToken, conversationId, 1)).toEqual(['ack']);
    expect(await socketSends(nodeB, guest.sessionToken, conversationId, 1)).toEqual(['ack']);

    // The operator allows the three already sent: the next one anywhere is refused, at once.
    expect(await plan(tenant, { messagesPerMonth: 3 })).toBe(3);
    const refused = 'plan_limit_reached: Your plan allows 3 messages a month';
    expect(await restSends(apiB, agentPath, tenant.keyHeaders, 1)).toEqual([refused]);
    expect(await socketSends(nodeA, tenant.owner.accessToken, conversationId, 1)).toEqual([
      refused,
    ]);
    expect(await socketSends(nodeB, guest.sessionToken, conversationId, 1)).toEqual([refused]);
  }, 60_000);

  test("the plan's 20 sends a second across both nodes: a burst of 100 gets the budget and a lease per node", async () => {
    const [nodeA = '', nodeB = ''] = cluster.nodes;
    const call = restClient(() => cluster.api);
    const tenant = await chatTenant(call, { name: 'Slow Plan Co' });
    await plan(tenant, { sendsPerSecond: 20 });
    const guest = await bootVisitor(call, tenant);
    const { id: conversationId } = await openConversation(call, guest);
    const started = performance.now();
    const answers = (
      await Promise.all([
        socketSends(nodeA, tenant.owner.accessToken, conversationId, 50),
        socketSends(nodeB, guest.sessionToken, conversationId, 50),
      ])
    ).flat();
    const elapsed = performance.now() - started;
    const accepted = answers.filter((a) => a === 'ack').length;
    expect(accepted).toBeGreaterThanOrEqual(20);
    // A lease is a twentieth of 20 a second: one send per node; and what came back meanwhile.
    expect(accepted).toBeLessThanOrEqual(20 + 2 + Math.ceil((elapsed * 20) / 1_000));
    expect(new Set(answers.filter((a) => a !== 'ack'))).toEqual(
      new Set(['rate_limited: Your organization is sending too fast']),
    );
  }, 60_000);
});
