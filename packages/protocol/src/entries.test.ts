import { expect, test } from 'bun:test';
import { join } from 'node:path';
import pkg from '../package.json' with { type: 'json' };

// Clients bundle these entries (the SDK and the widget take `./codes`, the console
// `./webhook-events` and `./canned-templates`): no TypeBox in them.
const runtimeFree = ['./codes', './webhook-events', './canned-templates'] as const;

test.each(runtimeFree)('the %s entry bundles without TypeBox', async (entry) => {
  const file = pkg.exports[entry];
  const build = await Bun.build({
    entrypoints: [join(import.meta.dir, '..', file)],
    target: 'browser',
    format: 'esm',
  });
  expect(build.success).toBe(true);
  const [bundle] = build.outputs;
  const code = await (bundle as Blob).text();
  expect(code.match(/TypeCompiler|TypeBox|sinclair/)?.[0]).toBeUndefined();
});
