import { afterAll, beforeAll, expect, test } from 'bun:test';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@flc/config';
import { type Standalone, startStandalone } from './standalone.ts';

// Found by Schemathesis: a long query (the OIDC callback's) was answered 431 by Bun's HTTP
// server, before the API saw it, and the document did not say so. Every operation declares it.
const dataDir = join(tmpdir(), `flc-oversized-${crypto.randomUUID()}`);
let platform: Standalone;
beforeAll(async () => {
  platform = await startStandalone(
    loadConfig({ PORT: '0', HOST: '127.0.0.1', FLC_DATA_DIR: dataDir }),
  );
}, 60_000);
afterAll(async () => {
  await platform?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test('a request line past the server limit is 431, which every operation declares', async () => {
  const long = await fetch(`${platform.url}/v1/auth/oidc/callback?error=${'x'.repeat(20_000)}`, {
    redirect: 'manual',
  });
  expect(long.status).toBe(431);
  expect(await long.text()).toBe('');
  const document = (await (await fetch(`${platform.url}/swagger/json`)).json()) as {
    paths: Record<string, Record<string, { responses: Record<string, { content?: unknown }> }>>;
  };
  const operations = Object.values(document.paths).flatMap((ops) => Object.values(ops));
  expect(operations.length).toBeGreaterThan(50);
  for (const op of operations) {
    expect(op.responses['431']).toBeDefined();
    expect(op.responses['431']?.content).toBeUndefined();
  }
});
