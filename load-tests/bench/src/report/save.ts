import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TargetResult } from '../measure.ts';
import type { BenchOptions } from '../options.ts';
import { renderChart } from './chart.ts';
import { rowsOf } from './table.ts';

const biome = join(import.meta.dir, '../../../../node_modules/.bin/biome');

/**
 * Writes latest.json (the table, the printed text, every summary) and a chart per scenario:
 * latest.png (the rooms, or the one scenario run) and, when the run had both, latest-tenant.png.
 */
export function saveResults(
  options: BenchOptions,
  results: TargetResult[],
  printed: string,
  seconds: number,
  runs: BenchOptions[] = [options],
): string[] {
  mkdirSync(options.out, { recursive: true });
  const rows = rowsOf(results);
  const { out: _where, ...settings } = options;
  const json = {
    finishedAt: new Date().toISOString(),
    runSeconds: Math.round(seconds),
    machine: { cores: navigator.hardwareConcurrency, bun: Bun.version, node: nodeVersion() },
    options: settings,
    table: rows,
    printed: printed.split('\n'),
    results,
  };
  const jsonFile = join(options.out, 'latest.json');
  writeJson(jsonFile, json);
  const charts = runs.map((run, i) => {
    const file = join(options.out, i === 0 ? 'latest.png' : `latest-${run.scenario}.png`);
    const scenario = run.scenario === 'tenant' ? 'tenant' : 'rooms';
    const own = runs.length > 1 ? rows.filter((r) => r.scenario === scenario) : rows;
    writeFileSync(file, renderChart(own, run));
    return file;
  });
  return [jsonFile, ...charts];
}

/**
 * Writes `data` as JSON with three decimals at most (plenty for ms, µs and KiB; NaN, nothing
 * measured, becomes null), laid out the way the repository's formatter wants it, so that a
 * committed result passes `bun run check`; without biome installed the file stays as
 * JSON.stringify wrote it.
 */
export function writeJson(file: string, data: unknown): void {
  const round = (_key: string, value: unknown) =>
    typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 1000) / 1000 : value;
  writeFileSync(file, `${JSON.stringify(data, round, 2)}\n`);
  Bun.spawnSync([biome, 'format', '--write', file], { stdout: 'ignore', stderr: 'ignore' });
}

export function nodeVersion(): string {
  return Bun.spawnSync(['node', '--version']).stdout.toString().trim();
}
