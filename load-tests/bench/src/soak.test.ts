import { expect, test } from 'bun:test';
import { benchBinaries, benchRunner } from './testing.ts';

// The soak in its smallest form, on the embedded profile: visitors are reconnected while the
// rooms talk (closed, opened and subscribed again, in turn), the server's RSS is read throughout
// and after a rest, and nothing sent is lost.
const SOCKETS = 20;
const RATE = 20;
const DURATION = 3;
const CHURN = 4;

const runs = benchBinaries('the soak with churn');
const runBench = benchRunner('soak');

test.if(runs)(
  `soak with churn: ${SOCKETS} sockets, ${CHURN} reconnects/s for ${DURATION} s, nothing lost`,
  async () => {
    const saved = await runBench([
      ...['--targets', 'standalone', '--scenario', 'soak', '--sockets', String(SOCKETS)],
      ...['--rates', String(RATE), '--duration', String(DURATION), '--churn', String(CHURN)],
      ...['--warmup', '0', '--drain', '5', '--rest', '1', '--clients', '2'],
    ]);
    const [result] = saved.results;
    expect(result?.error).toBeUndefined();
    const [phase] = result?.phases ?? [];
    // Every visitor went away and came back at least once.
    expect(phase?.reconnects).toBe(CHURN * DURATION);
    expect(phase?.reconnected).toBeGreaterThanOrEqual(SOCKETS / 2);
    expect(phase?.closed).toBe(0);
    expect(Object.keys(phase?.errors ?? {})).toEqual([]);
    // What was sent arrived; what a room could not send while its visitor was away is not due.
    expect((phase?.sent ?? 0) + (phase?.churned ?? 0)).toBe(RATE * DURATION);
    expect(phase?.sent).toBeGreaterThan(0);
    expect(phase?.lost).toBe(0);
    expect(result?.soak?.samples.length).toBeGreaterThanOrEqual(2);
  },
  240_000,
);
