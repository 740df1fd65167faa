import { afterAll, expect, test } from 'bun:test';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlansConfigError } from '@flc/api';
import { loadConfig } from '@flc/config';
import { restClient, signUp } from '@flc/testkit';
import { startStandalone } from './standalone.ts';

// FLC_PLANS_FILE and FLC_DEFAULT_PLAN at the standalone process's start: a wrong file or an
// unknown default plan stops it with what is wrong; a good one limits new tenants at once.
const dataDir = join(tmpdir(), `flc-plans-${crypto.randomUUID()}`);
const plansFile = `${dataDir}.json`;
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(plansFile, { force: true });
});
const config = (env: Record<string, string>) =>
  loadConfig({ PORT: '0', HOST: '127.0.0.1', FLC_DATA_DIR: dataDir, ...env });

test('a wrong plans file or default plan stops start-up, naming what is wrong', async () => {
  writeFileSync(plansFile, JSON.stringify([{ id: 'free', name: 'Free', limits: { agents: -1 } }]));
  const bad = await startStandalone(config({ FLC_PLANS_FILE: plansFile })).catch((e) => e);
  expect(bad).toBeInstanceOf(PlansConfigError);
  expect(bad.message).toContain('[0].limits.agents');

  writeFileSync(plansFile, JSON.stringify([{ id: 'free', name: 'Free', limits: { agents: 1 } }]));
  const unknown = await startStandalone(
    config({ FLC_PLANS_FILE: plansFile, FLC_DEFAULT_PLAN: 'gold' }),
  ).catch((e) => e);
  expect(unknown).toBeInstanceOf(PlansConfigError);
  expect(unknown.message).toContain('FLC_DEFAULT_PLAN "gold" is not a plan');
}, 60_000);

test("the file's default plan limits a tenant that has none of its own", async () => {
  writeFileSync(plansFile, JSON.stringify([{ id: 'free', name: 'Free', limits: { agents: 1 } }]));
  const platform = await startStandalone(
    config({ FLC_PLANS_FILE: plansFile, FLC_DEFAULT_PLAN: 'free' }),
  );
  try {
    const rest = restClient(() => platform.url);
    const owner = await signUp(rest);
    const invite = await rest(
      'POST',
      '/v1/agents',
      { email: 'second@example.com', name: 'Second', role: 'agent' },
      { authorization: `Bearer ${owner.accessToken}` },
    );
    expect(invite.status).toBe(402);
    expect(invite.body.error).toMatchObject({
      code: 'plan_limit_reached',
      limit: { name: 'agents', value: 1 },
    });
  } finally {
    await platform.stop();
  }
}, 60_000);
