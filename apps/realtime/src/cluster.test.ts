import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import { chatTenant, restClient, TestClient } from '@flc/gateway/testing';
import { serviceUrl } from '@flc/storage/testing';
import postgres from 'postgres';
import { type Started, startProcess } from './testing/process.ts';

// The scaled profile on loopback: an API process (Bun) and two realtime nodes (Node +
// uWebSockets.js) sharing one PostgreSQL and one Redis. A visitor on node A and an agent on
// node B talk both ways.
const root = join(import.meta.dir, '../../..');
const pgUrl = serviceUrl('postgres');
const redisUrl = serviceUrl('redis');

describe.if(Boolean(pgUrl && redisUrl))('two realtime nodes and an API', () => {
  const processes: Started[] = [];
  const dbName = `flc_cluster_${crypto.randomUUID().replaceAll('-', '')}`;
  let api = '';
  let nodeA = '';
  let nodeB = '';

  beforeAll(async () => {
    const admin = postgres(pgUrl ?? '', { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${dbName}`);
    await admin.end();
    const url = new URL(pgUrl ?? '');
    url.pathname = `/${dbName}`;
    const env = {
      DATABASE_URL: url.toString(),
      REDIS_URL: redisUrl ?? '',
      JWT_SECRET: `${crypto.randomUUID()}${crypto.randomUUID()}`,
      HOST: '127.0.0.1',
      PORT: '0',
    };
    const build = Bun.spawnSync(['bun', 'run', 'build'], { cwd: join(root, 'apps/realtime') });
    if (build.exitCode !== 0) throw new Error(`realtime build failed:\n${build.stderr}`);
    const apiProc = await startProcess(
      ['bun', join(root, 'apps/api/src/main.ts')],
      env,
      /listening on http:\/\/[\d.]+:(\d+)/,
    );
    processes.push(apiProc);
    api = `http://127.0.0.1:${apiProc.match[1]}`;
    for (const _ of [1, 2]) {
      const node = await startProcess(
        ['node', join(root, 'apps/realtime/dist/main.js')],
        env,
        /listening on ws:\/\/[\d.]+:(\d+)/,
      );
      processes.push(node);
    }
    nodeA = `ws://127.0.0.1:${processes[1]?.match[1]}/v1/ws`;
    nodeB = `ws://127.0.0.1:${processes[2]?.match[1]}/v1/ws`;
  }, 120_000);

  afterAll(async () => {
    for (const p of processes) await p.stop();
    const admin = postgres(pgUrl ?? '', { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }, 30_000);

  const call = restClient(() => api);

  test('visitor on node A and agent on node B: messages, typing, read and the inbox cross nodes', async () => {
    const { agentToken, visitorToken, agentAuth, visitorAuth } = await chatTenant(
      call,
      'Cluster Co',
    );

    const agent = await TestClient.connect(`${nodeB}?token=${agentToken}`);
    await agent.next('ready');
    const opened = await call('POST', '/v1/widget/conversations', {}, visitorAuth);
    const conversationId: string = opened.body.id;
    await agent.next(
      'conversation',
      (c) => c.event === 'created' && c.conversation.id === conversationId,
    );

    const visitor = await TestClient.connect(`${nodeA}?token=${visitorToken}`);
    expect((await visitor.next('ready')).principal.type).toBe('visitor');
    visitor.send({ t: 'subscribe', conversationId, afterSeq: 0 });
    agent.send({ t: 'subscribe', conversationId });
    await Promise.all([visitor.next('subscribed'), agent.next('subscribed')]);

    visitor.send({ t: 'send', cid: 'v-1', conversationId, body: 'Hello from node A' });
    expect((await visitor.next('ack')).seq).toBe(1);
    expect((await agent.next('message', (m) => m.seq === 1)).body).toBe('Hello from node A');
    await agent.next('conversation', (c) => c.event === 'message');

    agent.send({ t: 'send', cid: 'a-1', conversationId, body: 'Hello from node B' });
    expect((await visitor.next('message', (m) => m.seq === 2)).sender.type).toBe('agent');

    visitor.send({ t: 'typing', conversationId, on: true });
    expect((await agent.next('typing')).on).toBe(true);
    agent.send({ t: 'read', conversationId, seq: 1 });
    expect((await visitor.next('read')).seq).toBe(1);

    const history = await call(
      'GET',
      `/v1/conversations/${conversationId}/messages`,
      undefined,
      agentAuth,
    );
    expect(history.body.items.map((m: { seq: number }) => m.seq)).toEqual([1, 2]);
    visitor.close();
    agent.close();
  }, 30_000);

  test('a forged token is refused with 401 before the upgrade on a node', async () => {
    const res = await fetch(`${nodeA.replace('ws://', 'http://')}?token=forged`, {
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
      },
    });
    expect(res.status).toBe(401);
  });
});
