import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClientPool } from './clients.ts';
import type { ConnectReport, PhaseReport } from './messages.ts';
import type { ScenarioName } from './options.ts';
import { cpuMeter, machineCpuMeter, rssKib } from './proc-stats.ts';
import { formatRedisStats, type RedisCommandStat, redisCommandMeter } from './redis-stats.ts';
import { afterFirstMinute, formatSoak, rssSampler, type SoakResult } from './soak.ts';
import { type Latency, summarize } from './stats.ts';
import type { RunningTarget, TargetContext } from './targets/index.ts';

/** Warm-up traffic is light: it is there to load code paths, not to queue work. */
const WARMUP_MAX_RATE = 500;
/** Soak: how often the server's RSS is read. */
const SOAK_SAMPLE_MS = 2_000;

export interface PhaseResult extends Latency {
  rate: number;
  /** Messages the schedule asked for; lost = expected − delivered. */
  expected: number;
  sent: number;
  /** Not sent because the sender or its room's peer had been disconnected by the server. */
  skipped: number;
  /** Churn: not sent (nor expected) while the sender or its peer was reconnecting on purpose. */
  churned?: number;
  /** Churn: reconnects started, and those back (ready and subscribed again) by the phase's end. */
  reconnects?: number;
  reconnected?: number;
  delivered: number;
  lost: number;
  /** Messages sent per second of sending (shows a client that could not keep the schedule). */
  achievedRate: number;
  drainMs: number;
  /** Percent of one core: the measured server process, Redis, the busiest client process. */
  serverCpu: number | null;
  redisCpu: number | null;
  /** PostgreSQL's server and backends, all together (the realtime node's database). */
  postgresCpu: number | null;
  /** The target's helper process (the realtime node's workers), when it has one. */
  helperCpu?: { label: string; cpu: number | null };
  clientCpu: number;
  /**
   * CPU time per delivered message, in microseconds: every server process of the target
   * (itself, Redis, PostgreSQL, its helper) over the phase, divided by the deliveries.
   */
  cpuPerDeliveryUs: number | null;
  /** Percent of all cores, the whole machine. */
  machineCpu: number | null;
  /** What Redis spent its time on during the phase, busiest command first. */
  redisCommands: RedisCommandStat[];
  errors: Record<string, number>;
  closed: number;
  /**
   * Tenant scenario. `expected` is (sent + skipped) × agent sockets, `delivered` the messages
   * the agents' inbox events covered (an event covers its conversation's messages up to its
   * `lastMessage`), latencies are those of the agents' receipts from visitors in their own load
   * generator process (same clock).
   */
  tenant?: {
    agents: number;
    visitors: number;
    /** Agent sockets that heard of every message sent in the phase. */
    agentsComplete: number;
    /** `conversation` events of the phase received, all agent sockets together. */
    inboxEvents: number;
    /** Receipts timed (the percentiles' sample). */
    timed: number;
  };
}

export interface TargetResult {
  target: string;
  label: string;
  /** rooms (absent in results saved before the tenant scenario), tenant or soak. */
  scenario?: ScenarioName;
  /** Tenant scenario: agent sockets and visitors of the one organization. */
  agents?: number;
  visitors?: number;
  sockets: number;
  connected: number;
  connectMs: number | null;
  connectFailures: string[];
  /** The product only: time to `subscribe` every socket to its conversation. */
  subscribeMs?: number;
  rssBeforeKib?: number;
  rssIdleKib?: number;
  rssPerSocketKib?: number;
  seedMs?: number;
  seedCached?: boolean;
  phases: PhaseResult[];
  /** Soak scenario: the server's RSS through the phases and the rest after them. */
  soak?: SoakResult;
  error?: string;
}

