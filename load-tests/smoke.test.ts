import { afterAll, beforeAll, expect, test } from 'bun:test';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Subprocess } from 'bun';
import { seed } from './seed.ts';

// The k6 smoke: chat.js against the standalone profile with a few hundred sockets for a few
// seconds, its thresholds enforced (k6 exits non-zero when one is crossed). Real k6: under CI it
// must be there; elsewhere the smoke is skipped, loudly, without it.
const root = join(import.meta.dir, '..');
const cached = join(process.env.FLC_CACHE_DIR ?? '/var/cache/fast-light-chat', 'bin', 'k6');
const k6 = Bun.which('k6') ?? (existsSync(cached) ? cached : null);
if (!k6) {
  if (process.env.CI)
    throw new Error('k6 is not installed: the k6 smoke cannot run, and CI requires it');
  console.warn('[skip] k6 is not installed: skipping the k6 smoke (.ci/run builds it)');
}

let platform: Subprocess<'ignore', 'pipe', 'inherit'> | undefined;
let api = '';
const dir = mkdtempSync(join(tmpdir(), 'flc-k6-smoke-'));

beforeAll(async () => {
  if (!k6) return;
  platform = Bun.spawn(['bun', join(root, 'apps/standalone/src/main.ts')], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      FLC_DATA_DIR: join(dir, 'data'),
      // The seed boots every visitor from this one address.
      FLC_SIGNUPS_PER_IP: '0',
      FLC_WIDGET_BOOTS_PER_IP: '0',
    },
    stdout: 'pipe',
    stderr: 'inherit',
  });
  const reader = platform.stdout.getReader();
  let text = '';
  while (!/running at (http:\/\/\S+)/.test(text)) {
    const { done, value } = await reader.read();
    if (done) throw new Error(`the standalone platform exited:\n${text}`);
    text += new TextDecoder().decode(value);
  }
  api = text.match(/running at (http:\/\/\S+)/)?.[1] ?? '';
  reader.releaseLock();
}, 60_000);

afterAll(async () => {
  platform?.kill('SIGTERM');
  await platform?.exited;
  rmSync(dir, { recursive: true, force: true });
});

test.if(Boolean(k6))(
  'k6 chat.js: 300 visitors and their agents, 150 msg/s for 5 s, thresholds hold',
  async () => {
    const seeded = await seed({ api, orgs: 3, visitors: 100 });
    const seedFile = join(dir, 'seed.json');
    writeFileSync(seedFile, JSON.stringify(seeded));
    const run = Bun.spawn(
      [
        k6 ?? 'k6',
        'run',
        '--quiet',
        '--no-color',
        '-e',
        `SEED=${seedFile}`,
        '-e',
        'RATE=150',
        '-e',
        'DURATION=5s',
        '-e',
        'DRAIN=3s',
        join(import.meta.dir, 'chat.js'),
      ],
      { stdout: 'pipe', stderr: 'pipe', env: { ...process.env, K6_NO_USAGE_REPORT: 'true' } },
    );
    const [out, err, code] = await Promise.all([
      new Response(run.stdout).text(),
      new Response(run.stderr).text(),
      run.exited,
    ]);
    const summary = out
      .split('\n')
      .filter((line) => /flc_|✓|✗/.test(line))
      .join('\n');
    console.log(`[k6 smoke]\n${summary}`);
    if (code !== 0) console.error(`[k6 smoke] k6 exited with ${code}:\n${err}`);
    expect(code).toBe(0);
    const sent = Number(out.match(/flc_messages_sent\.*:\s*(\d+)/)?.[1]);
    const delivered = Number(out.match(/flc_messages_delivered\.*:\s*(\d+)/)?.[1]);
    expect(sent).toBeGreaterThan(500);
    expect(delivered).toBe(sent);
  },
  90_000,
);
