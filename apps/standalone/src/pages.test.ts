import { beforeAll, expect, test } from 'bun:test';
import { type Pages, widgetPages } from './pages.ts';

let pages: Pages;
beforeAll(async () => {
  pages = await widgetPages();
}, 60_000);

const get = (path: string, headers: Record<string, string> = {}) => {
  const response = pages(new Request(`http://chat.test${path}`, { headers }));
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
