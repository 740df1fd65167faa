import { describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import { Metrics } from '../../apps/api/src/lib/metrics.ts';
import { nodeMetrics } from '../../apps/realtime/src/metrics.ts';
import { renderMetrics, renderProcessMetrics } from '../../apps/workers/src/metrics.ts';
import { renderWebhookMetrics } from '../../apps/workers/src/webhooks.ts';
import { noWebhookStats } from '../../apps/workers/src/webhooks-protocol.ts';
import { TenantCounts } from '../../packages/metrics/src/index.ts';

// The scrape config, the alert rules and their unit tests pass promtool; and every metric that
// a rule or a dashboard panel reads is one a process serves, so a renamed metric cannot leave an
// alert that never fires. `bash .ci/run` builds promtool into $FLC_CACHE_DIR/bin; without it the
// promtool suite fails under CI=true and is skipped (loudly) elsewhere.
const dir = import.meta.dir;
const cacheDir = process.env.FLC_CACHE_DIR ?? '/var/cache/fast-light-chat';
const promtool = Bun.which('promtool', {
  PATH: [process.env.PATH, join(cacheDir, 'bin')].filter(Boolean).join(':'),
});
if (!promtool && !process.env.CI) {
  console.warn('[skip] promtool is missing: skipping the promtool suite (bash .ci/run builds it)');
}
const check = !promtool && !process.env.CI ? test.skip : test;

function run(...args: string[]) {
  if (!promtool) throw new Error(`promtool not found on PATH or in ${join(cacheDir, 'bin')}`);
  const r = Bun.spawnSync([promtool, ...args], { cwd: dir, stdout: 'pipe', stderr: 'pipe' });
  return { code: r.exitCode, out: `${r.stdout.toString()}${r.stderr.toString()}` };
}

/** Every series name the processes serve (a histogram's as Prometheus stores them). */
function served(): Set<string> {
  const tenants = new TenantCounts(1);
  tenants.message('organization');
  const api = new Metrics([], tenants);
  api.observeRequest('GET', '/health', 200, 0.001);
  const node = nodeMetrics(
    () => 0,
    () => undefined,
    [],
    { counts: tenants, sockets: () => ({ organization: 1 }) },
  );
  node.gateway.frameIn('send');
  node.gateway.frameOut();
  node.gateway.acked(0.01);
  const counters = { stored: 0, batches: 0, failed: 0, dropped: 0, restarts: 0, running: 1 };
  const group = { lag: 0, pending: 0, streams: 1, maxLag: 0 };
  const webhookCounters = { ...noWebhookStats(), restarts: 0, running: 1 };
  const text = [
    api.render(),
    node.render(),
    renderMetrics(counters, group),
    renderWebhookMetrics(webhookCounters, { pending: 0, fanOutLag: 0 }),
    renderProcessMetrics(),
  ].join('');
  const names = new Set<string>();
  for (const [, name, type] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    if (!name) continue;
    names.add(name);
    if (type === 'histogram') for (const s of ['_bucket', '_sum', '_count']) names.add(name + s);
  }
  return names;
}

/** The metric names a PromQL expression reads (the product's own and the process ones). */
const readBy = (expr: string) =>
  [...expr.matchAll(/\b((?:flc|process)_[a-z0-9_]+)\b/g)].map((m) => m[1] as string);

describe('observability: Prometheus config, alert rules and the Grafana dashboard', () => {
  check('promtool accepts the scrape config and the rules', () => {
    const config = run('check', 'config', 'prometheus.yml');
    expect(config.out).toContain('SUCCESS');
    expect(config.code).toBe(0);
    const rules = run('check', 'rules', 'alerts.yml');
    expect(rules.out).toContain('SUCCESS: 10 rules found');
    expect(rules.code).toBe(0);
  });

  check('every alert fires on the series that should fire it, and only then', () => {
    const result = run('test', 'rules', 'alerts.test.yml');
    expect(result.out).toContain('SUCCESS');
    expect(result.code).toBe(0);
  });

  test('every metric the rules and the dashboard read is served by a process', async () => {
    const names = served();
    const rules = await Bun.file(join(dir, 'alerts.yml')).text();
    const exprs = [...rules.matchAll(/expr: (\|\n(?:\s{10}.*\n)+|.*)/g)].map((m) => m[1] as string);
    expect(exprs).toHaveLength(10);
    const dashboard = (await Bun.file(join(dir, 'grafana-dashboard.json')).json()) as {
      panels: { title: string; targets: { expr: string }[] }[];
    };
    expect(dashboard.panels.length).toBeGreaterThanOrEqual(10);
    for (const panel of dashboard.panels) exprs.push(...panel.targets.map((t) => t.expr));
    const missing = [...new Set(exprs.flatMap(readBy))].filter((name) => !names.has(name));
    expect(missing).toEqual([]);
    // And the check itself can fail: a name no process serves is caught.
    expect(readBy('rate(flc_no_such_thing_total[5m])').filter((n) => !names.has(n))).toEqual([
      'flc_no_such_thing_total',
    ]);
  });
});
