import type { TargetResult } from '../measure.ts';
import type { BenchOptions } from '../options.ts';
import { type Row, rowsOf } from './table.ts';

/** What the table leaves out: seeding, subscribe times, failures, error frames, and the verdict. */
export function formatNotes(options: BenchOptions, results: TargetResult[]): string {
  const lines: string[] = [];
  const seeded = results.find((r) => r.seedMs !== undefined);
  if (seeded?.seedMs !== undefined) {
    const how = seeded.seedCached ? ' (reused from --seed-cache, not this run)' : '';
    const rooms = options.sockets / 2;
    lines.push(
      `product seeding through REST, ${rooms} rooms: ${(seeded.seedMs / 1000).toFixed(1)} s${how}`,
    );
  }
  for (const r of results) {
    if (r.subscribeMs !== undefined) {
      lines.push(
        `${r.label}: subscribe of every socket took ${(r.subscribeMs / 1000).toFixed(2)} s`,
      );
    }
    for (const failure of r.connectFailures) lines.push(`${r.label}: ${failure}`);
    for (const p of r.phases) {
      const errors = Object.entries(p.errors).map(([code, n]) => `${code} ×${n}`);
      if (p.skipped > 0) errors.push(`${p.skipped} not sent (socket closed)`);
      if (errors.length > 0) lines.push(`${r.label} @ ${p.rate} msg/s: ${errors.join(', ')}`);
      if (p.achievedRate < p.rate * 0.95) {
        lines.push(`${r.label} @ ${p.rate} msg/s: clients only sent ${p.achievedRate} msg/s`);
      }
    }
  }
  lines.push(...verdict(options, rowsOf(results)));
  return lines.join('\n');
}

/** The product's targets from ARCHITECTURE.md, checked at the highest rate run. */
function verdict(options: BenchOptions, rows: Row[]): string[] {
  const top = Math.max(...options.rates);
  const out: string[] = [];
  for (const row of rows.filter(
    (r) => (r.target === 'realtime' || r.target === 'standalone') && r.rate === top,
  )) {
    const checks: [string, boolean | null][] = [
      ['p99 ≤ 2.5× bare', row.p99VsBare === null ? null : row.p99VsBare <= 2.5],
      ['p99 < Socket.IO', row.p99VsSocketIo === null ? null : row.p99VsSocketIo < 1],
      ['zero lost', row.expected > 0 ? row.lost === 0 : null],
      [
        `${row.sockets} connects < 3 s`,
        row.connectMs === null ? null : row.connectMs < 3000 && row.connected === row.sockets,
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
