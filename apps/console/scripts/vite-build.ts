/** `bun scripts/vite-build.ts <outDir>`: the production build, used by src/bundle.ts and build.ts. */
import { join } from 'node:path';
import { build } from 'vite';

const outDir = process.argv[2];
if (!outDir) {
  console.error('usage: bun scripts/vite-build.ts <outDir>');
  process.exit(2);
}
const root = join(import.meta.dir, '..');
await build({
  root,
  configFile: join(root, 'vite.config.ts'),
  logLevel: 'warn',
  build: { outDir, emptyOutDir: true },
});
