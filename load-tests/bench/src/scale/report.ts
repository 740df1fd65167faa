import { mkdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { nodeVersion, writeJson } from '../report/save.ts';
import { layoutTable } from '../report/table.ts';
import type { ScaleRow } from './figures.ts';
import type { ScaleOptions } from './options.ts';
import type { NodeCountRun } from './run.ts';

/** An idle node may spend this share of node 1's CPU per message on a message it does not follow. */
export const IDLE_SHARE_LIMIT_PCT = 3;
/**
 * Redis work per message must stay flat in K: within ±15% of the smallest K's. The commands of
 * an append are fixed, but the persisters' and the fan-out's reads per message follow how many
 * entries each read finds (timing, machine load), and CPU is timed on a shared machine. Work that
 * grew with the nodes would not hide in it: one command more per node and message is +5% per
 * node (about 20 per message), +33% at 8 nodes.
 */
export const COMMANDS_TOLERANCE = 0.15;
export const REDIS_CPU_TOLERANCE = 0.15;

const num = (v: number | null, unit = '') => {
  if (v === null || !Number.isFinite(v)) return '—';
  const abs = Math.abs(v);
  return `${abs < 10 ? v.toFixed(2) : abs < 100 ? v.toFixed(1) : v.toFixed(0)}${unit}`;
};

/** The table as printed: one row per node count. */
export function formatScaleTable(rows: ScaleRow[]): string {
  const header = [
    'nodes',
    'sockets',
    'msg/s',
    'delivered/expected',
    'p50 ms',
    'p99 ms',
    'node 1 µs/msg',
    'idle µs/msg',
    'idle share',
    'idle recv',
    'Redis cmd/msg',
    'Redis µs/msg',
    'workers µs/msg',
    'machine',
  ];
  const body = rows.map((r) => [
    String(r.nodes),
    String(r.sockets),
    r.achievedRate === null ? '—' : String(r.achievedRate),
    r.expected ? `${r.delivered}/${r.expected}${r.lost > 0 ? ` (−${r.lost})` : ''}` : '—',
    num(r.p50),
    num(r.p99),
    num(r.loadedCpuPerMessageUs),
    num(r.idleCpuPerMessageUs),
    num(r.idleSharePct, '%'),
    r.idleReceived === null ? '—' : String(r.idleReceived),
    num(r.redisCommandsPerMessage),
    num(r.redisCpuPerMessageUs),
    num(r.workersCpuPerMessageUs),
    r.machineQuietPct === null ? '—' : `${r.machineQuietPct}/${r.machineTrafficPct}%`,
  ]);
  const errors = rows.filter((r) => r.error).map((r) => `  ${r.nodes} nodes: ${r.error}`);
  return [layoutTable(header, body), ...(errors.length ? ['', 'errors:', ...errors] : [])].join(
    '\n',
  );
}

type Check = [name: string, ok: boolean | null, detail: string];

/** One line per target of ARCHITECTURE.md's scale-out, and one for losses. */
export function verdicts(rows: ScaleRow[]): string[] {
  const measured = rows.filter((r) => r.achievedRate !== null);
  const withIdle = measured.filter((r) => r.idleSharePct !== null);
  const byK = (
    subset: ScaleRow[],
    pick: (r: ScaleRow) => number | null,
    show = (v: number | null) => num(v, '%'),
  ) => subset.map((r) => `K=${r.nodes} ${show(pick(r))}`).join(', ') || 'no run with idle nodes';
  const count = (v: number | null) => (v === null ? '—' : String(Math.round(v)));
  const checks: Check[] = [
    [
      `idle node CPU per foreign message < ${IDLE_SHARE_LIMIT_PCT}% of node 1's per message`,
      withIdle.length === 0
        ? null
        : withIdle.every((r) => (r.idleSharePct as number) < IDLE_SHARE_LIMIT_PCT),
      byK(withIdle, (r) => r.idleSharePct),
    ],
    [
      'idle nodes received no bus event during the traffic phase',
      withIdle.length === 0 ? null : withIdle.every((r) => r.idleReceived === 0),
      byK(withIdle, (r) => r.idleReceived, count),
    ],
    flat(
      'Redis commands per message',
      measured,
      (r) => r.redisCommandsPerMessage,
      COMMANDS_TOLERANCE,
    ),
    flat(
      'Redis CPU per message',
      measured,
      (r) => r.redisCpuPerMessageUs,
      REDIS_CPU_TOLERANCE,
      ' µs',
    ),
    [
      'nothing lost',
      measured.length === 0 ? null : measured.every((r) => r.lost === 0),
      byK(measured, (r) => r.lost, count),
    ],
  ];
  return checks.map(
    ([name, ok, detail]) => `${ok === null ? '?' : ok ? 'PASS' : 'FAIL'}  ${name}: ${detail}`,
  );
}

/** Every row within ±tolerance of the smallest node count's row. */
function flat(
  name: string,
  rows: ScaleRow[],
  pick: (r: ScaleRow) => number | null,
  tolerance: number,
  unit = '',
): Check {
  const base = rows[0] ? pick(rows[0]) : null;
  const label = `${name} flat in K (within ±${tolerance * 100}% of K=${rows[0]?.nodes ?? '?'})`;
  if (base === null || rows.length < 2) return [label, null, 'needs two node counts'];
  const detail = rows
    .map((r) => {
      const v = pick(r);
      const change =
        v === null ? '' : ` (${v >= base ? '+' : ''}${(((v - base) / base) * 100).toFixed(1)}%)`;
      return `K=${r.nodes} ${num(v, unit)}${r === rows[0] ? '' : change}`;
    })
    .join(', ');
  const ok = rows.every((r) => {
    const v = pick(r);
    return v !== null && Math.abs(v - base) <= tolerance * Math.abs(base);
  });
  return [label, ok, detail];
}

/** What the machine was: for a reader comparing runs. */
export function machine() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  return {
    cpuModel: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? 'unknown',
    cores: navigator.hardwareConcurrency,
    bun: Bun.version,
    node: nodeVersion(),
  };
}

export function saveScaleResults(report: {
  options: ScaleOptions;
  rows: ScaleRow[];
  runs: NodeCountRun[];
  printed: string;
  seconds: number;
  loadBefore: number[];
  seed: { rooms: number; ms: number; cached: boolean };
}): string {
  const { options, rows, runs, printed, seconds } = report;
  mkdirSync(options.out, { recursive: true });
  const { out: _where, ...settings } = options;
  const file = join(options.out, 'latest-scale.json');
  writeJson(file, {
    finishedAt: new Date().toISOString(),
    runSeconds: Math.round(seconds),
    machine: { ...machine(), loadAverageBefore: report.loadBefore, loadAverageAfter: loadavg() },
    options: settings,
    targets: {
      idleSharePct: IDLE_SHARE_LIMIT_PCT,
      redisCommandsTolerance: COMMANDS_TOLERANCE,
      redisCpuTolerance: REDIS_CPU_TOLERANCE,
    },
    seed: report.seed,
    table: rows,
    printed: printed.split('\n'),
    runs,
  });
  return file;
}
