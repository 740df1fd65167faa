import { afterAll, beforeAll, expect, test } from 'bun:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@flc/config';
import { toolPath } from '@flc/storage/testing';
import { type ChatTenant, chatTenant, restClient } from '@flc/testkit';
import { type Standalone, startStandalone } from './standalone.ts';

// API fuzzing: Schemathesis (PyPI; .ci/run installs it) generates requests from /swagger/json,
// valid ones and invalid ones, against the embedded platform, once as an owner (Bearer token)
// and once as an API key (X-API-Key + X-API-Secret, on the operations a key reaches). Any 5xx,
// undeclared status, undeclared content type or answer that does not fit its schema fails the
// suite, with Schemathesis' report, and so does invalid input that is not refused with a 4xx. Bounded in time: both runs take under 3 minutes.

const schemathesis = toolPath('schemathesis', 'the API fuzzing suite');
const CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_schema_conformance',
  'negative_data_rejection',
].join(',');

const dir = mkdtempSync(join(tmpdir(), 'flc-api-fuzz-'));
// Invalid input must be refused with a 4xx; 431 too, the HTTP server's own bound on a request's
// headers and URL (a generated query string can pass it), which no route declares. Unknown
// fields of a body are not sent: routes ignore them (or drop them, where the document forbids
// them), which is no finding.
const config = join(dir, 'schemathesis.toml');
writeFileSync(
  config,
  `[generation]
allow-extra-parameters = false

[checks.negative_data_rejection]
expected-statuses = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429", "431"]
`,
);
let platform: Standalone;
let tenant: ChatTenant;

beforeAll(async () => {
  if (!schemathesis) return;
  platform = await startStandalone(
    loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      FLC_DATA_DIR: join(dir, 'data'),
      // Every request comes from one address, one key and one organization: their budgets
      // would turn most of the run into 429s (declared, so no finding, but nothing tested
      // behind them).
      FLC_API_KEY_RATE: '100000',
      FLC_API_KEY_BURST: '100000',
      FLC_SIGNUPS_PER_IP: '0',
      FLC_INVITES_PER_ORG_PER_HOUR: '0',
      FLC_WIDGET_BOOTS_PER_IP: '0',
      FLC_VISITOR_REQUESTS_PER_MINUTE: '0',
    }),
  );
  tenant = await chatTenant(restClient(() => platform.url));
}, 60_000);

afterAll(async () => {
  await platform?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Runs Schemathesis against the platform with these headers for at most `seconds` (its own
 * budget; the process is killed 30 s after it, should it hang) and returns its exit code and
 * output. Spawned, not run synchronously: the platform answers from this very process.
 */
async function fuzz(
  name: string,
  headers: Record<string, string>,
  seconds: number,
  extra: string[] = [],
) {
  const args = [
    `--config-file=${config}`,
    'run',
    `${platform.url}/swagger/json`,
    `--checks=${CHECKS}`,
    '--phases=examples,coverage,fuzzing',
    '--max-examples=8',
    `--max-time=${seconds}`,
    // One worker: Hypothesis' lambda descriptions race across threads ("AST constructor
    // recursion depth mismatch"), and the platform shares these 2 cores anyway.
    '--workers=1',
    '--seed=20261202',
    '--request-timeout=10',
    '--no-color',
    ...Object.entries(headers).map(([k, v]) => `--header=${k}: ${v}`),
    ...extra,
  ];
  const run = Bun.spawn([schemathesis ?? 'schemathesis', ...args], {
    // Its Hypothesis database and any report stay in the temp dir.
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1' },
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const killer = setTimeout(() => run.kill('SIGKILL'), (seconds + 30) * 1000);
  const [out, err, code] = await Promise.all([
    new Response(run.stdout).text(),
    new Response(run.stderr).text(),
    run.exited,
  ]);
  clearTimeout(killer);
  const report = `${out}${err}`;
  if (code !== 0) console.error(`[fuzz] Schemathesis as ${name} exited with ${code}:\n${report}`);
  const tested = /(\d+) generated/.exec(report)?.[1];
  console.log(`[fuzz] as ${name}: ${tested ?? '?'} test cases, exit ${code}`);
  return { code, report, tested: Number(tested ?? 0) };
}

test.if(Boolean(schemathesis))(
  'Schemathesis as an owner finds no server error and no answer that breaks the document',
  async () => {
    const result = await fuzz(
      'an owner',
      { authorization: `Bearer ${tenant.owner.accessToken}` },
      90,
    );
    expect(result.tested).toBeGreaterThan(500);
    expect(result.code).toBe(0);
  },
  150_000,
);

test.if(Boolean(schemathesis))(
  'Schemathesis as an API key finds no server error and no answer that breaks the document',
  async () => {
    const result = await fuzz('an API key', tenant.keyHeaders, 50, [
      // The operations a key reaches; elsewhere it is 401, which the owner run covers.
      '--include-path-regex=^/v1/(conversations|contacts|api-key)',
    ]);
    expect(result.tested).toBeGreaterThan(100);
    expect(result.code).toBe(0);
  },
  120_000,
);
