import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WS_PATH } from '@flc/protocol';
import type { Teardown } from '../../../../scripts/test-services/teardown.ts';
import { ClientPool } from '../clients.ts';
import type { ClientPlan, ConnectReport, PhaseReport, SocketSpec } from '../messages.ts';
import type { ServerProcess } from '../spawn.ts';
import { type Latency, summarize } from '../stats.ts';
import type { ProductSeed } from '../targets/product.ts';
import { productSockets } from '../targets/sockets.ts';
import type { ScaleOptions } from './options.ts';
import { address, type Running, startProcesses, type Track } from './processes.ts';
import { Meter, type Usage } from './readings.ts';
import type { ScaleServices } from './services.ts';

/** Sockets sit this long after subscribing before the warm-up. */
const SUBSCRIBED_PAUSE_MS = 2_000;
/** Longest wait for the persisters to store what was sent (the workers' CPU is counted till then). */
const PERSIST_LIMIT_MS = 15_000;

export interface ScaleContext {
  options: ScaleOptions;
  services: ScaleServices;
  seed: ProductSeed;
  teardown: Teardown;
  runDir: string;
  log(line: string): void;
}

/** What the loaded node's load generators saw in the traffic phase. */
export interface Traffic extends Latency {
  sent: number;
  /** Not sent because the sender or its room's peer had been disconnected. */
  skipped: number;
  expected: number;
  delivered: number;
  lost: number;
  /** Messages sent per second of sending. */
  achievedRate: number;
  drainMs: number;
  /** From the end of the drain until the persisters had stored every message sent. */
  persistMs: number;
  errors: Record<string, number>;
  closed: number;
  /** The busiest load generator, percent of one core. */
  clientCpu: number;
}

/** One node count's run: its quiet and traffic windows, as measured. */
export interface NodeCountRun {
  nodes: number;
  sockets: { loaded: number; idle: number };
  connected: number;
  connectFailures: string[];
  quiet?: Usage;
  traffic?: Traffic;
  /** What every process used from the start of sending until the last message was stored. */
  busy?: Usage;
  error?: string;
}

/**
 * Runs one node count K: a fresh copy of the seeded database, an empty Redis, one workers process
 * and K realtime nodes; node 1 gets the rooms that talk, nodes 2..K idle rooms of their own. After
 * a warm-up and a pause, a quiet phase (no traffic at all) and a traffic phase of the same length
 * are measured on every process.
 */
export async function runNodeCount(k: number, ctx: ScaleContext): Promise<NodeCountRun> {
  const { options, log } = ctx;
  const run: NodeCountRun = {
    nodes: k,
    sockets: { loaded: options.sockets, idle: (k - 1) * options.idleSockets },
    connected: 0,
    connectFailures: [],
  };
  const stops: (() => Promise<void>)[] = [];
  const outputs: { label: string; server: ServerProcess }[] = [];
  // Stopped here once the node count is done, or by the teardown on Ctrl-C (stops are idempotent).
  const track: Track = (stop) => {
    stops.push(stop);
    ctx.teardown.add(stop);
  };
  try {
    const running = await startProcesses(k, ctx, track);
    outputs.push(
      { label: 'workers', server: running.workers },
      ...running.nodes.map((server, i) => ({ label: `node ${i + 1}`, server })),
    );
    const loaded = await connect(running.nodes, ctx, run, track);
    await Bun.sleep(SUBSCRIBED_PAUSE_MS);

    let sentBefore = 0;
    if (options.warmup > 0) {
      log(`warm-up: ${options.rate} msg/s for ${options.warmup} s on node 1`);
      const warm = await send(loaded, options, 0, options.warmup);
      sentBefore = warm.reduce((n, r) => n + r.sent, 0);
      await waitStored(running, sentBefore);
    }
    if (options.settle > 0) {
      log(`settling for ${options.settle} s`);
      await Bun.sleep(options.settle * 1000);
    }

    const meter = await Meter.open(
      {
        nodes: running.nodes.map((n) => `http://${address(n)}`),
        workersPid: running.workers.pid,
        postgresPid: ctx.services.postgresPid,
      },
      ctx.services.redis.servers,
    );
    track(async () => meter.close());
    log(`quiet phase: ${options.duration} s without traffic`);
    const endQuiet = await meter.start();
    await Bun.sleep(options.duration * 1000);
    run.quiet = await endQuiet();

    log(`traffic phase: ${options.rate} msg/s for ${options.duration} s on node 1`);
    const endBusy = await meter.start();
    const reports = await send(loaded, options, 1, options.duration);
    const persistStarted = performance.now();
    await waitStored(running, sentBefore + reports.reduce((n, r) => n + r.sent, 0));
    const persistMs = Math.round(performance.now() - persistStarted);
    run.busy = await endBusy();
    run.traffic = traffic(reports, persistMs);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    run.error = message.split('\n')[0] ?? message;
    const file = saveOutput(outputs, options.out);
    log(`${k} nodes failed: ${message}; the servers' output is in ${file}`);
  } finally {
    for (const stop of stops.toReversed()) {
      await stop().catch((error: unknown) => log(`stopping failed: ${error}`));
    }
  }
  return run;
}

