import { afterAll, expect, test } from 'bun:test';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@flc/config';
import { startStandalone } from './standalone.ts';

const dataDir = join(tmpdir(), `flc-standalone-${crypto.randomUUID()}`);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const config = () => loadConfig({ PORT: '0', HOST: '127.0.0.1', FLC_DATA_DIR: dataDir });
const post = (url: string, body: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

test('serves health and the OpenAPI document over HTTP', async () => {
  const platform = await startStandalone(config());
  try {
    const health = await fetch(`${platform.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${platform.url}/ready`);
    expect(ready.status).toBe(200);
    const doc = await (await fetch(`${platform.url}/swagger/json`)).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/v1/auth/signup');
  } finally {
    await platform.stop();
  }
});

test('a body over the limit is 413 in the error shape', async () => {
  const platform = await startStandalone({ ...config(), maxBodyBytes: 2048 });
  try {
    const res = await post(`${platform.url}/v1/auth/login`, {
      email: 'a@b.co',
      password: 'x'.repeat(3000),
    });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('too_large');
  } finally {
    await platform.stop();
  }
});

test('data and tokens survive a restart', async () => {
  const first = await startStandalone(config());
  const signup = await post(`${first.url}/v1/auth/signup`, {
    organizationName: 'Restart Inc',
    name: 'Ada',
    email: 'ada@restart.example',
    password: 'a long enough password',
  });
  expect(signup.status).toBe(201);
  const { accessToken } = await signup.json();
  await first.stop();

  const second = await startStandalone(config());
  try {
    const me = await fetch(`${second.url}/v1/me`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(me.status).toBe(200);
    expect((await me.json()).organization.name).toBe('Restart Inc');
    const login = await post(`${second.url}/v1/auth/login`, {
      email: 'ada@restart.example',
      password: 'a long enough password',
    });
    expect(login.status).toBe(200);
  } finally {
    await second.stop();
  }
});
