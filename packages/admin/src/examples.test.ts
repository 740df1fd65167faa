import { expect, test } from 'bun:test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The README shows the examples that the package smoke runs: each one verbatim, in a fence.
const root = join(import.meta.dir, '..');
const readme = readFileSync(join(root, 'npm', 'README.md'), 'utf8');
const fences = [...readme.matchAll(/```\w*\n([\s\S]*?)```/g)].map((m) => m[1]);

test.each(readdirSync(join(root, 'examples')))('the README shows examples/%s as it is', (file) => {
  const example = readFileSync(join(root, 'examples', file), 'utf8');
  expect(fences).toContain(example);
});
