import { expect, test } from 'bun:test';
import { TARGETS } from './options.ts';
import { benchBinaries, benchRunner } from './testing.ts';

// The whole bench in its smallest form, end to end through `bun run bench`: every target (the
// product's two profiles, the bare pipeline, Socket.IO, Centrifugo) starts, connects its sockets
// and delivers one short phase with nothing lost. A target that cannot start fails here, not in
// somebody's full run.
const SOCKETS = 20;
const RATE = 20;
const DURATION = 2;

const runs = benchBinaries('the bench with every target', ['centrifugo']);
const runBench = benchRunner('rooms');

test.if(runs)(
  `bench with every target: ${SOCKETS} sockets, ${RATE} msg/s for ${DURATION} s, nothing lost`,
  async () => {
    const saved = await runBench([
      ...['--sockets', String(SOCKETS), '--rates', String(RATE)],
      ...['--duration', String(DURATION), '--warmup', '0', '--drain', '5', '--clients', '2'],
    ]);
    expect(saved.results.map((r) => r.target)).toEqual([...TARGETS]);
    for (const result of saved.results) {
      const what = `${result.target}: ${result.error ?? 'ok'}`;
      expect(what).toBe(`${result.target}: ok`);
      expect(result.connected).toBe(SOCKETS);
      const [phase] = result.phases;
      expect(phase?.sent).toBe(RATE * DURATION);
      expect(phase?.delivered).toBe(phase?.expected);
      expect(phase?.lost).toBe(0);
      expect(Object.keys(phase?.errors ?? {})).toEqual([]);
    }
  },
  240_000,
);
