import { expect, test } from 'bun:test';
import { benchBinaries, benchRunner } from './testing.ts';

// The bench's tenant scenario in its smallest form, end to end through `bun run bench`: one
// organization of 60 agents (more than an organization may invite in an hour by default, as the
// full scenario's 200 are) and 10 visitors on the standalone profile, one short phase; every
// message must reach every agent socket as an inbox `conversation` event. The bench starts its
// own Redis and PostgreSQL (it seeds through the API on PostgreSQL, then copies the rows into
// the standalone's PGlite) from the binaries `bun run test` uses (see `benchBinaries`).
const AGENTS = 60;
const VISITORS = 10;
const RATE = 20;
const DURATION = 2;

const runs = benchBinaries("the bench's tenant scenario test");
const runBench = benchRunner('tenant');

test.if(runs)(
  `bench --scenario tenant on standalone: ${AGENTS} agents × ${VISITORS} visitors, every message reaches every agent`,
  async () => {
    const saved = await runBench([
      ...['--scenario', 'tenant', '--targets', 'standalone'],
      ...['--agents', String(AGENTS), '--visitors', String(VISITORS)],
      ...['--rates', String(RATE), '--duration', String(DURATION)],
      ...['--warmup', '0', '--drain', '5', '--clients', '2'],
    ]);
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
