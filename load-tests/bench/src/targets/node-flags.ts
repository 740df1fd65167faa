import { join } from 'node:path';
import type { BenchOptions } from '../options.ts';

/** Extra `node` flags for the Node targets: a CPU profile written on exit with --profile 1. */
export function nodeFlags(options: BenchOptions): string[] {
  return options.profile ? ['--cpu-prof', `--cpu-prof-dir=${join(options.out, 'profiles')}`] : [];
}
