/**
 * Seeds a running Fast Light Chat deployment for the k6 scripts, through its public REST API:
 * organizations (an owner agent each), one environment each, and anonymous visitors with one
 * open conversation each. Writes the tokens and ids k6 needs as JSON.
 *
 *   bun load-tests/seed.ts --api http://localhost:3000 --orgs 2 --visitors 200 --out load-tests/.seed.json
 *
 * `--ws` defaults to the API's origin with ws:// and /v1/ws (the standalone profile; give a
 * realtime node or the proxy otherwise). Agent access tokens live FLC_ACCESS_TOKEN_TTL (15 min
 * by default): seed again before a longer run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';

export interface Seed {
  api: string;
  ws: string;
  createdAt: string;
  orgs: {
    name: string;
    agentToken: string;
    environmentId: string;
    pluginKey: string;
    visitors: { token: string; conversationId: string }[];
  }[];
}

async function call(api: string, method: string, path: string, body: unknown, headers = {}) {
  const res = await fetch(`${api}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Runs `task` for 0..n-1 with at most `width` in flight. */
async function pool<T>(n: number, width: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      out[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, n) }, worker));
  return out;
}

export async function seed(options: {
  api: string;
  ws?: string;
  orgs: number;
  visitors: number;
  concurrency?: number;
}): Promise<Seed> {
  const api = options.api.replace(/\/$/, '');
  const ws = options.ws ?? `${api.replace(/^http/, 'ws')}/v1/ws`;
  const run = crypto.randomUUID().slice(0, 8);
  const orgs: Seed['orgs'] = [];
  for (let o = 0; o < options.orgs; o++) {
    const name = `Load ${run} #${o + 1}`;
    const signup = await call(api, 'POST', '/v1/auth/signup', {
      organizationName: name,
      name: 'Load Agent',
      email: `load-${run}-${o}@example.com`,
      password: 'load test password',
    });
    const agentToken = String(signup.accessToken);
    const auth = { authorization: `Bearer ${agentToken}` };
    const env = await call(api, 'POST', '/v1/environments', { name: 'Load' }, auth);
    const pluginKey = String(env.pluginKey);
    const visitors = await pool(options.visitors, options.concurrency ?? 16, async () => {
      const boot = await call(api, 'POST', '/v1/widget/boot', {}, { 'x-plugin-key': pluginKey });
      const token = String(boot.sessionToken);
      const opened = await call(
        api,
        'POST',
        '/v1/widget/conversations',
        {},
        { authorization: `Bearer ${token}` },
      );
      return { token, conversationId: String(opened.id) };
    });
    orgs.push({ name, agentToken, environmentId: String(env.id), pluginKey, visitors });
  }
  return { api, ws, createdAt: new Date().toISOString(), orgs };
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      api: { type: 'string', default: 'http://localhost:3000' },
      ws: { type: 'string' },
      orgs: { type: 'string', default: '2' },
      visitors: { type: 'string', default: '100' },
      concurrency: { type: 'string', default: '16' },
      out: { type: 'string', default: 'load-tests/.seed.json' },
    },
  });
  const started = performance.now();
  const result = await seed({
    api: values.api,
    ws: values.ws,
    orgs: Number(values.orgs),
    visitors: Number(values.visitors),
    concurrency: Number(values.concurrency),
  });
  const out = resolve(values.out);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(result, null, 2));
  const visitors = result.orgs.reduce((n, o) => n + o.visitors.length, 0);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `seeded ${result.orgs.length} organizations, ${visitors} visitors in ${seconds} s → ${out}`,
  );
}
