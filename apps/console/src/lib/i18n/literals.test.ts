import { expect, test } from 'bun:test';
import { join, relative } from 'node:path';
import { scanJsxLiterals } from './literals.ts';

const src = join(import.meta.dir, '..', '..');

/** Text that is the same in every language: the product's and languages' names, units. */
const ALLOWED = new Set(['Fast Light Chat', 'English', '한국어', 'HTTP']);

/**
 * Screens not externalized yet (issue #23 goes feature by feature); this list only shrinks. A
 * file leaves it once it has no literal left, and the test fails if a listed file is clean, so
 * the list cannot go stale.
 */
const PENDING = new Set<string>([]);

test('no user-facing text is written straight into the console’s JSX', async () => {
  const glob = new Bun.Glob('**/*.tsx');
  const offenders: string[] = [];
  const clean: string[] = [];
  for await (const path of glob.scan(src)) {
    const file = relative(src, join(src, path));
    const literals = scanJsxLiterals(file, await Bun.file(join(src, path)).text(), ALLOWED);
    if (PENDING.has(file)) {
      if (literals.length === 0) clean.push(file);
      continue;
    }
    for (const l of literals) offenders.push(`${l.file}:${l.line} ${JSON.stringify(l.text)}`);
  }
  expect(offenders).toEqual([]);
  expect(clean).toEqual([]);
});

test('the scan finds text, attributes and literal expressions, and skips symbols', () => {
  const found = scanJsxLiterals(
    'x.tsx',
    `export const X = () => (
      <div title="Hello" aria-label={'Menu'}>
        Welcome
        {ok ? 'Yes' : 'No'}
        <button aria-label={label}>×</button>
        <span>{\`\${n} items\`}</span>
        <b>Fast Light Chat</b>
      </div>
    );`,
    new Set(['Fast Light Chat']),
  );
  expect(found.map((l) => l.text)).toEqual(['Hello', 'Menu', 'Welcome', 'Yes | No', 'items']);
});
