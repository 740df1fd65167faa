/**
 * `bun run bench`: the product's realtime node and standalone profile against a bare
 * uWebSockets.js + Redis Streams pipeline and Socket.IO 4 with its Redis Streams adapter, under
 * the same load, on loopback, in one run. Prints one table, saves it as JSON and a PNG chart.
 * See load-tests/bench/README.md.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { Teardown } from '../../../scripts/test-services/teardown.ts';
import { measure, type TargetResult } from './measure.ts';
import { type BenchOptions, parseOptions, printUsage, scenarioRuns } from './options.ts';
import { compareMetering, formatMeteringComparison } from './report/metering.ts';
import { formatNotes } from './report/notes.ts';
import { saveResults } from './report/save.ts';
import { formatTable, rowsOf } from './report/table.ts';
import { runSearchBench } from './search/run.ts';
import { type Services, startServices } from './services.ts';
import { type TargetContext, targets } from './targets/index.ts';
import { type ProductSeed, seedProduct } from './targets/product.ts';

const started = performance.now();
const log = (line: string) =>
  console.log(`[bench +${((performance.now() - started) / 1000).toFixed(1)}s] ${line}`);

const teardown = new Teardown();
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  // Kept for every signal, not once: a Ctrl-C reaches this process twice (from the terminal, and
  // forwarded by `bun run`), and a second one with no handler would end it amid the clean-up.
  process.on(signal, async () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n[bench] ${signal}: stopping servers and cleaning up`);
    await teardown.run();
    process.exit(130);
  });
}

/**
 * The product's seeded rows of each shape, made once per invocation: runs of the same scenario
 * (the metering comparison's) share them.
 */
const seeds = new Map<string, Promise<ProductSeed>>();
const seedShape = (o: BenchOptions) =>
  o.scenario === 'tenant' ? `tenant-${o.agents}-${o.visitors}` : `rooms-${o.sockets}`;

/** Every scenario of the run in turn, on one pair of Redis and PostgreSQL servers. */
async function main(runs: BenchOptions[]): Promise<TargetResult[][]> {
  const runDir = mkdtempSync(join(tmpdir(), 'flc-bench-'));
  teardown.add(() => rmSync(runDir, { recursive: true, force: true }));
  const needPostgres = runs.some((run) =>
    run.targets.some((t) => t === 'realtime' || t === 'standalone'),
  );
  log(`starting Redis${needPostgres ? ' and PostgreSQL' : ''}…`);
  const services = await startServices(teardown, needPostgres);
  const all: TargetResult[][] = [];
  for (const run of runs) {
    if (interrupted) break;
    if (runs.length > 1) {
      log(`scenario ${run.scenario}: ${loadOf(run)}${run.variant ? `, ${run.variant}` : ''}`);
    }
    all.push(await runScenario(run, services, runDir));
  }
  return all;
}

/** One scenario on each of its targets, one after the other; a target that fails is a row. */
async function runScenario(
  options: BenchOptions,
  services: Services,
  runDir: string,
): Promise<TargetResult[]> {
  const ctx: TargetContext = {
    options,
    services,
    teardown,
    runDir,
    runId: Date.now().toString(36),
    log,
    productSeed: () => {
      const shape = seedShape(options);
      const seed = seeds.get(shape) ?? seedProduct(ctx);
      seeds.set(shape, seed);
      return seed;
    },
  };
  const results: TargetResult[] = [];
  for (const name of options.targets) {
    if (interrupted) break;
    const target = targets[name];
    const label = options.variant ? `${target.label} (${options.variant})` : target.label;
    log(`— ${label} —`);
    await flushRedis(services.redisUrl);
    let stop: (() => Promise<void>) | undefined;
    try {
      const running = await target.start(ctx);
      stop = running.stop;
      teardown.add(running.stop);
      results.push(await measure(running, label, ctx));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log(`${target.label} failed: ${message}`);
      results.push({
        target: name,
        label,
        scenario: options.scenario === 'tenant' ? 'tenant' : 'rooms',
        sockets:
          options.scenario === 'tenant' ? options.agents + options.visitors : options.sockets,
        connected: 0,
        connectMs: null,
        connectFailures: [],
        phases: [],
        error: message.split('\n')[0] ?? message,
      });
    } finally {
      await stop?.();
    }
  }
  return results;
}

const loadOf = (options: BenchOptions) =>
  options.scenario === 'tenant'
    ? `tenant: one organization, ${options.agents} agent sockets, ${options.visitors} visitors`
    : `${options.sockets} sockets in rooms of 2`;

async function flushRedis(url: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true });
  await redis.connect();
  await redis.flushall();
  redis.disconnect();
}

let options: BenchOptions | 'help';
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
if (options === 'help') {
  printUsage();
  process.exit(0);
}
if (options.scenario === 'search') {
  log(`search: ${options.messages} messages, ${options.searches} searches`);
  mkdirSync(options.out, { recursive: true });
  let code = 0;
  try {
    const result = await runSearchBench(options, teardown, log);
    console.log(`\n${result.table}\n\nsaved ${result.file}`);
  } catch (error) {
    console.error(`[bench] search failed: ${error instanceof Error ? error.message : error}`);
    code = 1;
  } finally {
    await teardown.run();
  }
  process.exit(code);
}
const runs = scenarioRuns(options);
log(
  `targets ${options.targets.join(', ')}; ${runs.map(loadOf).join('; then ')}; ` +
    `${options.rates.join(', ')} msg/s for ${options.duration} s each; ${options.clients} client processes`,
);
let byScenario: TargetResult[][] = [];
try {
  byScenario = await main(runs);
} finally {
  await teardown.run();
}
const results = byScenario.flat();
const seconds = (performance.now() - started) / 1000;
const table = formatTable(rowsOf(results));
console.log(`\n${table}\n`);
if (options.scenario === 'metering') {
  console.log(`${formatNotes(runs[0] as BenchOptions, results)}\n`);
  console.log(`usage metering's cost:\n${formatMeteringComparison(compareMetering(byScenario))}\n`);
} else {
  const notes = byScenario.map((scenario, i) => formatNotes(runs[i] as BenchOptions, scenario));
  console.log(`${notes.join('\n')}\n`);
}
// The metering comparison's runs are one scenario: one chart of every row.
const charted = options.scenario === 'metering' ? runs.slice(0, 1) : runs;
const files = saveResults(options, results, table, seconds, charted);
console.log(`saved ${files.join(' and ')}; total run time ${seconds.toFixed(0)} s`);
process.exit(results.some((r) => r.error) ? 1 : 0);