/** Connects every socket, reads the idle RSS, warms up, then holds each rate for the duration. */
export async function measure(
  target: RunningTarget,
  label: string,
  ctx: TargetContext,
): Promise<TargetResult> {
  const { options, log } = ctx;
  const tenant = options.scenario === 'tenant';
  const result: TargetResult = {
    target: target.name,
    label,
    scenario: tenant ? 'tenant' : 'rooms',
    ...(tenant ? { agents: options.agents, visitors: options.visitors } : {}),
    sockets: target.sockets.length,
    connected: 0,
    connectMs: null,
    connectFailures: [],
    phases: [],
    ...(target.seedMs === undefined ? {} : { seedMs: target.seedMs }),
    ...(target.seedCached ? { seedCached: true } : {}),
  };
  const pool = await ClientPool.start(
    ctx.runDir,
    {
      protocol: target.protocol,
      connectWindow: options.connectWindow,
      bodyPadding: options.bodyPadding,
      ...(tenant ? { scenario: 'tenant' as const, visitors: options.visitors } : {}),
      ...(options.churn > 0 && !tenant ? { churn: options.churn / options.clients } : {}),
    },
    target.sockets,
    options.clients,
  );
  try {
    result.rssBeforeKib = rssKib(target.pid);
    const started = performance.now();
    const connected = await pool.ask({ cmd: 'connect' }, 'connected');
    result.connectMs = Math.round(performance.now() - started);
    result.connected = sum(connected, (r) => r.ok);
    result.connectFailures = failures(connected);
    log(`connected ${result.connected}/${result.sockets} in ${result.connectMs} ms`);
    if (target.protocol === 'flc') {
      const t0 = performance.now();
      const subscribed = await pool.ask({ cmd: 'subscribe' }, 'subscribed');
      result.subscribeMs = Math.round(performance.now() - t0);
      const ok = sum(subscribed, (r) => r.ok);
      result.connectFailures.push(...failures(subscribed).map((f) => `subscribe: ${f}`));
      const of = tenant ? `${options.visitors} visitors` : String(result.sockets);
      log(`subscribed ${ok}/${of} in ${result.subscribeMs} ms`);
    }
    await Bun.sleep(options.settle * 1000);
    result.rssIdleKib = rssKib(target.pid);
    result.rssPerSocketKib =
      result.connected > 0 ? (result.rssIdleKib - result.rssBeforeKib) / result.connected : NaN;

    if (options.warmup > 0) {
      const rate = Math.min(options.rates[0] ?? WARMUP_MAX_RATE, WARMUP_MAX_RATE);
      log(`warm-up: ${rate} msg/s for ${options.warmup} s`);
      await runPhase(pool, ctx, target, 0, rate, options.warmup);
    }
    const sampler =
      options.scenario === 'soak' ? rssSampler(target.pid, SOAK_SAMPLE_MS) : undefined;
    sampler?.mark();
    for (const [i, rate] of options.rates.entries()) {
      log(`${rate} msg/s for ${options.duration} s…`);
      const phase = await runPhase(pool, ctx, target, i + 1, rate, options.duration);
      result.phases.push(phase);
      if (Object.keys(phase.errors).length > 0) {
        const file = saveOutput(target, options.out);
        log(`  error frames ${JSON.stringify(phase.errors)}; the server's output is in ${file}`);
      }
      if (phase.tenant) {
        const t = phase.tenant;
        log(
          `  inbox: ${t.inboxEvents} events, ${t.agentsComplete}/${t.agents} agents heard of ` +
            `all ${phase.sent} messages; ${t.timed} receipts timed`,
        );
      }
      log(
        `  delivered ${phase.delivered}/${phase.expected}, p50 ${fmt(phase.p50)} p99 ${fmt(phase.p99)} ms; ` +
          `CPU: server ${phase.serverCpu}%, Redis ${phase.redisCpu}%` +
          (phase.postgresCpu === null ? '' : `, PostgreSQL ${phase.postgresCpu}%`) +
          (phase.helperCpu ? `, ${phase.helperCpu.label} ${phase.helperCpu.cpu}%` : '') +
          `, clients ≤${phase.clientCpu}%, ` +
          (phase.cpuPerDeliveryUs === null
            ? ''
            : `${phase.cpuPerDeliveryUs.toFixed(0)} µs server CPU per delivery, `) +
          `machine ${phase.machineCpu}% of ${navigator.hardwareConcurrency} cores`,
      );
      if (phase.reconnects !== undefined) {
        log(
          `  churn: ${phase.reconnects} reconnects, ${phase.reconnected} back; ` +
            `${phase.churned} messages not sent while a room's visitor was away`,
        );
      }
      log(`  Redis: ${formatRedisStats(phase.redisCommands)}`);
    }
    if (sampler) {
      result.soak = await restAndRead(sampler, result.rssIdleKib, options.rest);
      log(`  soak: ${formatSoak(result.soak)}`);
    }
  } catch (error) {
    // Whatever was measured so far is kept; the row says what went wrong.
    const message = error instanceof Error ? error.message : String(error);
    result.error = message.split('\n')[0] ?? message;
    log(`${label} failed: ${message}; its output is in ${saveOutput(target, options.out)}`);
  } finally {
    await pool.close();
  }
  return result;
}

/** Soak: after the traffic, the sockets stay connected and idle for `rest` seconds. */
async function restAndRead(
  sampler: ReturnType<typeof rssSampler>,
  startKib: number,
  rest: number,
): Promise<SoakResult> {
  const endOfTrafficKib = sampler.mark();
  await Bun.sleep(rest * 1000);
  const afterRestKib = sampler.mark();
  sampler.stop();
  return {
    samples: sampler.samples,
    startKib,
    peakKib: Math.max(...sampler.samples.map((s) => s.rssKib)),
    endOfTrafficKib,
    afterRestKib,
    ...afterFirstMinute(sampler.samples),
  };
}

