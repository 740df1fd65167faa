import { hostname } from 'node:os';
import type { RecentProblem } from '@flc/log';

/** The kinds of process an install runs. */
export type ProcessRole = 'api' | 'realtime' | 'workers' | 'standalone';

/**
 * What a process says of itself every few seconds: who it is, figures of its work (each role
 * its own: sockets, requests per second, persister lag...) and its last errors.
 */
export interface ProcessReport {
  id: string;
  role: ProcessRole;
  version: string;
  host: string;
  pid: number;
  startedAt: string;
  reportedAt: string;
  stats: Record<string, number>;
  problems: RecentProblem[];
  /** A realtime process's visitors with a socket open, per organization id (none: absent). */
  visitors?: Record<string, number>;
}

/** Where the processes of an install report in (the database they share). */
export interface ProcessRegistry {
  /** Stores the process's latest report in place of its previous one. */
  report(report: ProcessReport): Promise<void>;
  /** The reports made since `since`, by role then host. */
  list(since: Date): Promise<ProcessReport[]>;
  /** Forgets processes silent since before `before`. */
  prune(before: Date): Promise<void>;
  /** Forgets one process (it stopped). */
  remove(id: string): Promise<void>;
  /**
   * The organizations' visitors with a socket open, summed over the processes that reported
   * since `since` (a visitor on two nodes counts twice); an organization with none is absent.
   */
  visitors(organizationIds: readonly string[], since: Date): Promise<Map<string, number>>;
}

export interface ProcessReporterOptions {
  registry: ProcessRegistry;
  role: ProcessRole;
  version: string;
  /** The role's figures now; counters are cumulative totals, turned into rates per second. */
  figures: () => Promise<{
    gauges?: Record<string, number>;
    counters?: Record<string, number>;
    /** A realtime process's visitors per organization (see `ProcessReport.visitors`). */
    visitors?: Record<string, number>;
  }>;
  /** The process's last warnings and errors (@flc/log's `recentProblems`). */
  problems: () => RecentProblem[];
  onError: (error: unknown) => void;
  intervalMs?: number;
  /** Reports older than this are pruned by whichever process reports. */
  keepMs?: number;
}

export interface ProcessReporter {
  /** Reports at once (also what the interval does). */
  reportNow(): Promise<void>;
  /** Stops reporting and removes the process's report: a stopped process is not "silent". */
  stop(): Promise<void>;
}

const DEFAULT_INTERVAL_MS = 10_000;
const DEFAULT_KEEP_MS = 24 * 3_600_000;

/**
 * Reports the process to the registry every `intervalMs`: its memory and CPU beside the role's
 * figures. A report that fails is logged and the next one tries again; nothing else waits on it.
 */
export function startProcessReporter(options: ProcessReporterOptions): ProcessReporter {
  const interval = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  const keep = options.keepMs ?? DEFAULT_KEEP_MS;
  const startedAt = new Date().toISOString();
  const id = `${options.role}-${hostname()}-${process.pid}-${Date.now().toString(36)}`;
  let last = {
    at: performance.now(),
    cpu: process.cpuUsage(),
    counters: {} as Record<string, number>,
  };
  let reports = 0;

  const reportNow = async () => {
    const figures = await options.figures();
    const now = performance.now();
    const seconds = Math.max((now - last.at) / 1000, 0.001);
    const cpu = process.cpuUsage(last.cpu);
    const memory = process.memoryUsage();
    const stats: Record<string, number> = {
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      cpuPercent: round(((cpu.user + cpu.system) / 1e6 / seconds) * 100),
      uptimeSeconds: Math.round(process.uptime()),
      ...figures.gauges,
    };
    for (const [name, total] of Object.entries(figures.counters ?? {})) {
      const before = last.counters[name];
      if (before !== undefined)
        stats[`${name}PerSecond`] = round(Math.max(0, total - before) / seconds);
    }
    last = { at: now, cpu: process.cpuUsage(), counters: figures.counters ?? {} };
    await options.registry.report({
      id,
      role: options.role,
      version: options.version,
      host: hostname(),
      pid: process.pid,
      startedAt,
      reportedAt: new Date().toISOString(),
      stats,
      problems: options.problems(),
      ...(figures.visitors && { visitors: figures.visitors }),
    });
    // Once an hour or so, forget processes long gone.
    if (reports++ % Math.max(1, Math.round(3_600_000 / interval)) === 0) {
      await options.registry.prune(new Date(Date.now() - keep));
    }
  };

  let running: Promise<void> = reportNow().catch(options.onError);
  const timer = setInterval(() => {
    running = running.then(() => reportNow().catch(options.onError));
  }, interval);
  timer.unref?.();
  return {
    reportNow: () => {
      running = running.then(() => reportNow());
      return running;
    },
    async stop() {
      clearInterval(timer);
      await running;
      await options.registry.remove(id).catch(options.onError);
    },
  };
}

const round = (n: number) => Math.round(n * 10) / 10;
