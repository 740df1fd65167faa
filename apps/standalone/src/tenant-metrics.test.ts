import { afterAll, beforeAll, expect, test } from 'bun:test';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@flc/config';
import {
  bootVisitor,
  chatTenant,
  openConversation,
  restClient,
  TestClient,
  visitorSays,
} from '@flc/testkit';
import { type Standalone, startStandalone } from './standalone.ts';

// The standalone process's /metrics with FLC_METRICS_TENANT_LABELS=1: the first tenant it sees
// has series of its own, the second counts under "other", for messages and for sockets alike.
const dataDir = join(tmpdir(), `flc-tenant-metrics-${crypto.randomUUID()}`);
let platform: Standalone;
const clients: TestClient[] = [];
beforeAll(async () => {
  platform = await startStandalone(
    loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      FLC_DATA_DIR: dataDir,
      FLC_METRICS_TENANT_LABELS: '1',
    }),
  );
}, 60_000);
afterAll(async () => {
  for (const client of clients) client.close();
  await platform.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test('per-tenant messages and sockets stay within the label bound', async () => {
  const rest = restClient(() => platform.url);
  const ws = platform.url.replace('http://', 'ws://');
  const organizations: string[] = [];
  for (const [name, messages] of [
    ['First', 2],
    ['Second', 3],
  ] as const) {
    const tenant = await chatTenant(rest, { name });
    organizations.push(tenant.owner.organization.id);
    const visitor = await bootVisitor(rest, tenant);
    const { id } = await openConversation(rest, visitor);
    for (let i = 0; i < messages; i++) await visitorSays(rest, visitor, id, `#${i}`);
    const agent = await TestClient.connect(`${ws}/v1/ws?token=${tenant.owner.accessToken}`);
    clients.push(agent);
    await agent.next('ready');
  }
  const text = await (await fetch(`${platform.url}/metrics`)).text();
  const series = (name: string) =>
    text
      .split('\n')
      .filter((line) => line.startsWith(`${name}{`))
      .sort();
  expect(series('flc_tenant_messages_total')).toEqual(
    [`organization="${organizations[0]}"} 2`, 'organization="other"} 3']
      .map((s) => `flc_tenant_messages_total{${s}`)
      .sort(),
  );
  expect(series('flc_tenant_sockets')).toEqual(
    [`organization="${organizations[0]}"} 1`, 'organization="other"} 1']
      .map((s) => `flc_tenant_sockets{${s}`)
      .sort(),
  );
  expect(text).not.toContain(organizations[1]);
}, 60_000);
