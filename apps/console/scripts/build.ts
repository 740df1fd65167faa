/**
 * `bun run build`: writes the production console to dist/ (what a proxy or CDN serves in the
 * scaled profile) and prints each file's size, raw and gzipped.
 */
import { join } from 'node:path';
import { readBuild, viteBuild } from '../src/bundle.ts';

const dist = join(import.meta.dir, '..', 'dist');
await viteBuild(dist);
let raw = 0;
let gz = 0;
for (const [path, file] of readBuild(dist)) {
  raw += file.body.byteLength;
  gz += file.gzipped.byteLength;
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  console.log(`${path}: ${kib(file.body.byteLength)}, ${kib(file.gzipped.byteLength)} gzipped`);
}
console.log(`total: ${(raw / 1024).toFixed(1)} KiB, ${(gz / 1024).toFixed(1)} KiB gzipped`);
