import { afterAll, describe, expect, test } from 'bun:test';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@flc/config';
import { conversationKeys, openRedis, redisSettingsOf } from '@flc/storage/redis';
import { serviceUrl } from '@flc/storage/testing';
import { bootVisitor, chatTenant, openConversation, restClient, TestClient } from '@flc/testkit';
import { type Standalone, startStandalone } from './standalone.ts';

// An edit on the scaled message path (Redis bus, persister workers): a message edited the moment
// it is acked waits for the persister, then is changed in the store, and its old body leaves the
// Redis stream.
const redis = serviceUrl('redis');

describe.if(Boolean(redis))('message edits in the standalone process with REDIS_URL', () => {
  const dataDir = join(tmpdir(), `flc-edit-${crypto.randomUUID()}`);
  let platform: Standalone | undefined;
  afterAll(async () => {
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  test('an edit right after the ack is stored, live, and the stream forgets the old body', async () => {
    const config = loadConfig({
      FLC_DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      REDIS_URL: redis ?? '',
      FLC_REDIS_PREFIX: `flc-test-${crypto.randomUUID()}`,
      FLC_REDIS_PARTITIONS: '1',
      FLC_PERSISTER_WORKERS: '1',
    });
    platform = await startStandalone(config);
    const running = platform;
    const call = restClient(() => running.url);
    const tenant = await chatTenant(call, { name: 'Editing Co' });
    const guest = await bootVisitor(call, tenant);
    const { id } = await openConversation(call, guest);
    const ws = running.url.replace('http://', 'ws://');
    const agent = await TestClient.connect(`${ws}/v1/ws?token=${tenant.owner.accessToken}`);
    await agent.next('ready');
    agent.send({ t: 'subscribe', conversationId: id, afterSeq: 0, afterRev: 0 });
    await agent.next('subscribed');
    agent.send({ t: 'send', cid: 'typo-1', conversationId: id, body: 'teh answer' });
    const { seq } = await agent.next('ack');
    const edited = await call(
      'PATCH',
      `/v1/conversations/${id}/messages/${seq}`,
      { body: 'the answer' },
      tenant.ownerAuth,
    );
    expect(edited.status).toBe(200);
    expect(await agent.next('message.updated')).toMatchObject({ seq, rev: 1, body: 'the answer' });
    const history = await call(
      'GET',
      `/v1/conversations/${id}/messages`,
      undefined,
      tenant.ownerAuth,
    );
    expect(history.body.items.map((m: { body: string }) => m.body)).toEqual(['the answer']);

    const settings = redisSettingsOf(config);
    if (!settings) throw new Error('REDIS_URL is set: the settings exist');
    const context = openRedis(settings, 'test-admin');
    try {
      const { stream } = conversationKeys(context.layout, id).partition;
      const frames = (await context.commands.xrange(stream, '-', '+')).map(([, f]) => String(f[5]));
      expect(frames.join('')).not.toContain('teh answer');
    } finally {
      await context.close();
      agent.close();
    }
  }, 60_000);
});