async function runPhase(
  pool: ClientPool,
  ctx: TargetContext,
  target: RunningTarget,
  phase: number,
  rate: number,
  seconds: number,
): Promise<PhaseResult> {
  const { options, services } = ctx;
  const server = cpuMeter(target.pid);
  const redis = cpuMeter(services.redisPid);
  const pg = cpuMeter(target.name === 'realtime' ? services.postgresPid : null, true);
  const helper = target.helper && cpuMeter(target.helper.pid);
  const machine = machineCpuMeter();
  const redisCommands = await redisCommandMeter(services.redisUrl);
  const run = { cmd: 'run', phase, rate: rate / options.clients, seconds } as const;
  const tenant = options.scenario === 'tenant';
  const startedAt = performance.now();
  let reports: PhaseReport[];
  if (tenant) {
    // Every process counts the phase's inbox events before any sends; each says `sent`, then
    // hears what every agent is due: the messages of all processes.
    await pool.ask({ cmd: 'prepare', phase }, 'prepared');
    const sentReports = await pool.ask({ ...run, drainSeconds: options.drain }, 'sent');
    const perAgent = sum(sentReports, (r) => r.sent);
    reports = await pool.ask({ cmd: 'drain', phase, perAgent }, 'phase');
  } else {
    reports = await pool.ask({ ...run, drainSeconds: options.drain }, 'phase');
  }
  const latency = summarize(reports.flatMap((r) => r.latencies));
  const sent = sum(reports, (r) => r.sent);
  const skipped = sum(reports, (r) => r.skipped);
  const delivered = sum(reports, (r) => r.delivered);
  // Tenant: each message is due at every agent socket, connected or not.
  const fanout = tenant ? options.agents : 1;
  const perAgent = reports.flatMap((r) => r.perAgent ?? []);
  const errors: Record<string, number> = {};
  for (const report of reports) {
    for (const [code, n] of Object.entries(report.errors)) errors[code] = (errors[code] ?? 0) + n;
  }
  const exact = {
    server: server(true),
    redis: redis(true),
    postgres: pg(true),
    helper: helper ? helper(true) : null,
  };
  const rounded = (v: number | null) => (v === null ? null : Math.round(v));
  const cpu = {
    serverCpu: rounded(exact.server),
    redisCpu: rounded(exact.redis),
    postgresCpu: rounded(exact.postgres),
    helperCpu: rounded(exact.helper),
  };
  const cpuSeconds =
    ((exact.server ?? 0) + (exact.redis ?? 0) + (exact.postgres ?? 0) + (exact.helper ?? 0)) *
    ((performance.now() - startedAt) / 100_000);
  return {
    rate,
    ...latency,
    expected: (sent + skipped) * fanout,
    sent,
    skipped,
    ...(reports.some((r) => r.reconnects !== undefined)
      ? {
          churned: sum(reports, (r) => r.churned ?? 0),
          reconnects: sum(reports, (r) => r.reconnects ?? 0),
          reconnected: sum(reports, (r) => r.reconnected ?? 0),
        }
      : {}),
    delivered,
    lost: (sent + skipped) * fanout - delivered,
    achievedRate: Math.round(sum(reports, (r) => r.sent / r.sendSeconds)),
    drainMs: Math.max(...reports.map((r) => r.drainMs)),
    serverCpu: cpu.serverCpu,
    redisCpu: cpu.redisCpu,
    postgresCpu: cpu.postgresCpu,
    ...(target.helper ? { helperCpu: { label: target.helper.label, cpu: cpu.helperCpu } } : {}),
    clientCpu: Math.max(...reports.map((r) => r.cpu)),
    cpuPerDeliveryUs:
      exact.server === null || delivered === 0 ? null : (cpuSeconds * 1e6) / delivered,
    machineCpu: machine(),
    redisCommands: await redisCommands(),
    errors,
    closed: sum(reports, (r) => r.closed),
    ...(tenant
      ? {
          tenant: {
            agents: options.agents,
            visitors: options.visitors,
            agentsComplete: perAgent.filter((n) => n >= sent).length,
            inboxEvents: sum(reports, (r) => r.inboxEvents ?? 0),
            timed: sum(reports, (r) => r.latencies.length),
          },
        }
      : {}),
  };
}

function saveOutput(target: RunningTarget, dir: string): string {
  const file = join(dir, `${target.name}-server.log`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, target.output());
  return file;
}

const sum = <T>(items: T[], of: (item: T) => number) => items.reduce((n, item) => n + of(item), 0);

function failures(reports: ConnectReport[]): string[] {
  return reports.flatMap((r) =>
    r.failed > 0 ? [`${r.failed} failed: ${r.reasons.join('; ')}`] : [],
  );
}

const fmt = (ms: number) => (Number.isFinite(ms) ? ms.toFixed(1) : '—');

export type { PhaseReport };
