import { afterAll, beforeAll, expect, test } from 'bun:test';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, platformVersion } from '@flc/config';
import { type Standalone, startStandalone } from './standalone.ts';

// The widget's script over HTTP from the running standalone: the latest at /widget.js, this
// release pinned at /widget/<version>.js, the same bytes, each with its caching.
const dataDir = join(tmpdir(), `flc-widget-script-${crypto.randomUUID()}`);
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

const get = (path: string, init: RequestInit & { decompress?: boolean } = {}) =>
  fetch(`${platform.url}${path}`, init);

test('/widget.js and /widget/<this version>.js answer the same script, cached differently', async () => {
  const latest = await get('/widget.js');
  const pinned = await get(`/widget/${platformVersion}.js`);
  expect([latest.status, pinned.status]).toEqual([200, 200]);
  expect(latest.headers.get('cache-control')).toBe('public, max-age=300, must-revalidate');
  expect(pinned.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  expect(pinned.headers.get('etag')).toBe(latest.headers.get('etag'));
  const code = await pinned.text();
  expect(code).toBe(await latest.text());
  expect(code).toContain('FLC');

  // Gzipped on the wire when asked (not decompressed here: the bytes as sent).
  const gzipped = await get(`/widget/${platformVersion}.js`, {
    headers: { 'accept-encoding': 'gzip' },
    decompress: false,
  });
  expect(gzipped.headers.get('content-encoding')).toBe('gzip');
  const bytes = new Uint8Array(await gzipped.arrayBuffer());
  expect(new TextDecoder().decode(Bun.gunzipSync(bytes))).toBe(code);

  const head = await get(`/widget/${platformVersion}.js`, { method: 'HEAD' });
  expect([head.status, await head.text()]).toEqual([200, '']);
  const etag = pinned.headers.get('etag') ?? '';
  expect(
    (await get(`/widget/${platformVersion}.js`, { headers: { 'if-none-match': etag } })).status,
  ).toBe(304);
});

test('another version is 404 and not cached', async () => {
  const res = await get('/widget/0.0.0-old.js');
  expect(res.status).toBe(404);
  expect(res.headers.get('cache-control')).toBe('no-store');
});
