import { expect, test } from 'bun:test';
import { join, relative } from 'node:path';
import { scanJsxLiterals } from './literals.ts';

const src = join(import.meta.dir, '..', '..');

/**
 * Text that reads the same in every language: the product's name, each language's own name in
 * the language select, a protocol's. Symbols and example URLs and addresses need no entry.
 */
const ALLOWED = new Set(['Fast Light Chat', 'English', '한국어', 'HTTP']);

test('no user-facing text is written straight into the console’s JSX', async () => {
  const offenders: string[] = [];
  let scanned = 0;
  for await (const path of new Bun.Glob('**/*.tsx').scan(src)) {
    const file = relative(src, join(src, path));
    scanned += 1;
    for (const l of scanJsxLiterals(file, await Bun.file(join(src, path)).text(), ALLOWED)) {
      offenders.push(`${l.file}:${l.line} ${JSON.stringify(l.text)}`);
    }
  }
  expect(scanned).toBeGreaterThan(90);
  // Put the text in the feature's i18n.en.ts (and i18n.ko.ts) and render it with t().
  expect(offenders).toEqual([]);
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
