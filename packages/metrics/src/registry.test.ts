import { describe, expect, test } from 'bun:test';
import { registerProcessMetrics } from './process.ts';
import { Registry } from './registry.ts';

describe('metrics registry', () => {
  test('counters, gauges and cumulative histogram buckets in the text format', () => {
    const r = new Registry();
    const c = r.counter('x_total', 'Things.', ['kind']);
    c.inc({ kind: 'a' });
    c.inc({ kind: 'a' }, 2);
    c.inc({ kind: 'say "hi"\\' });
    r.gauge('g', 'A gauge.', () => [[{ shard: '1' }, 4]] as const);
    const h = r.histogram('lat_seconds', 'Latency.', [], [0.1, 1]);
    h.observe(0.05);
    h.observe(0.5);
    h.observe(3);
    expect(r.render()).toBe(
      [
        '# HELP x_total Things.',
        '# TYPE x_total counter',
        'x_total{kind="a"} 3',
        'x_total{kind="say \\"hi\\"\\\\"} 1',
        '# HELP g A gauge.',
        '# TYPE g gauge',
        'g{shard="1"} 4',
        '# HELP lat_seconds Latency.',
        '# TYPE lat_seconds histogram',
        'lat_seconds_bucket{le="0.1"} 1',
        'lat_seconds_bucket{le="1"} 2',
        'lat_seconds_bucket{le="+Inf"} 3',
        'lat_seconds_sum 3.55',
        'lat_seconds_count 3',
        '',
      ].join('\n'),
    );
  });

  test('label sets past the bound are counted under "other"', () => {
    const r = new Registry();
    const c = r.counter('routes_total', 'Routes.', ['route'], 2);
    for (const route of ['/a', '/b', '/c', '/d']) c.inc({ route });
    const lines = r
      .render()
      .split('\n')
      .filter((l) => l.startsWith('routes_total'));
    expect(lines).toEqual([
      'routes_total{route="/a"} 1',
      'routes_total{route="/b"} 1',
      'routes_total{route="other"} 2',
    ]);
  });

  test('a name registered twice is a bug', () => {
    const r = new Registry();
    r.counter('a_total', 'A.');
    expect(() => r.gauge('a_total', 'A.', () => 1)).toThrow('registered twice');
  });

  test('process metrics: memory, CPU as a counter, and an event loop lag that a blocked loop shows', async () => {
    const r = new Registry();
    registerProcessMetrics(r);
    const blockUntil = performance.now() + 120;
    await new Promise((resolve) => setTimeout(resolve, 5));
    while (performance.now() < blockUntil) {
      // the loop is busy: the monitor's next tick is late
    }
    await new Promise((resolve) => setTimeout(resolve, 30));
    const text = r.render();
    expect(text).toContain('# TYPE process_cpu_seconds_total counter');
    const max = Number(/^flc_event_loop_lag_max_seconds (\S+)$/m.exec(text)?.[1]);
    expect(max).toBeGreaterThan(0.05);
    const next = Number(/^flc_event_loop_lag_max_seconds (\S+)$/m.exec(r.render())?.[1]);
    expect(next).toBeLessThan(max);
  });
});
