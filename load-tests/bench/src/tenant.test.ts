import { afterAll, expect, test } from 'bun:test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Subprocess } from 'bun';
import { debianBinDirs } from '../../../scripts/test-services/postgres.ts';
import { findBinary } from '../../../scripts/test-services/server.ts';
import type { TargetResult } from './measure.ts';

// The bench's tenant scenario in its smallest form, end to end through `bun run bench`: one
// organization of 3 agents and 10 visitors on the standalone profile, one short phase; every
// message must reach every agent socket as an inbox `conversation` event. The bench starts its
// own Redis and PostgreSQL (it seeds through the API on PostgreSQL, then copies the rows into
// the standalone's PGlite) from the binaries `bun run test` uses: under CI they must be there;
// elsewhere the test is skipped, loudly, without them.
const AGENTS = 3;
const VISITORS = 10;
const RATE = 20;
const DURATION = 2;

const needed = {
  'redis-server': findBinary('redis-server'),
  postgres: findBinary('postgres', debianBinDirs()),
  pg_dump: findBinary('pg_dump', debianBinDirs()),
};
const missing = Object.entries(needed)
  .filter(([, path]) => !path)
  .map(([name]) => name);
if (missing.length > 0) {
  const what = `${missing.join(', ')} not found (on PATH or in /usr/lib/postgresql/*/bin)`;
  if (process.env.CI)
    throw new Error(`${what}: the bench's tenant test cannot run, and CI requires it`);
  console.warn(`[skip] ${what}: skipping the bench's tenant scenario test`);
}

const out = mkdtempSync(join(tmpdir(), 'flc-bench-tenant-'));
let bench: Subprocess<'ignore', 'pipe', 'pipe'> | undefined;

afterAll(async () => {
  if (bench && bench.exitCode === null) {
    bench.kill('SIGTERM'); // the bench stops its servers and removes their files on SIGTERM
    await bench.exited;
  }
  rmSync(out, { recursive: true, force: true });
});

test.if(missing.length === 0)(
  `bench --scenario tenant on standalone: ${AGENTS} agents × ${VISITORS} visitors, every message reaches every agent`,
  async () => {
    bench = Bun.spawn(
      [
        process.execPath,
        join(import.meta.dir, 'main.ts'),
        ...['--scenario', 'tenant', '--targets', 'standalone'],
        ...['--agents', String(AGENTS), '--visitors', String(VISITORS)],
        ...['--rates', String(RATE), '--duration', String(DURATION)],
        ...['--warmup', '0', '--drain', '5', '--clients', '2', '--out', out],
      ],
      {
        stdin: 'ignore',
        stdout: 'pipe',
        stderr: 'pipe',
        // The test's own BENCH_* settings must not leak in.
        env: Object.fromEntries(
          Object.entries(process.env).filter(([key]) => !key.startsWith('BENCH_')),
        ),
      },
    );
    const [stdout, stderr, code] = await Promise.all([
      new Response(bench.stdout).text(),
      new Response(bench.stderr).text(),
      bench.exited,
    ]);
    if (code !== 0) console.error(`[bench tenant] exit ${code}\n${stdout}\n${stderr}`);
    expect(code).toBe(0);
    expect(stdout).toContain('tenant: target');

    const saved = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8')) as {
      options: { scenario: string };
      results: TargetResult[];
    };
    expect(saved.options.scenario).toBe('tenant');
    const [result] = saved.results;
    expect(result?.error).toBeUndefined();
    expect(result?.scenario).toBe('tenant');
    expect(result?.connected).toBe(AGENTS + VISITORS);
    const [phase] = result?.phases ?? [];
    if (!phase?.tenant) throw new Error('no tenant phase in latest.json');
    // Every message sent, and each one heard of at every agent socket: nothing lost.
    expect(phase.skipped).toBe(0);
    expect(phase.sent).toBe(RATE * DURATION);
    expect(phase.expected).toBe(phase.sent * AGENTS);
    expect(phase.delivered).toBe(phase.expected);
    expect(phase.lost).toBe(0);
    expect(phase.tenant.agentsComplete).toBe(AGENTS);
    expect(phase.tenant.inboxEvents).toBeGreaterThanOrEqual(1);
    expect(phase.tenant.timed).toBeGreaterThan(0);
    expect(Number.isFinite(phase.p99)).toBe(true);
    expect(Object.keys(phase.errors)).toEqual([]);
  },
  120_000,
);
