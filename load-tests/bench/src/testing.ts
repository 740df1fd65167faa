import { afterAll, expect } from 'bun:test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Subprocess } from 'bun';
import { debianBinDirs } from '../../../scripts/test-services/postgres.ts';
import { cacheBinDir, findBinary } from '../../../scripts/test-services/server.ts';
import type { TargetResult } from './measure.ts';

/**
 * For the tests that run `bun run bench` in its smallest form, end to end: the bench starts its
 * own Redis and PostgreSQL (and the peers' servers) from the binaries `bun run test` uses. Under
 * CI every one must be there; elsewhere the test is skipped, loudly, without them. Answers
 * whether the test can run.
 */
export function benchBinaries(suite: string, extra: string[] = []): boolean {
  const needed: Record<string, string | null | undefined> = {
    'redis-server': findBinary('redis-server'),
    postgres: findBinary('postgres', debianBinDirs()),
    pg_dump: findBinary('pg_dump', debianBinDirs()),
    node: findBinary('node'),
    // The peers' servers may also be where `.ci/run` builds them.
    ...Object.fromEntries(extra.map((name) => [name, findBinary(name, [cacheBinDir()])])),
  };
  const missing = Object.entries(needed)
    .filter(([, path]) => !path)
    .map(([name]) => name);
  if (missing.length === 0) return true;
  const what = `${missing.join(', ')} not found (on PATH, in /usr/lib/postgresql/*/bin or ${cacheBinDir()})`;
  if (process.env.CI) throw new Error(`${what}: ${suite} cannot run, and CI requires it`);
  console.warn(`[skip] ${what}: skipping ${suite}`);
  return false;
}

export interface BenchRun {
  options: { scenario: string };
  results: TargetResult[];
}

/**
 * Runs the bench with `args` into a temp dir and answers what it saved; fails on a non-zero exit.
 * Stops a bench still running when the file's tests end.
 */
export function benchRunner(label: string): (args: string[]) => Promise<BenchRun> {
  const out = mkdtempSync(join(tmpdir(), `flc-bench-${label}-`));
  let bench: Subprocess<'ignore', 'pipe', 'pipe'> | undefined;
  afterAll(async () => {
    if (bench && bench.exitCode === null) {
      bench.kill('SIGTERM'); // the bench stops its servers and removes their files on SIGTERM
      await bench.exited;
    }
    rmSync(out, { recursive: true, force: true });
  });
  return async (args) => {
    bench = Bun.spawn([process.execPath, join(import.meta.dir, 'main.ts'), ...args, '--out', out], {
      stdin: 'ignore',
      stdout: 'pipe',
      stderr: 'pipe',
      // The test's own BENCH_* settings must not leak in.
      env: Object.fromEntries(
        Object.entries(process.env).filter(([key]) => !key.startsWith('BENCH_')),
      ),
    });
    const [stdout, stderr, code] = await Promise.all([
      new Response(bench.stdout).text(),
      new Response(bench.stderr).text(),
      bench.exited,
    ]);
    if (code !== 0) console.error(`[bench ${label}] exit ${code}\n${stdout}\n${stderr}`);
    expect(code).toBe(0);
    return JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8')) as BenchRun;
  };
}
