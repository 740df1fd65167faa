/**
 * `bun load-tests/bench/src/client-spans.ts [rounds]`: what the database and Redis clients' spans
 * cost (packages/storage/src/{postgres,redis}/tracing.ts), against private Redis and PostgreSQL
 * servers started as `bun run test` starts them. Three ways, one process, interleaved rounds:
 *
 * - off: tracing not started, so `openRedis`/`openDatabase` hand out the drivers' clients
 *   themselves (the check here is that they are not wrapped: nothing runs per command);
 * - on, idle: tracing on, the wrapped clients, but no active span (work nobody traced);
 * - on, traced: each call inside a span, so each makes a span (exported to memory).
 *
 * Prints microseconds per call: Redis GETs in bursts of 100 (auto-pipelined, where a wrapper's
 * own cost shows most) and PostgreSQL `select 1`s in bursts of 10.
 */
import { types } from 'node:util';
import { openDatabase } from '@flc/storage/postgres';
import { openRedis } from '@flc/storage/redis';
import { traced } from '@flc/telemetry';
import { collectSpans } from '@flc/telemetry/testing';
import { postgres } from '../../../scripts/test-services/postgres.ts';
import { redis } from '../../../scripts/test-services/redis.ts';
import { Teardown } from '../../../scripts/test-services/teardown.ts';

const rounds = Number(process.argv[2] ?? 5);
const isProxy = (value: unknown) => types.isProxy(value);
const teardown = new Teardown();
try {
  const [redisUrl, postgresUrl] = await Promise.all([
    redis.start(teardown),
    postgres.start(teardown),
  ]);
  const clients = async () => ({
    redis: openRedis({ server: { url: redisUrl }, prefix: 'bench-spans' }).commands,
    sql: (await openDatabase({ databaseUrl: postgresUrl, max: 4 })).sql,
  });
  const off = await clients();
  const collector = await collectSpans('bench');
  const on = await clients();
  // The wrappers are Proxies: off, none; on, both.
  if ([off.redis, off.sql].some(isProxy) || ![on.redis, on.sql].every(isProxy)) {
    throw new Error('the clients are wrapped when tracing is off, or not when on');
  }

  type Clients = typeof off;
  const redisBurst = (c: Clients) =>
    Promise.all(Array.from({ length: 100 }, (_, i) => c.redis.get(`bench-spans:${i}`)));
  const sqlBurst = (c: Clients) => Promise.all(Array.from({ length: 10 }, () => c.sql`select 1`));
  /** Microseconds per call of `burst` (of `size` calls), over `n` bursts. */
  async function time(size: number, n: number, burst: () => Promise<unknown>) {
    const started = performance.now();
    for (let i = 0; i < n; i++) await burst();
    return ((performance.now() - started) * 1000) / (size * n);
  }
  const ways: Record<string, (burst: () => Promise<unknown>) => Promise<unknown>> = {
    off: (b) => b(),
    'on, idle': (b) => b(),
    'on, traced': (b) => traced('bench', {}, b),
  };
  const results: Record<string, { redis: number[]; sql: number[] }> = {};
  for (let round = 0; round <= rounds; round++) {
    for (const [way, run] of Object.entries(ways)) {
      const c = way === 'off' ? off : on;
      const r = await time(100, 200, () => run(() => redisBurst(c)));
      const s = await time(10, 200, () => run(() => sqlBurst(c)));
      collector.reset();
      if (round === 0) continue; // warm-up
      results[way] ??= { redis: [], sql: [] };
      results[way].redis.push(r);
      results[way].sql.push(s);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  console.log('µs per call (median of rounds)   redis GET   postgres select 1');
  for (const [way, r] of Object.entries(results)) {
    console.log(
      `${way.padEnd(33)}${median(r.redis).toFixed(2).padStart(9)}${median(r.sql).toFixed(2).padStart(20)}`,
    );
  }
  await collector.stop();
  await Promise.all([off.redis.quit(), on.redis.quit(), off.sql.end(), on.sql.end()]);
} finally {
  await teardown.run();
}
