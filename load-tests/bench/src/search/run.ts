import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeGrown, openDatabase } from '@flc/storage/postgres';
import type { Teardown } from '../../../../scripts/test-services/teardown.ts';
import { cpuSeconds } from '../proc-stats.ts';
import { writeJson } from '../report/save.ts';
import { startServer } from '../spawn.ts';
import { type Latency, summarize } from '../stats.ts';
import { productEnv, root } from '../targets/product.ts';
import { queries } from './corpus.ts';
import { seedMessages } from './seed.ts';

export interface SearchBenchOptions {
  messages: number;
  searches: number;
  out: string;
}

interface Phase {
  type: 'messages' | 'all';
  searches: number;
  latencyMs: Latency;
  /** The standalone process's CPU per search, in ms. */
  serverCpuMs: number;
  /** Mean hits on the first page (20). */
  meanHits: number;
}

const startStandalone = (dataDir: string, jwtSecret: string) =>
  startServer('standalone', ['bun', join(root, 'apps/standalone/src/main.ts')], {
    env: { ...productEnv(jwtSecret), FLC_DATA_DIR: dataDir },
    ready: /running at (http:\/\/[\d.]+:\d+)/,
  });

/**
 * `bun run bench --scenario search`: `messages` messages of support text in one organization of
 * the embedded profile (PGlite), then `searches` searches of realistic words through
 * `GET /v1/search`, one at a time, timed by the client; the server's CPU per search from /proc.
 */
export async function runSearchBench(
  options: SearchBenchOptions,
  teardown: Teardown,
  log: (line: string) => void,
) {
  const dataDir = mkdtempSync(join(tmpdir(), 'flc-search-bench-'));
  teardown.add(() => rmSync(dataDir, { recursive: true, force: true }));
  const jwtSecret = crypto.randomUUID() + crypto.randomUUID();

  // The organization and its owner, the product's way; the history is written beside it.
  let server = await startStandalone(dataDir, jwtSecret);
  const base = server.match[1] as string;
  const signup = await fetch(`${base}/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      organizationName: 'Search bench',
      name: 'Bench Owner',
      email: `bench-${crypto.randomUUID()}@example.com`,
      password: 'correct horse battery staple',
    }),
  });
  if (signup.status !== 201) throw new Error(`sign up: ${signup.status} ${await signup.text()}`);
  const owner = (await signup.json()) as { accessToken: string; organization: { id: string } };
  await server.stop();

  const db = await openDatabase({ dataDir });
  let seeded: Awaited<ReturnType<typeof seedMessages>>;
  try {
    seeded = await seedMessages(db.sql, owner.organization.id, options.messages, log);
    await analyzeGrown(db.sql);
    // How the planner reaches a common word's newest matches, and a rare word's.
    for (const word of ['hello', 'deductible']) {
      const plan = await db.sql<{ 'QUERY PLAN': string }[]>`
        explain select id from messages
        where organization_id = ${owner.organization.id}
          and search_vector @@ to_tsquery('simple', ${word})
        order by created_at desc limit 500`;
      log(`plan for "${word}": ${plan.map((r) => r['QUERY PLAN'].trim()).join(' / ')}`);
    }
  } finally {
    await db.close();
  }

  server = await startStandalone(dataDir, jwtSecret);
  teardown.add(server.stop);
  const url = server.match[1] as string;
  const headers = { authorization: `Bearer ${owner.accessToken}` };
  const search = async (q: string, type: Phase['type']) => {
    const t0 = performance.now();
    const res = await fetch(`${url}/v1/search?type=${type}&q=${encodeURIComponent(q)}`, {
      headers,
    });
    if (res.status !== 200) throw new Error(`search ${q}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { items: unknown[] };
    return { ms: performance.now() - t0, hits: body.items.length };
  };
  // Warm-up: JIT, the pool's prepared statements, PGlite's buffers.
  for (const q of queries(30, 3)) await search(q, 'messages');

  const phases: Phase[] = [];
  for (const [type, count] of [
    ['messages', options.searches],
    ['all', Math.ceil(options.searches / 3)],
  ] as const) {
    const list = queries(count, type === 'messages' ? 7 : 9);
    const samples: number[] = [];
    let hits = 0;
    const cpu0 = cpuSeconds(server.pid);
    for (const q of list) {
      const r = await search(q, type);
      samples.push(r.ms);
      hits += r.hits;
    }
    const cpu = cpuSeconds(server.pid) - cpu0;
    phases.push({
      type,
      searches: count,
      latencyMs: summarize(samples),
      serverCpuMs: (cpu * 1000) / count,
      meanHits: hits / count,
    });
  }
  await server.stop();

  const lines = [
    `search over ${seeded.messages.toLocaleString('en')} messages (embedded profile, PGlite)`,
    'type      searches   p50 ms   p95 ms   p99 ms   max ms   server CPU ms/search   hits/page',
    ...phases.map(
      (p) =>
        `${p.type.padEnd(9)} ${String(p.searches).padStart(8)} ${p.latencyMs.p50.toFixed(1).padStart(8)} ` +
        `${p.latencyMs.p95.toFixed(1).padStart(8)} ${p.latencyMs.p99.toFixed(1).padStart(8)} ` +
        `${p.latencyMs.max.toFixed(1).padStart(8)} ${p.serverCpuMs.toFixed(2).padStart(22)} ` +
        `${p.meanHits.toFixed(1).padStart(11)}`,
    ),
    `insert: ${seeded.insertUsPerMessage.withTrigger.toFixed(1)} µs/message with the search trigger, ` +
      `${seeded.insertUsPerMessage.withoutTrigger.toFixed(1)} without (batches of 1,000)`,
  ];
  const file = join(options.out, 'search-latest.json');
  writeJson(file, { scenario: 'search', at: new Date().toISOString(), ...seeded, phases });
  return { table: lines.join('\n'), file, p95: phases[0]?.latencyMs.p95 ?? Number.NaN };
}
