import { afterAll, describe, expect, test } from 'bun:test';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@flc/config';
import { serviceUrl } from '@flc/storage/testing';
import {
  bootVisitor,
  chatTenant,
  eventually,
  openConversation,
  restClient,
  visitorSays,
} from '@flc/testkit';
import { type Standalone, startStandalone } from './standalone.ts';

// The reports' first response on the scaled message path (Redis bus, persister workers): the
// agent's reply is recorded on its conversation by the persister, not by the request, and the
// report counts it once it is.
const redis = serviceUrl('redis');

describe.if(Boolean(redis))('reports in the standalone process with REDIS_URL', () => {
  const dataDir = join(tmpdir(), `flc-reports-${crypto.randomUUID()}`);
  let platform: Standalone | undefined;
  afterAll(async () => {
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  test("an agent's reply, persisted from the stream, is the conversation's first response", async () => {
    platform = await startStandalone(
      loadConfig({
        FLC_DATA_DIR: dataDir,
        PORT: '0',
        HOST: '127.0.0.1',
        REDIS_URL: redis ?? '',
        FLC_REDIS_PREFIX: `flc-test-${crypto.randomUUID()}`,
        FLC_REDIS_PARTITIONS: '1',
        FLC_PERSISTER_WORKERS: '1',
      }),
    );
    const running = platform;
    const call = restClient(() => running.url);
    const tenant = await chatTenant(call, { name: 'Reported Co' });
    const visitor = await bootVisitor(call, tenant);
    const { id } = await openConversation(call, visitor);
    await visitorSays(call, visitor, id, 'Is anyone there?');
    const reply = await call(
      'POST',
      `/v1/conversations/${id}/messages`,
      { body: 'Yes, how can I help?' },
      tenant.ownerAuth,
    );
    expect(reply.status).toBe(201);
    const overview = async () =>
      (await call('GET', '/v1/reports/overview', undefined, tenant.ownerAuth)).body;
    await eventually('the persister recorded the first response', async () => {
      return (await overview()).totals.firstResponse.count === 1;
    });
    const agents = await call('GET', '/v1/reports/agents', undefined, tenant.ownerAuth);
    expect(agents.body.items[0]).toMatchObject({
      agentId: tenant.owner.agent.id,
      firstResponse: { count: 1 },
    });
    expect(
      (await call('PATCH', `/v1/conversations/${id}`, { status: 'closed' }, tenant.ownerAuth))
        .status,
    ).toBe(200);
    expect((await overview()).totals).toMatchObject({
      opened: 1,
      closed: 1,
      resolution: { count: 1 },
    });
  }, 60_000);
});
