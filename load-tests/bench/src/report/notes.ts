import type { TargetResult } from '../measure.ts';
import type { BenchOptions } from '../options.ts';
import { formatSoak } from '../soak.ts';
import { type Row, rowsOf } from './table.ts';

/** What the table leaves out: seeding, subscribe times, failures, error frames, and the verdict. */
export function formatNotes(options: BenchOptions, results: TargetResult[]): string {
  const lines: string[] = [];
  const seeded = results.find((r) => r.seedMs !== undefined);
  if (seeded?.seedMs !== undefined) {
    const how = seeded.seedCached ? ' (reused from --seed-cache, not this run)' : '';
    const what =
      options.scenario === 'tenant'
        ? `one organization of ${options.agents} agents and ${options.visitors} visitors`
        : `${options.sockets / 2} rooms`;
    lines.push(
      `product seeding through REST, ${what}: ${(seeded.seedMs / 1000).toFixed(1)} s${how}`,
    );
  }
  for (const r of results) {
    if (r.subscribeMs !== undefined) {
      const which = r.scenario === 'tenant' ? 'visitor socket' : 'socket';
      lines.push(
        `${r.label}: subscribe of every ${which} took ${(r.subscribeMs / 1000).toFixed(2)} s`,
      );
    }
    for (const failure of r.connectFailures) lines.push(`${r.label}: ${failure}`);
    if (r.soak) lines.push(`${r.label} soak: ${formatSoak(r.soak)}`);
    for (const p of r.phases) {
      const errors = Object.entries(p.errors).map(([code, n]) => `${code} ×${n}`);
      if (p.skipped > 0) errors.push(`${p.skipped} not sent (socket closed)`);
      if (p.reconnects !== undefined) {
        errors.push(
          `churn: ${p.reconnects} reconnects (${p.reconnected} back by the end), ` +
            `${p.churned} not sent while a room's visitor was away`,
        );
      }
      if (errors.length > 0) lines.push(`${r.label} @ ${p.rate} msg/s: ${errors.join(', ')}`);
      if (p.tenant) {
        lines.push(
          `${r.label} @ ${p.rate} msg/s: ${p.tenant.inboxEvents} inbox events for ` +
            `${p.sent} messages × ${p.tenant.agents} agents; latency over ${p.tenant.timed} ` +
            `receipts (agents hearing from visitors in their own load generator)`,
        );
      }
      if (p.achievedRate < p.rate * 0.95) {
        lines.push(`${r.label} @ ${p.rate} msg/s: clients only sent ${p.achievedRate} msg/s`);
      }
    }
  }
  const rest = results.flatMap((r) =>
    r.rssBeforeKib === undefined ? [] : [`${r.label} ${(r.rssBeforeKib / 1024).toFixed(0)} MiB`],
  );
  if (rest.length > 0) lines.push(`RSS at rest, before any socket: ${rest.join(', ')}`);
  lines.push(...verdict(options, rowsOf(results)));
  const embedded = results.find((r) => r.target === 'standalone' && r.rssBeforeKib !== undefined);
  if (embedded?.rssBeforeKib !== undefined) {
    const mark = embedded.rssBeforeKib < 200 * 1024 ? 'PASS' : 'FAIL';
    lines.push(`embedded profile: ${mark} under 200 MiB RSS at rest`);
  }
  for (const r of results) {
    const base = r.soak?.firstMinuteKib;
    const peak = r.soak?.peakAfterFirstMinuteKib;
    if (base === undefined || peak === undefined) continue;
    const mark = peak < 2 * base ? 'PASS' : 'FAIL';
    lines.push(`soak, ${r.label}: ${mark} RSS stays under 2× its reading after the first minute`);
  }
  return lines.join('\n');
}

/** The product's targets from ARCHITECTURE.md, checked at the highest rate run. */
function verdict(options: BenchOptions, rows: Row[]): string[] {
  const top = Math.max(...options.rates);
  const out: string[] = [];
  if (options.scenario === 'tenant') {
    // No reference runs an inbox: what is checked is that nothing was lost.
    for (const row of rows.filter((r) => r.rate === top)) {
      const lost = row.expected > 0 ? (row.lost === 0 ? 'PASS' : 'FAIL') : '?';
      const all =
        row.agentsComplete === undefined
          ? '?'
          : row.agentsComplete === row.agents
            ? 'PASS'
            : 'FAIL';
      out.push(
        `tenant, ${row.label} @ ${top} msg/s: ${lost} zero lost · ${all} every agent heard of every message`,
      );
    }
    return out;
  }
  for (const row of rows.filter(
    (r) => (r.target === 'realtime' || r.target === 'standalone') && r.rate === top,
  )) {
    const checks: [string, boolean | null][] = [
      ['p99 ≤ 2.5× bare', row.p99VsBare === null ? null : row.p99VsBare <= 2.5],
      ['p99 < Socket.IO', row.p99VsSocketIo === null ? null : row.p99VsSocketIo < 1],
      ['p99 < Centrifugo', row.p99VsCentrifugo === null ? null : row.p99VsCentrifugo < 1],
      [
        'CPU/msg ≤ 1.5× Centrifugo',
        row.cpuVsCentrifugo === null ? null : row.cpuVsCentrifugo <= 1.5,
      ],
      ['zero lost', row.expected > 0 ? row.lost === 0 : null],
      [
        `${row.sockets} connects < 1.5 s`,
        row.connectMs === null ? null : row.connectMs < 1500 && row.connected === row.sockets,
      ],
      [
        '< 10 KiB RSS per idle socket',
        row.rssPerSocketKib === null ? null : row.rssPerSocketKib < 10,
      ],
    ];
    const marks = checks.map(([name, ok]) => `${ok === null ? '?' : ok ? 'PASS' : 'FAIL'} ${name}`);
    out.push(`targets, ${row.label} @ ${top} msg/s: ${marks.join(' · ')}`);
  }
  return out;
}
