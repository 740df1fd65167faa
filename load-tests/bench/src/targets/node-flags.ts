import { join } from 'node:path';
import type { BenchOptions } from '../options.ts';

/**
 * Extra runtime flags for the product's targets (`node` and `bun` take the same ones): a CPU
 * profile written on exit with --profile 1.
 */
export function nodeFlags(options: BenchOptions): string[] {
  return options.profile ? ['--cpu-prof', `--cpu-prof-dir=${join(options.out, 'profiles')}`] : [];
}
