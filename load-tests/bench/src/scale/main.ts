/**
 * `bun run bench:scale`: shows the realtime node set scales out. For each node count K, one
 * loaded node carries all the traffic and K − 1 idle nodes hold sockets of their own; an idle
 * node should spend next to nothing on messages it has no follower for, and Redis's work per
 * message should not grow with K. Prints one row per K and saves latest-scale.json.
 * See load-tests/bench/README.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Teardown } from '../../../../scripts/test-services/teardown.ts';
import { runToCompletion } from '../spawn.ts';
import { root, seedDatabase } from '../targets/product.ts';
import { figuresOf } from './figures.ts';
import { parseScaleOptions, printScaleUsage, type ScaleOptions } from './options.ts';
import { formatScaleTable, saveScaleResults, verdicts } from './report.ts';
import { type NodeCountRun, runNodeCount } from './run.ts';
import { startScaleServices } from './services.ts';

const started = performance.now();
const log = (line: string) =>
  console.log(`[bench:scale +${((performance.now() - started) / 1000).toFixed(1)}s] ${line}`);

const teardown = new Teardown();
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  // Kept for every signal, not once: a Ctrl-C reaches this process twice (from the terminal, and
  // forwarded by `bun run`), and a second one with no handler would end it amid the clean-up.
  process.on(signal, async () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n[bench:scale] ${signal}: stopping servers and cleaning up`);
    await teardown.run();
    process.exit(130);
  });
}

let options: ScaleOptions | 'help';
try {
  options = parseScaleOptions(process.argv.slice(2));
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
if (options === 'help') {
  printScaleUsage();
  process.exit(0);
}

const loadBefore = loadavg();
const maxK = Math.max(...options.nodes);
const rooms = options.sockets / 2 + ((maxK - 1) * options.idleSockets) / 2;
log(
  `nodes ${options.nodes.join(', ')}; Redis ${options.redis}; node 1: ${options.sockets} sockets, ` +
    `${options.rate} msg/s; ${options.idleSockets} sockets per idle node; ` +
    `${options.duration} s quiet + ${options.duration} s traffic per node count; ` +
    `load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} on ${navigator.hardwareConcurrency} cores`,
);

const runs: NodeCountRun[] = [];
let seed = { rooms, ms: 0, cached: false };
try {
  const runDir = mkdtempSync(join(tmpdir(), 'flc-bench-scale-'));
  teardown.add(() => rmSync(runDir, { recursive: true, force: true }));
  log(`starting PostgreSQL and Redis (${options.redis}); building apps/realtime (bun run build)…`);
  const [services] = await Promise.all([
    startScaleServices(teardown, options.redis),
    runToCompletion('apps/realtime build', ['bun', 'run', 'build'], join(root, 'apps/realtime')),
  ]);
  const seeded = await seedDatabase({
    postgresUrl: services.postgresUrl,
    redisEnv: services.redis.env,
    rooms,
    concurrency: options.seedConcurrency,
    cache: options.seedCache,
    runId: Date.now().toString(36),
    log,
  });
  seed = { rooms, ms: seeded.ms, cached: seeded.cachedFrom !== undefined };
  for (const k of options.nodes) {
    if (interrupted) break;
    log(`— ${k} realtime node${k > 1 ? 's' : ''} —`);
    const run = await runNodeCount(k, { options, services, seed: seeded, teardown, runDir, log });
    runs.push(run);
    const row = figuresOf(run, options.rate);
    if (!run.error) {
      log(
        `  delivered ${row.delivered}/${row.expected}; node 1 ${fmt(row.loadedCpuPerMessageUs)} µs/msg; ` +
          `idle ${fmt(row.idleCpuPerMessageUs)} µs/msg, received ${row.idleReceived ?? '—'}; ` +
          `Redis ${fmt(row.redisCommandsPerMessage)} cmd/msg, ${fmt(row.redisCpuPerMessageUs)} µs/msg; ` +
          `machine ${row.machineQuietPct}% quiet, ${row.machineTrafficPct}% traffic`,
      );
    }
  }
} catch (error) {
  log(`failed: ${error instanceof Error ? error.message : String(error)}`);
  runs.push({
    nodes: 0,
    sockets: { loaded: 0, idle: 0 },
    connected: 0,
    connectFailures: [],
    error: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error),
  });
} finally {
  await teardown.run();
}

const seconds = (performance.now() - started) / 1000;
const rows = runs.map((run) => figuresOf(run, (options as ScaleOptions).rate));
const table = formatScaleTable(rows);
const notes = [
  `every CPU figure is beyond the process's own quiet-phase rate; µs of CPU per message sent on node 1`,
  ...runs.flatMap((r) => r.connectFailures.map((f) => `${r.nodes} nodes: ${f}`)),
  ...runs.flatMap((r) =>
    Object.entries(r.traffic?.errors ?? {}).map(([code, n]) => `${r.nodes} nodes: ${code} ×${n}`),
  ),
  seed.cached
    ? `seeding: ${seed.rooms} rooms reused from --seed-cache`
    : `seeding: ${seed.rooms} rooms through REST in ${(seed.ms / 1000).toFixed(1)} s`,
  `load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
];
const printed = [table, '', ...notes, '', ...verdicts(rows)].join('\n');
console.log(`\n${printed}\n`);
const file = saveScaleResults({ options, rows, runs, printed, seconds, loadBefore, seed });
console.log(`saved ${file}; total run time ${seconds.toFixed(0)} s`);
process.exit(runs.some((r) => r.error) ? 1 : 0);

function fmt(v: number | null): string {
  return v === null ? '—' : v.toFixed(2);
}
