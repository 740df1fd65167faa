import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The JavaScript of one of the npm packages (sdk, admin, react): `entry` bundled by Bun into
 * `out` twice, `index.js` (ESM) and `index.cjs` (CommonJS). Web-standard code only (fetch, Web
 * Crypto, WebSocket), so the same files run in Node, Bun, browsers and workers. `external` stay
 * imports (the package's dependencies); `rewrite`, when given, edits each written file.
 */
export async function bundleEsmAndCjs(
  entry: string,
  out: string,
  options: { external?: string[]; rewrite?: (text: string) => string } = {},
): Promise<void> {
  for (const [format, naming] of [
    ['esm', 'index.js'],
    ['cjs', 'index.cjs'],
  ] as const) {
    const build = await Bun.build({
      entrypoints: [entry],
      outdir: out,
      naming,
      target: 'browser',
      format,
      ...(options.external && { external: options.external }),
    });
    if (!build.success) throw new AggregateError(build.logs, `the ${format} build failed`);
    if (options.rewrite) {
      const file = join(out, naming);
      writeFileSync(file, options.rewrite(readFileSync(file, 'utf8')));
    }
  }
}
