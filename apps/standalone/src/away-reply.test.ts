import { afterAll, describe, expect, test } from 'bun:test';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@flc/config';
import type { ServerFrameOf } from '@flc/protocol';
import { serviceUrl } from '@flc/storage/testing';
import { bootVisitor, chatTenant, openConversation, restClient, TestClient } from '@flc/testkit';
import { type Standalone, startStandalone } from './standalone.ts';

// The away message over the socket: a visitor's `send` while the environment is closed and no
// agent is online gets the away message as a `system` message frame, once, and again only after
// an agent wrote. On the embedded profile (written through) and with REDIS_URL (the bus and the
// persister workers: the reply follows the ack on its own).
const AWAY = 'We are closed; we will answer by email.';
const redis = serviceUrl('redis');
const closedWeek = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };

const profiles: { name: string; env: Record<string, string>; runs: boolean }[] = [
  { name: 'embedded', env: {}, runs: true },
  {
    name: 'REDIS_URL',
    env: {
      REDIS_URL: redis ?? '',
      FLC_REDIS_PREFIX: `flc-test-${crypto.randomUUID()}`,
      FLC_REDIS_PARTITIONS: '1',
      FLC_PERSISTER_WORKERS: '1',
    },
    runs: Boolean(redis),
  },
];

for (const profile of profiles) {
  describe.if(profile.runs)(`away message over the socket (${profile.name})`, () => {
    const dataDir = join(tmpdir(), `flc-away-${crypto.randomUUID()}`);
    let platform: Standalone | undefined;
    afterAll(async () => {
      await platform?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }, 30_000);

    test('a visitor writing while closed gets it once, again after an agent replied', async () => {
      platform = await startStandalone(
        loadConfig({ FLC_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', ...profile.env }),
      );
      const running = platform;
      const call = restClient(() => running.url);
      const tenant = await chatTenant(call, { name: 'Away Co' });
      const set = await call(
        'PUT',
        `/v1/environments/${tenant.env.id}/business-hours`,
        {
          enabled: true,
          timeZone: 'UTC',
          weekly: closedWeek,
          holidays: [],
          hideOutsideHours: false,
          awayMessage: AWAY,
          replyTimeMinutes: null,
        },
        tenant.ownerAuth,
      );
      expect(set.status).toBe(200);
      const guest = await bootVisitor(call, tenant);
      const { id } = await openConversation(call, guest);
      const ws = running.url.replace('http://', 'ws://');
      const visitor = await TestClient.connect(`${ws}/v1/ws?token=${guest.sessionToken}`);
      try {
        await visitor.next('ready');
        visitor.send({ t: 'subscribe', conversationId: id, afterSeq: 0 });
        await visitor.next('subscribed');
        const messages = () =>
          visitor.frames
            .filter((f): f is ServerFrameOf<'message'> => f.t === 'message')
            .map((m) => `${m.seq} ${m.sender.type}`);
        const says = async (cid: string, body: string) => {
          visitor.send({ t: 'send', cid, conversationId: id, body });
          return (await visitor.next('ack', (a) => a.cid === cid)).seq;
        };

        expect(await says('v-1', 'Hello?')).toBe(1);
        const reply = await visitor.next('message', (m) => m.sender.type === 'system');
        expect(reply).toMatchObject({ seq: 2, body: AWAY, sender: { id: tenant.env.id } });
        expect(await says('v-2', 'Anyone?')).toBe(3);
        await visitor.next('message', (m) => m.seq === 3);

        // An agent answers (REST, the same path as the console's socket send): the silence ends.
        const answered = await call(
          'POST',
          `/v1/conversations/${id}/messages`,
          { body: 'Here now' },
          tenant.ownerAuth,
        );
        expect(answered.body.seq).toBe(4);
        await visitor.next('message', (m) => m.seq === 4);
        expect(await says('v-3', 'Great')).toBe(5);
        await visitor.next('message', (m) => m.seq === 6);
        expect(messages()).toEqual([
          '1 visitor',
          '2 system',
          '3 visitor',
          '4 agent',
          '5 visitor',
          '6 system',
        ]);
      } finally {
        visitor.close();
      }
    }, 60_000);
  });
}
