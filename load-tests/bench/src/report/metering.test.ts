import { describe, expect, test } from 'bun:test';
import type { PhaseResult, TargetResult } from '../measure.ts';
import { parseOptions, scenarioRuns } from '../options.ts';
import { compareMetering, formatMeteringComparison } from './metering.ts';

const run = (variant: string, p99: number, postgresCpu: number): TargetResult[] => [
  {
    target: 'realtime',
    label: `FLC realtime node (${variant})`,
    sockets: 10,
    connected: 10,
    connectMs: 1,
    connectFailures: [],
    phases: [
      {
        rate: 1000,
        p99,
        postgresCpu,
        helperCpu: { label: 'workers', cpu: 10 },
      } as unknown as PhaseResult,
    ],
  },
];

describe('the metering comparison', () => {
  test('runs the rooms on the realtime node, metering off and on in turn, at 1,000 msg/s', () => {
    const options = parseOptions(['--scenario', 'metering', '--pairs', '2', '--metering', '5']);
    if (options === 'help') throw new Error('help');
    const runs = scenarioRuns(options);
    expect(runs.map((r) => [r.scenario, r.metering, r.variant, r.targets, r.rates])).toEqual([
      ['rooms', 0, 'metering off', ['realtime'], [1000]],
      ['rooms', 5, 'metering every 5 s', ['realtime'], [1000]],
      ['rooms', 0, 'metering off', ['realtime'], [1000]],
      ['rooms', 5, 'metering every 5 s', ['realtime'], [1000]],
    ]);
  });

  test('refuses to compare metering off with itself', () => {
    expect(() => parseOptions(['--scenario', 'metering', '--metering', '0'])).toThrow(
      /metering off with --metering S/,
    );
  });

  test('compares the median p99 of each side, and fails past 5%', () => {
    const runs = [
      run('metering off', 20, 30),
      run('metering every 60 s', 22, 31),
      run('metering off', 40, 30),
      run('metering every 60 s', 21, 33),
      run('metering off', 21, 30),
      run('metering every 60 s', 30, 32),
    ];
    const [c] = compareMetering(runs);
    expect(c).toMatchObject({ target: 'FLC realtime node', rate: 1000, runs: 3 });
    expect(c?.ratio).toBeCloseTo(22 / 21);
    expect(c?.onStoreCpu).toBe(42);
    expect(formatMeteringComparison(compareMetering(runs))).toContain('PASS');
    runs.push(run('metering every 60 s', 50, 30), run('metering every 60 s', 60, 30));
    expect(formatMeteringComparison(compareMetering(runs))).toContain('FAIL');
  });
});
