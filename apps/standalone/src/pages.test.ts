import { beforeAll, expect, test } from 'bun:test';
import { platformVersion } from '@flc/config';
import { type Pages, widgetPages } from './pages.ts';

let pages: Pages;
beforeAll(async () => {
  pages = await widgetPages();
}, 60_000);

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => {
  const response = pages(new Request(`http://chat.test${path}`, { headers, method }));
  if (!response) throw new Error(`${path} was not answered`);
  return response;
};

test('/widget.js is the built widget, gzipped when accepted, revalidated by its ETag', async () => {
  const plain = get('/widget.js');
  expect(plain.status).toBe(200);
  expect(plain.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  const code = await plain.text();
  expect(code).toContain('FLC');
  expect(code).not.toMatch(/TypeCompiler|sinclair/);
  const etag = plain.headers.get('etag') ?? '';
  expect(etag).toMatch(/^"[\w-]{27}"$/);

  const gzipped = get('/widget.js', { 'accept-encoding': 'gzip, br' });
  expect(gzipped.headers.get('content-encoding')).toBe('gzip');
  const bytes = new Uint8Array(await gzipped.arrayBuffer());
  expect(new TextDecoder().decode(Bun.gunzipSync(bytes))).toBe(code);

  const again = get('/widget.js', { 'if-none-match': `W/"other", ${etag}` });
  expect(again.status).toBe(304);
  expect(await again.text()).toBe('');
  expect(get('/widget.js', { 'if-none-match': '"stale"' }).status).toBe(200);
});

test('/widget.js is fresh for five minutes, then revalidated', () => {
  expect(get('/widget.js').headers.get('cache-control')).toBe(
    'public, max-age=300, must-revalidate',
  );
});

test('/widget/<this version>.js is the same widget, immutable for a year; HEAD, gzip and 304 too', async () => {
  const pinned = `/widget/${platformVersion}.js`;
  const latest = get('/widget.js');
  const response = get(pinned);
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  expect(response.headers.get('etag')).toBe(latest.headers.get('etag'));
  expect(await response.text()).toBe(await latest.text());

  const head = get(pinned, { 'accept-encoding': 'gzip' }, 'HEAD');
  expect([head.status, head.headers.get('content-encoding')]).toEqual([200, 'gzip']);
  expect(head.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  expect(await head.text()).toBe('');

  const gzipped = get(pinned, { 'accept-encoding': 'gzip' });
  const bytes = new Uint8Array(await gzipped.arrayBuffer());
  expect(new TextDecoder().decode(Bun.gunzipSync(bytes))).toBe(await get(pinned).text());
  const etag = response.headers.get('etag') ?? '';
  expect(get(pinned, { 'if-none-match': etag }).status).toBe(304);
});

test('another version of the widget is 404, not cached; other /widget/ paths are left alone', async () => {
  for (const path of ['/widget/0.0.1.js', '/widget/99.0.0.js', '/widget/1.2.3-beta.1.js']) {
    for (const method of ['GET', 'HEAD']) {
      const response = get(path, {}, method);
      expect({ path, method, status: response.status }).toEqual({ path, method, status: 404 });
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
  }
  expect(pages(new Request('http://chat.test/widget/latest.js'))).toBeUndefined();
  expect(pages(new Request(`http://chat.test/widget/${platformVersion}.js.map`))).toBeUndefined();
});

test('a platform of another version pins that one', async () => {
  const other = await widgetPages('2.3.4');
  const pinned = other(new Request('http://chat.test/widget/2.3.4.js'));
  expect(pinned?.status).toBe(200);
  expect(other(new Request(`http://chat.test/widget/${platformVersion}.js`))?.status).toBe(404);
}, 60_000);

test('/demo embeds the loader with the plugin key, escaped; without one it asks for it', async () => {
  const demo = get('/demo?pluginKey=pk_%3C%2Fscript%3E%3Cb%3E');
  expect(demo.headers.get('content-type')).toBe('text/html; charset=utf-8');
  const html = await demo.text();
  expect(html).toContain('(window,document,"http://chat.test/widget.js");');
  expect(html).toContain(`FLC('boot',{"pluginKey":"pk_\\u003c/script>\\u003cb>"});`);
  expect(html).toContain('<code>pk_&lt;/script&gt;&lt;b&gt;</code>');
  expect(html).not.toContain('<b>');

  const form = await get('/demo').text();
  expect(form).toContain('<form method="get" action="/demo">');
  expect(form).toContain('name="pluginKey" required');
  expect(form).not.toContain('FLC(');
});

test('/demo runs only its own snippet and the widget, and cannot be framed', async () => {
  const demo = get('/demo?pluginKey=pk_test');
  const html = await demo.text();
  const csp = demo.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("frame-ancestors 'none'");
  expect(demo.headers.get('x-frame-options')).toBe('DENY');
  // The one inline script is allowed by its hash, nothing inline beside it.
  const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
  expect(inline).toHaveLength(1);
  const hash = new Bun.CryptoHasher('sha256').update(inline[0] ?? '').digest('base64');
  expect(csp).toContain(`script-src 'self' 'sha256-${hash}'`);
  expect(csp.split('; ').find((d) => d.startsWith('script-src'))).not.toContain('unsafe');
});

test('other paths and methods are left to the API', () => {
  expect(pages(new Request('http://chat.test/v1/widget/boot', { method: 'POST' }))).toBeUndefined();
  expect(pages(new Request('http://chat.test/widget.js', { method: 'POST' }))).toBeUndefined();
  expect(pages(new Request('http://chat.test/health'))).toBeUndefined();
});
