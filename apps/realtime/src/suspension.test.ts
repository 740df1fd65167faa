import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bearer, bootVisitor, chatTenant, eventually, restClient, TestClient } from '@flc/testkit';
import { type Cluster, clusterServices, redisKinds, startCluster } from './testing/cluster.ts';

/** docs/PROTOCOL.md's close codes (this app does not depend on @flc/protocol). */
const CloseCode = { forbidden: 4003 } as const;

// An operator suspends a tenant while its agent and its visitor hold sockets on both realtime
// nodes: every one of them closes at once (4003), another tenant's stay open, and new sockets of
// the tenant are refused until it is resumed. Before that, the operators' list counts the visitor
// as its nodes report it. The operator is the API's FLC_OPERATOR_EMAIL.
const services = clusterServices();
const redis = services ? redisKinds(services)[0] : undefined;

describe.if(Boolean(redis))('suspending a tenant on two realtime nodes', () => {
  const email = 'ops@example.com';
  const password = 'operator horse battery staple';
  const passwordFile = join(tmpdir(), `flc-operator-${crypto.randomUUID()}`);
  let cluster: Cluster;

  beforeAll(async () => {
    if (!services || !redis) throw new Error('unreachable');
    writeFileSync(passwordFile, `${password}\n`);
    cluster = await startCluster(services, 2, {
      redis: redis.env,
      env: { FLC_OPERATOR_EMAIL: email, FLC_OPERATOR_PASSWORD_FILE: passwordFile },
    });
  }, 120_000);
  afterAll(async () => {
    await cluster?.stop();
    rmSync(passwordFile, { force: true });
  }, 30_000);

  test("the tenant's agent and visitor sockets close on both nodes; others stay", async () => {
    const call = restClient(() => cluster.api);
    const [nodeA = '', nodeB = ''] = cluster.nodes;
    const tenant = await chatTenant(call, { name: 'Suspended Cluster Co' });
    const other = await chatTenant(call, { name: 'Other Cluster Co' });
    const guest = await bootVisitor(call, tenant);
    const connect = async (node: string, token: string) => {
      const socket = await TestClient.connect(`${node}?token=${token}`);
      await socket.next('ready');
      return socket;
    };
    const sockets = [
      await connect(nodeA, tenant.owner.accessToken),
      await connect(nodeB, tenant.owner.accessToken),
      await connect(nodeA, guest.sessionToken),
      await connect(nodeB, guest.sessionToken),
    ];
    const bystander = await connect(nodeB, other.owner.accessToken);

    const session = await call('POST', '/v1/operator/session', { email, password });
    expect(session.status).toBe(200);
    const operator = bearer(session.body.accessToken);
    const path = `/v1/operator/tenants/${tenant.owner.organization.id}`;
    // Each node reports its visitors every 10 s: the one visitor, on both nodes, counts twice.
    await eventually(
      'both nodes to report the visitor',
      async () => (await call('GET', path, undefined, operator)).body?.tenant?.activeVisitors === 2,
      25_000,
    );
    const suspended = await call('POST', `${path}/suspend`, { reason: 'Abuse report' }, operator);
    expect(suspended.status).toBe(200);
    for (const socket of sockets) {
      expect(await socket.waitClose()).toEqual({
        code: CloseCode.forbidden,
        reason: 'organization suspended',
      });
    }
    // The other tenant's socket is still served.
    bystander.send({ t: 'ping', ts: 1 });
    expect((await bystander.next('pong')).t).toBe('pong');
    // A new socket of the tenant is refused before `ready`, for good too.
    for (const token of [tenant.owner.accessToken, guest.sessionToken]) {
      const late = await TestClient.connect(`${nodeA}?token=${token}`);
      expect(await late.waitClose()).toEqual({
        code: CloseCode.forbidden,
        reason: 'organization suspended',
      });
    }

    expect((await call('POST', `${path}/resume`, undefined, operator)).status).toBe(200);
    const back = await connect(nodeB, tenant.owner.accessToken);
    back.close();
    bystander.close();
  }, 90_000);
});
