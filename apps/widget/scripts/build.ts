/**
 * `bun run build`: writes dist/widget.js (minified, for browsers) and the same file as
 * dist/widget/<version>.js (the release's pinned copy, served immutable), and prints its size and the
 * loader snippet's, raw and gzipped, and fails if TypeBox's runtime got into the bundle.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { platformVersion } from '@flc/config';
import { buildWidget, loaderSnippet, pinnedWidgetPath } from '../src/bundle.ts';

const dist = join(import.meta.dir, '..', 'dist');
const { code, gzipped } = await buildWidget();
mkdirSync(dist, { recursive: true });
await Bun.write(join(dist, 'widget.js'), code);
await Bun.write(join(dist, pinnedWidgetPath(platformVersion)), code);
const snippet = loaderSnippet('https://chat.example.com/widget.js', {
  pluginKey: 'pk_0123456789abcdef',
});
await Bun.write(join(dist, 'snippet.html'), snippet);

const size = (text: string, gz: number) =>
  `${(text.length / 1024).toFixed(2)} KiB minified, ${(gz / 1024).toFixed(2)} KiB gzipped (${gz} bytes)`;
const gz = (text: string) => Bun.gzipSync(new TextEncoder().encode(text), { level: 9 }).byteLength;
console.log(`dist/widget.js: ${size(code, gzipped.byteLength)}`);
console.log(`loader snippet (dist/snippet.html): ${size(snippet, gz(snippet))}`);
if (/TypeCompiler|TypeBox|sinclair/.test(code)) {
  console.error('dist/widget.js contains TypeBox code; import protocol types with `import type`');
  process.exit(1);
}
