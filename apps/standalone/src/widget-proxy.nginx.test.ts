import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import {
  chmodSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { platformVersion } from '@flc/config';
import { toolPath } from '@flc/storage/testing';
import { eventually, freePort } from '@flc/testkit';
import type { Subprocess } from 'bun';
import { run } from './testing/sdk-package.ts';

// The scaled profile's front door as its image is built: the widget built by its own script,
// laid out by infra/proxy.Dockerfile's COPY lines, served by a real nginx with infra/nginx.conf
// (its port, root and upstreams put here): the same paths and caching as the standalone's.
const suiteName = "the proxy's widget paths";
const nginx = toolPath('nginx', suiteName);
const repo = join(import.meta.dir, '..', '..', '..');
const work = mkdtempSync(join(tmpdir(), 'flc-nginx-'));
// Started as root, nginx serves files as an unprivileged worker: the temp dir must be readable.
chmodSync(work, 0o755);
const html = join(work, 'html');
let server: Subprocess | undefined;
let origin = '';

/** Copies what the Dockerfile copies from the widget's dist into the image's html root. */
function layOutAsTheImage(): void {
  const dockerfile = readFileSync(join(repo, 'infra', 'proxy.Dockerfile'), 'utf8');
  const copies = [
    ...dockerfile.matchAll(
      /^COPY --from=build \/app\/(apps\/widget\/\S+) \/usr\/share\/nginx\/html\/(\S+)$/gm,
    ),
  ];
  expect(copies.length).toBeGreaterThan(0);
  for (const [, from = '', to = ''] of copies) {
    const target = join(html, to);
    mkdirSync(to.endsWith('/') ? target : join(target, '..'), { recursive: true });
    cpSync(join(repo, from), target, { recursive: true });
  }
}

function configure(port: number): string {
  const site = readFileSync(join(repo, 'infra', 'nginx.conf'), 'utf8')
    .replace('listen 8080;', `listen 127.0.0.1:${port};`)
    .replace('root /usr/share/nginx/html;', `root ${html};`);
  const temp = (name: string) => `${name}_temp_path ${join(work, name)};`;
  const conf = join(work, 'nginx.conf');
  writeFileSync(
    conf,
    `pid ${join(work, 'nginx.pid')};
error_log ${join(work, 'error.log')};
events {}
http {
  include /etc/nginx/mime.types;
  access_log off;
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}
  upstream flc_api { server 127.0.0.1:${freePort()}; }
  upstream flc_realtime { server 127.0.0.1:${freePort()}; }
${site}
}
`,
  );
  return conf;
}

describe.skipIf(!nginx)(suiteName, () => {
  beforeAll(async () => {
    await run([process.execPath, 'run', 'build'], join(repo, 'apps', 'widget'), {}, 120_000);
    layOutAsTheImage();
    const port = freePort();
    const conf = configure(port);
    server = Bun.spawn([nginx as string, '-p', work, '-c', conf, '-g', 'daemon off;'], {
      stdout: 'inherit',
      stderr: 'inherit',
    });
    origin = `http://127.0.0.1:${port}`;
    await eventually('nginx to answer', async () => {
      const ok = await fetch(`${origin}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      return ok || server?.exitCode !== null;
    });
    if (server.exitCode !== null) throw new Error(`nginx exited with ${server.exitCode}`);
  }, 180_000);
  afterAll(async () => {
    server?.kill();
    await server?.exited;
    rmSync(work, { recursive: true, force: true });
  });

  const get = (path: string, init: RequestInit & { decompress?: boolean } = {}) =>
    fetch(`${origin}${path}`, init);
  const built = () => readFileSync(join(repo, 'apps', 'widget', 'dist', 'widget.js'), 'utf8');

  test('/widget.js: the built widget, fresh for five minutes, revalidated by its ETag', async () => {
    const res = await get('/widget.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300, must-revalidate');
    expect(await res.text()).toBe(built());
    const etag = res.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    expect((await get('/widget.js', { headers: { 'if-none-match': etag } })).status).toBe(304);
  });

  test('/widget/<this version>.js: the same script, immutable; HEAD and gzip too', async () => {
    const path = `/widget/${platformVersion}.js`;
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await res.text()).toBe(built());
    const head = await get(path, { method: 'HEAD' });
    expect([head.status, await head.text()]).toEqual([200, '']);
    const gzipped = await get(path, { headers: { 'accept-encoding': 'gzip' }, decompress: false });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    const bytes = new Uint8Array(await gzipped.arrayBuffer());
    expect(new TextDecoder().decode(Bun.gunzipSync(bytes))).toBe(built());
  });

  test('another version is 404, not cached', async () => {
    for (const path of ['/widget/0.0.1.js', '/widget/99.1.0-beta.1.js']) {
      const res = await get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });
});
