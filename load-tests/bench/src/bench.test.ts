import { expect, test } from 'bun:test';
import { PRODUCT_TARGETS, TARGETS } from './options.ts';
import { benchBinaries, benchRunner } from './testing.ts';

// The whole bench in its smallest form, end to end through `bun run bench` with its default
// scenario: the rooms on every target (the product's two profiles, the bare pipeline,
// Socket.IO, Centrifugo) — each starts, connects its sockets and delivers one short phase with
// nothing lost — then the tenant scenario on both product profiles: one organization of 60 agents
// (more than an organization may invite in an hour by default, as the full scenario's 200 are)
// and 10 visitors, every message reaching every agent socket as an inbox `conversation` event.
// A target or scenario that cannot run fails here, not in somebody's full run.
const SOCKETS = 20;
const AGENTS = 60;
const VISITORS = 10;
const RATE = 20;
const DURATION = 2;

const runs = benchBinaries('the bench with every target and scenario', ['centrifugo']);
const runBench = benchRunner('all');

test.if(runs)(
  `bench, every target and scenario: ${SOCKETS} sockets in rooms; ${AGENTS} agents × ${VISITORS} visitors; ${RATE} msg/s for ${DURATION} s; nothing lost`,
  async () => {
    const saved = await runBench([
      ...['--sockets', String(SOCKETS), '--agents', String(AGENTS)],
      ...['--visitors', String(VISITORS), '--rates', String(RATE)],
      ...['--duration', String(DURATION), '--warmup', '0', '--drain', '5', '--clients', '2'],
    ]);
    expect(saved.options.scenario).toBe('all');
    const rooms = saved.results.filter((r) => r.scenario !== 'tenant');
    const tenant = saved.results.filter((r) => r.scenario === 'tenant');
    expect(rooms.map((r) => r.target)).toEqual([...TARGETS]);
    expect(tenant.map((r) => r.target)).toEqual([...PRODUCT_TARGETS]);
    for (const result of saved.results) {
      const what = `${result.scenario} ${result.target}: ${result.error ?? 'ok'}`;
      expect(what).toBe(`${result.scenario} ${result.target}: ok`);
      const [phase] = result.phases;
      expect(phase?.sent).toBe(RATE * DURATION);
      expect(phase?.delivered).toBe(phase?.expected);
      expect(phase?.lost).toBe(0);
      expect(Object.keys(phase?.errors ?? {})).toEqual([]);
    }
    for (const result of rooms) expect(result.connected).toBe(SOCKETS);
    for (const result of tenant) {
      expect(result.connected).toBe(AGENTS + VISITORS);
      const [phase] = result.phases;
      if (!phase?.tenant) throw new Error(`no tenant phase for ${result.target} in latest.json`);
      // Every message sent, and each one heard of at every agent socket: nothing lost.
      expect(phase.skipped).toBe(0);
      expect(phase.expected).toBe(phase.sent * AGENTS);
      expect(phase.tenant.agentsComplete).toBe(AGENTS);
      expect(phase.tenant.inboxEvents).toBeGreaterThanOrEqual(1);
      expect(phase.tenant.timed).toBeGreaterThan(0);
      expect(Number.isFinite(phase.p99)).toBe(true);
    }
  },
  300_000,
);