/**
 * Connects and subscribes node 1's rooms (their own load generators) and each idle node's rooms
 * (one more generator, which never sends); answers node 1's pool.
 */
async function connect(
  nodes: ServerProcess[],
  ctx: ScaleContext,
  run: NodeCountRun,
  track: Track,
): Promise<ClientPool> {
  const { options, seed } = ctx;
  const url = (node: ServerProcess) => `ws://${address(node)}${WS_PATH}`;
  const loadedRooms = options.sockets / 2;
  const perIdle = options.idleSockets / 2;
  const loadedSockets = productSockets(
    url(nodes[0] as ServerProcess),
    seed.rooms.slice(0, loadedRooms),
  );
  const idleSockets: SocketSpec[] = nodes.slice(1).flatMap((node, i) => {
    const from = loadedRooms + i * perIdle;
    return productSockets(url(node), seed.rooms.slice(from, from + perIdle));
  });
  const plan = {
    protocol: 'flc' as const,
    connectWindow: options.connectWindow,
    bodyPadding: options.bodyPadding,
  };
  const loaded = await pool(ctx, `k${run.nodes}-loaded`, plan, loadedSockets, options.clients);
  track(() => loaded.close());
  const pools = [loaded];
  if (idleSockets.length > 0) {
    const idle = await pool(ctx, `k${run.nodes}-idle`, plan, idleSockets, 1);
    track(() => idle.close());
    pools.push(idle);
  }
  const ask = async <E extends 'connected' | 'subscribed'>(cmd: 'connect' | 'subscribe', ev: E) =>
    (await Promise.all(pools.map((p) => p.ask({ cmd }, ev)))).flat();
  const connected = await ask('connect', 'connected');
  run.connected = connected.reduce((n, r) => n + r.ok, 0);
  run.connectFailures.push(...failures(connected));
  const subscribed = await ask('subscribe', 'subscribed');
  run.connectFailures.push(...failures(subscribed).map((f) => `subscribe: ${f}`));
  ctx.log(
    `connected and subscribed ${subscribed.reduce((n, r) => n + r.ok, 0)}/` +
      `${loadedSockets.length + idleSockets.length} sockets (${loadedSockets.length} on node 1)`,
  );
  return loaded;
}

function pool(
  ctx: ScaleContext,
  name: string,
  plan: Omit<ClientPlan, 'index' | 'sockets'>,
  sockets: SocketSpec[],
  count: number,
): Promise<ClientPool> {
  const dir = join(ctx.runDir, name);
  mkdirSync(dir);
  return ClientPool.start(dir, plan, sockets, count);
}

/** Node 1's rooms send `options.rate` messages a second in all, then wait for the deliveries. */
function send(
  loaded: ClientPool,
  options: ScaleOptions,
  phase: number,
  seconds: number,
): Promise<PhaseReport[]> {
  const rate = options.rate / options.clients;
  return loaded.ask({ cmd: 'run', phase, rate, seconds, drainSeconds: options.drain }, 'phase');
}

async function waitStored(running: Running, count: number): Promise<void> {
  const deadline = performance.now() + PERSIST_LIMIT_MS;
  while ((await running.stored()) < count && performance.now() < deadline) await Bun.sleep(50);
}

function traffic(reports: PhaseReport[], persistMs: number): Traffic {
  const sum = (of: (r: PhaseReport) => number) => reports.reduce((n, r) => n + of(r), 0);
  const sent = sum((r) => r.sent);
  const skipped = sum((r) => r.skipped);
  const delivered = sum((r) => r.delivered);
  const errors: Record<string, number> = {};
  for (const report of reports) {
    for (const [code, n] of Object.entries(report.errors)) errors[code] = (errors[code] ?? 0) + n;
  }
  return {
    ...summarize(reports.flatMap((r) => r.latencies)),
    sent,
    skipped,
    expected: sent + skipped,
    delivered,
    lost: sent + skipped - delivered,
    achievedRate: Math.round(sum((r) => r.sent / r.sendSeconds)),
    drainMs: Math.max(...reports.map((r) => r.drainMs)),
    persistMs,
    errors,
    closed: sum((r) => r.closed),
    clientCpu: Math.max(...reports.map((r) => r.cpu)),
  };
}

function failures(reports: ConnectReport[]): string[] {
  return reports.flatMap((r) =>
    r.failed > 0 ? [`${r.failed} failed: ${r.reasons.join('; ')}`] : [],
  );
}

function saveOutput(servers: { label: string; server: ServerProcess }[], dir: string): string {
  const file = join(dir, 'scale-servers.log');
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, servers.map((s) => `--- ${s.label} ---\n${s.server.output()}`).join('\n'));
  return file;
}
