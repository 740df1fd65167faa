import type { PhaseResult, TargetResult } from '../measure.ts';

/** One printed row: a target at one rate. */
export interface Row {
  target: string;
  label: string;
  scenario: 'rooms' | 'tenant';
  sockets: number;
  /** Tenant scenario: agent sockets, visitors, agents that heard of every message. */
  agents?: number;
  visitors?: number;
  agentsComplete?: number;
  rate: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  delivered: number;
  expected: number;
  lost: number;
  connectMs: number | null;
  connected: number;
  rssPerSocketKib: number | null;
  /**
   * p99 divided by the bare pipeline's, Socket.IO's and Centrifugo's p99 at the same rate (null:
   * not run).
   */
  p99VsBare: number | null;
  p99VsSocketIo: number | null;
  p99VsCentrifugo: number | null;
  /** CPU µs per delivered message divided by Centrifugo's at the same rate. */
  cpuVsCentrifugo: number | null;
  serverCpu: number | null;
  clientCpu: number | null;
  /** Server-side CPU (every process of the target) per delivered message, µs. */
  cpuPerDeliveryUs: number | null;
  error?: string;
}

export function rowsOf(results: TargetResult[]): Row[] {
  const phaseAt = (target: string, rate: number) =>
    results.find((r) => r.target === target)?.phases.find((p) => p.rate === rate);
  const quotient = (a: number | null | undefined, b: number | null | undefined) =>
    a != null && b != null && Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : null;
  const ratio = (p: PhaseResult, base: string) => quotient(p.p99, phaseAt(base, p.rate)?.p99);
  return results.flatMap((r): Row[] => {
    const common = {
      target: r.target,
      label: r.label,
      // A soak's rows are rooms rows; its memory readings go to the notes.
      scenario: r.scenario === 'tenant' ? ('tenant' as const) : ('rooms' as const),
      ...(r.agents === undefined ? {} : { agents: r.agents, visitors: r.visitors }),
      sockets: r.sockets,
      connectMs: r.connectMs,
      connected: r.connected,
      rssPerSocketKib: r.rssPerSocketKib ?? null,
    };
    if (r.phases.length === 0) {
      return [
        {
          ...common,
          rate: 0,
          ...{ p50: NaN, p95: NaN, p99: NaN, max: NaN, delivered: 0, expected: 0, lost: 0 },
          ...{ p99VsBare: null, p99VsSocketIo: null, p99VsCentrifugo: null },
          ...{ cpuVsCentrifugo: null, serverCpu: null, clientCpu: null },
          cpuPerDeliveryUs: null,
          ...(r.error ? { error: r.error } : {}),
        },
      ];
    }
    return r.phases.map((p) => ({
      ...common,
      rate: p.rate,
      p50: p.p50,
      p95: p.p95,
      p99: p.p99,
      max: p.max,
      delivered: p.delivered,
      expected: p.expected,
      lost: p.lost,
      p99VsBare: ratio(p, 'bare'),
      p99VsSocketIo: ratio(p, 'socketio'),
      p99VsCentrifugo: ratio(p, 'centrifugo'),
      cpuVsCentrifugo: quotient(
        p.cpuPerDeliveryUs,
        phaseAt('centrifugo', p.rate)?.cpuPerDeliveryUs,
      ),
      serverCpu: p.serverCpu,
      clientCpu: p.clientCpu,
      cpuPerDeliveryUs: p.cpuPerDeliveryUs ?? null,
      ...(p.tenant ? { agentsComplete: p.tenant.agentsComplete } : {}),
      ...(r.error ? { error: r.error } : {}),
    }));
  });
}

const ms = (v: number) =>
  Number.isFinite(v) ? (v < 10 ? v.toFixed(2) : v < 1000 ? v.toFixed(1) : v.toFixed(0)) : '—';
const times = (v: number | null) => (v === null ? '—' : `${v.toFixed(2)}×`);
const pct = (v: number | null) => (v === null || !Number.isFinite(v) ? '—' : `${v}%`);
const micros = (v: number | null) =>
  v === null || !Number.isFinite(v) ? '—' : v < 10 ? v.toFixed(1) : v.toFixed(0);

