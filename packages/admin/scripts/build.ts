/**
 * `bun run build` (packages/admin): builds the npm package @fast-light-chat/admin in `npm/` — its
 * manifest, README and CHANGELOG are committed there; this writes `npm/dist/`:
 *
 * - `index.js` (ESM) and `index.cjs` (CommonJS), bundled by Bun. The webhook signing code comes
 *   from @flc/core (the dispatcher's own) and is inlined; openapi-fetch stays a dependency.
 * - `index.d.ts` and `index.d.cts`, one declaration file bundled by dts-bundle-generator: the
 *   generated `paths` types are inlined, openapi-fetch's types are imported from it.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDtsBundle } from 'dts-bundle-generator';
import ts from 'typescript';
import { bundleEsmAndCjs } from '../../../scripts/npm-bundle.ts';

const root = join(import.meta.dir, '..');
const entry = join(root, 'src', 'index.ts');
const out = join(root, 'npm', 'dist');
const repoConfig = join(root, '..', '..', 'tsconfig.json');
/** The package's dependencies: imported by the output, never bundled into it. */
const external = ['openapi-fetch'];

async function bundleJs(): Promise<void> {
  await bundleEsmAndCjs(entry, out, { external });
  // openapi-fetch's CommonJS file sets `__esModule` and puts createClient on `exports.default`
  // (Babel/TypeScript interop); Bun's Node-mode interop would take the whole exports object as
  // the default import. Honour the flag, as Node users' bundlers and TypeScript do.
  const cjs = join(out, 'index.cjs');
  const nodeMode = '__toESM(require("openapi-fetch"), 1)';
  const text = readFileSync(cjs, 'utf8');
  if (!text.includes(nodeMode)) throw new Error(`index.cjs no longer has ${nodeMode}`);
  writeFileSync(cjs, text.replace(nodeMode, '__toESM(require("openapi-fetch"))'));
}

function bundleTypes(): void {
  const work = mkdtempSync(join(tmpdir(), 'flc-admin-types-'));
  try {
    const config = join(work, 'tsconfig.json');
    const { compilerOptions: base } = JSON.parse(ts.sys.readFile(repoConfig) ?? '{}') as {
      compilerOptions: Record<string, unknown>;
    };
    // The workspace modules it inlines, by path: reached through node_modules, TypeScript would
    // emit no declarations for them, and their source would be copied as it is.
    const packages = join(root, '..');
    const paths = {
      '@flc/core/webhooks/*': [join(packages, 'core', 'src', 'webhooks', '*.ts')],
      '@flc/protocol/webhook-events': [
        join(packages, 'protocol', 'src', 'resources', 'webhook-event-types.ts'),
      ],
    };
    writeFileSync(
      config,
      JSON.stringify({ compilerOptions: { ...base, types: [], paths }, files: [entry] }),
    );
    const [dts] = generateDtsBundle(
      [
        {
          filePath: entry,
          output: { noBanner: true, exportReferencedTypes: false },
          libraries: { importedLibraries: external },
        },
      ],
      { preferredConfigPath: config },
    );
    const imports = [...(dts ?? '').matchAll(/from ['"]([^'"]+)['"]/g)].map((m) => m[1]);
    const stray = imports.filter((name) => !external.includes(name ?? ''));
    if (!dts || stray.length > 0) {
      throw new Error(`the bundled declarations import ${stray.join(', ') || 'nothing usable'}`);
    }
    writeFileSync(join(out, 'index.d.ts'), dts);
    writeFileSync(join(out, 'index.d.cts'), dts);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await bundleJs();
bundleTypes();
console.log(`built ${out}`);
