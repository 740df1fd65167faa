import { existsSync, readFileSync } from 'node:fs';

export interface Totals {
  passed: number;
  failed: number;
  /** Skipped and todo tests. */
  skipped: number;
}

/**
 * Totals from the root `<testsuites tests=".." failures=".." skipped="..">` element of the
 * JUnit report bun test writes; null when there is no readable report.
 */
export function readTotals(path: string): Totals | null {
  if (!existsSync(path)) return null;
  const root = /<testsuites\b([^>]*)>/.exec(readFileSync(path, 'utf8'))?.[1];
  if (root === undefined) return null;
  const count = (name: string) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(root)?.[1] ?? 0);
  const tests = count('tests');
  const failed = count('failures') + count('errors');
  const skipped = count('skipped');
  return { passed: tests - failed - skipped, failed, skipped };
}

/** The last line of `bun run test`, the one CI logs and people grep for. */
export function closingLine({ passed, failed, skipped }: Totals): string {
  const line = `tests: ${passed} passed, ${failed} failed`;
  return skipped > 0 ? `${line}, ${skipped} skipped` : line;
}
