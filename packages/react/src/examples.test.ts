import { expect, test } from 'bun:test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The README shows the sample app that the browser smoke builds: each file verbatim, in a fence.
const root = join(import.meta.dir, '..');
const readme = readFileSync(join(root, 'npm', 'README.md'), 'utf8');
const fences = [...readme.matchAll(/```\w*\n([\s\S]*?)```/g)].map((m) => m[1]);

test.each(readdirSync(join(root, 'example')))('the README shows example/%s as it is', (file) => {
  const example = readFileSync(join(root, 'example', file), 'utf8');
  expect(fences).toContain(example);
});
