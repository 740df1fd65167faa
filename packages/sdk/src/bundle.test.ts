import { expect, test } from 'bun:test';
import { join } from 'node:path';

// The widget ships this bundle to every tenant page: keep TypeBox out and the size small.
test('the browser bundle has no TypeBox runtime and stays under 8 KiB gzipped', async () => {
  const build = await Bun.build({
    entrypoints: [join(import.meta.dir, 'index.ts')],
    target: 'browser',
    format: 'esm',
    minify: true,
  });
  expect(build.success).toBe(true);
  const [bundle] = build.outputs;
  const code = await (bundle as Blob).text();
  expect(code.match(/TypeCompiler|TypeBox|sinclair/)?.[0]).toBeUndefined();
  expect(/export\{[^}]*createClient/.test(code)).toBe(true);
  const gzipped = Bun.gzipSync(new TextEncoder().encode(code), { level: 9 }).byteLength;
  expect(gzipped).toBeLessThan(8 * 1024);
});