/** The table as printed: fixed-width columns, numbers right-aligned. */
export function formatTable(rows: Row[]): string {
  const tenant = rows.filter((r) => r.scenario === 'tenant');
  const rooms = rows.filter((r) => r.scenario !== 'tenant');
  return [
    ...(rooms.length > 0 ? [formatRooms(rooms)] : []),
    ...(tenant.length > 0 ? [formatTenant(tenant)] : []),
  ].join('\n\n');
}

const connected = (r: Row) =>
  r.connected === r.sockets ? String(r.sockets) : `${r.connected}/${r.sockets}`;
const deliveries = (r: Row) =>
  r.expected ? `${r.delivered}/${r.expected}${r.lost > 0 ? ` (−${r.lost})` : ''}` : '—';
const connectTime = (r: Row) =>
  r.connectMs === null ? '—' : `${(r.connectMs / 1000).toFixed(2)} s`;
const rssPerSocket = (r: Row) =>
  r.rssPerSocketKib === null || !Number.isFinite(r.rssPerSocketKib)
    ? '—'
    : `${r.rssPerSocketKib.toFixed(1)} KiB`;

function errorLines(rows: Row[]): string[] {
  const errors = rows.filter((r) => r.error).map((r) => `  ${r.label}: ${r.error}`);
  return errors.length ? ['', 'errors:', ...errors] : [];
}

/**
 * The tenant scenario: one organization; latency is visitor send → inbox `conversation` event at
 * an agent socket, deliveries are (message, agent socket) pairs.
 */
function formatTenant(rows: Row[]): string {
  const header = [
    'tenant: target',
    'agents',
    'visitors',
    'sockets',
    'msg/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'max ms',
    'inbox delivered/expected',
    'agents complete',
    'connect',
    'RSS/idle sock',
    'srv CPU',
    'CPU µs/msg',
    'cli CPU',
  ];
  const body = rows.map((r) => [
    r.label,
    String(r.agents ?? '—'),
    String(r.visitors ?? '—'),
    connected(r),
    r.rate ? String(r.rate) : '—',
    ms(r.p50),
    ms(r.p95),
    ms(r.p99),
    ms(r.max),
    deliveries(r),
    r.agentsComplete === undefined ? '—' : `${r.agentsComplete}/${r.agents}`,
    connectTime(r),
    rssPerSocket(r),
    pct(r.serverCpu),
    micros(r.cpuPerDeliveryUs),
    pct(r.clientCpu),
  ]);
  return [layoutTable(header, body), ...errorLines(rows)].join('\n');
}

/** The rooms scenario: two-person rooms, send→deliver, compared with the references. */
function formatRooms(rows: Row[]): string {
  const header = [
    'target',
    'sockets',
    'msg/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'max ms',
    'delivered/expected',
    'connect',
    'RSS/idle sock',
    'p99÷bare',
    'p99÷sio',
    'p99÷cfg',
    'srv CPU',
    'CPU µs/msg',
    'cli CPU',
  ];
  const body = rows.map((r) => [
    r.label,
    connected(r),
    r.rate ? String(r.rate) : '—',
    ms(r.p50),
    ms(r.p95),
    ms(r.p99),
    ms(r.max),
    deliveries(r),
    connectTime(r),
    rssPerSocket(r),
    times(r.p99VsBare),
    times(r.p99VsSocketIo),
    times(r.p99VsCentrifugo),
    pct(r.serverCpu),
    micros(r.cpuPerDeliveryUs),
    pct(r.clientCpu),
  ]);
  return [layoutTable(header, body), ...errorLines(rows)].join('\n');
}

/** Fixed-width columns under a rule: the first left-aligned, the others (numbers) right-aligned. */
export function layoutTable(header: string[], body: string[][]): string {
  const widths = header.map((h, i) =>
    Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ');
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(header), rule, ...body.map(line)].join('\n');
}
