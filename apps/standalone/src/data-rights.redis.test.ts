import { afterAll, describe, expect, test } from 'bun:test';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@flc/config';
import { CloseCode } from '@flc/protocol';
import { conversationKeys, openRedis, redisSettingsOf } from '@flc/storage/redis';
import { serviceUrl } from '@flc/storage/testing';
import {
  bootVisitor,
  chatTenant,
  eventually,
  openConversation,
  restClient,
  TestClient,
} from '@flc/testkit';
import { type Standalone, startStandalone } from './standalone.ts';

// Erasing a contact on the scaled message path (Redis bus, persister workers, PGlite): the
// visitor's open socket is closed, and neither the store nor the Redis stream keeps a word of
// what it wrote, while another visitor's conversation keeps every entry.
const redis = serviceUrl('redis');

describe.if(Boolean(redis))('contact erasure in the standalone process with REDIS_URL', () => {
  const dataDir = join(tmpdir(), `flc-erase-${crypto.randomUUID()}`);
  let platform: Standalone | undefined;
  afterAll(async () => {
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  test('the socket closes with 4001; the store and the stream hold nothing of it', async () => {
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
    const tenant = await chatTenant(call, { name: 'Erasing Co' });
    const ws = running.url.replace('http://', 'ws://');
    const say = async (word: string) => {
      const guest = await bootVisitor(call, tenant);
      const { id } = await openConversation(call, guest);
      const socket = await TestClient.connect(`${ws}/v1/ws?token=${guest.sessionToken}`);
      await socket.next('ready');
      for (let i = 1; i <= 3; i++) {
        socket.send({ t: 'send', cid: `${word}-${i}`, conversationId: id, body: `${word} ${i}` });
      }
      await socket.next('ack', (f) => f.cid === `${word}-3`);
      return { guest, id, socket };
    };
    const gone = await say('marmot');
    const kept = await say('tapir');
    const stored = async (id: string) =>
      (await call('GET', `/v1/conversations/${id}/messages`, undefined, tenant.ownerAuth)).body
        ?.items?.length ?? 0;
    await eventually('the persister stored both', async () => {
      return (await stored(gone.id)) === 3 && (await stored(kept.id)) === 3;
    });

    const settings = redisSettingsOf(config);
    if (!settings) throw new Error('REDIS_URL is set: the settings exist');
    const context = openRedis(settings, 'test-admin');
    try {
      const { stream } = conversationKeys(context.layout, gone.id).partition;
      const words = async () =>
        (await context.commands.xrange(stream, '-', '+')).map(([, f]) => String(f[5]));
      expect((await words()).filter((w) => w.includes('marmot'))).toHaveLength(3);

      const erased = await call(
        'DELETE',
        `/v1/contacts/${gone.guest.contact.id}`,
        undefined,
        tenant.keyHeaders,
      );
      expect(erased.status).toBe(204);
      expect(await gone.socket.waitClose()).toEqual({
        code: CloseCode.unauthorized,
        reason: 'access revoked',
      });
      const left = await words();
      expect(left.filter((w) => w.includes('marmot'))).toEqual([]);
      expect(left.filter((w) => w.includes('tapir'))).toHaveLength(3);
      const history = await call(
        'GET',
        `/v1/conversations/${gone.id}/messages`,
        undefined,
        tenant.ownerAuth,
      );
      expect(history.status).toBe(404);
      const found = await call('GET', '/v1/search?q=marmot', undefined, tenant.ownerAuth);
      expect(found.body.items).toEqual([]);
      expect(await stored(kept.id)).toBe(3);
    } finally {
      await context.close();
      kept.socket.close();
    }
  }, 60_000);
});
