/**
 * `bun run build` (packages/react): builds the npm package @fast-light-chat/react in `npm/` — its
 * manifest, README and CHANGELOG are committed there; this writes `npm/dist/`:
 *
 * - `index.js` (ESM) and `index.cjs` (CommonJS), bundled by Bun, importing `react` and
 *   `@fast-light-chat/sdk` (the published name of the workspace's @flc/sdk): both are peer
 *   dependencies, so the hooks use the application's own React and its own client.
 * - `index.d.ts` and `index.d.cts`, bundled by dts-bundle-generator, importing the same two.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateDtsBundle } from 'dts-bundle-generator';
import ts from 'typescript';
import { bundleEsmAndCjs } from '../../../scripts/npm-bundle.ts';

const root = join(import.meta.dir, '..');
const entry = join(root, 'src', 'index.ts');
const out = join(root, 'npm', 'dist');
const repoConfig = join(root, '..', '..', 'tsconfig.json');
const sdk = { workspace: '@flc/sdk', published: '@fast-light-chat/sdk' };
const external = ['react', sdk.workspace];

/** The workspace name of the SDK, as the published package imports it. */
const published = (text: string) =>
  text
    .replaceAll(`"${sdk.workspace}"`, `"${sdk.published}"`)
    .replaceAll(`'${sdk.workspace}'`, `'${sdk.published}'`);

function bundleTypes(): void {
  const work = mkdtempSync(join(tmpdir(), 'flc-react-types-'));
  try {
    const config = join(work, 'tsconfig.json');
    const { compilerOptions: base } = JSON.parse(ts.sys.readFile(repoConfig) ?? '{}') as {
      compilerOptions: Record<string, unknown>;
    };
    // Without following symlinks, @types/react's own dependency must be named where it lies.
    const reactTypes = realpathSync(join(root, 'node_modules', '@types', 'react'));
    const csstype = dirname(Bun.resolveSync('csstype/package.json', reactTypes));
    writeFileSync(
      config,
      JSON.stringify({
        compilerOptions: { ...base, types: [], paths: { csstype: [join(csstype, 'index.d.ts')] } },
        files: [entry],
      }),
    );
    const [dts] = generateDtsBundle(
      [
        {
          filePath: entry,
          output: { noBanner: true, exportReferencedTypes: false },
          libraries: { importedLibraries: external },
        },
      ],
      // Symlinks not followed: @flc/sdk lies under node_modules, a library to import, not inline.
      { preferredConfigPath: config, followSymlinks: false },
    );
    const text = published(dts ?? '');
    const imports = [...text.matchAll(/from ['"]([^'"]+)['"]/g)].map((m) => m[1] ?? '');
    const stray = imports.filter((name) => name !== 'react' && name !== sdk.published);
    if (!dts || stray.length > 0) {
      throw new Error(`the bundled declarations import ${stray.join(', ') || 'nothing usable'}`);
    }
    writeFileSync(join(out, 'index.d.ts'), text);
    writeFileSync(join(out, 'index.d.cts'), text);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await bundleEsmAndCjs(entry, out, { external, rewrite: published });
bundleTypes();
console.log(`built ${out}`);
