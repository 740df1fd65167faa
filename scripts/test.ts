/**
 * `bun run test [args for bun test]`: starts the servers the integration suites need (PostgreSQL,
 * Redis, a Redis Cluster of 3 masters and 3 replicas, FerretDB speaking MongoDB's protocol, Mailpit
 * catching mail over SMTP, SeaweedFS serving S3, Jaeger taking traces by OTLP) from local binaries, and an OpenID Provider (oidc-provider, from npm),
 * on free loopback ports in fresh temp dirs, runs `bun test` with their addresses and a JUnit
 * report, prints one closing line, and always stops the servers and removes their files (also on
 * failure, SIGINT and SIGTERM).
 *
 * A TEST_* variable already set is used as is. Under CI=true a server that cannot be found or
 * started fails the run; elsewhere the run goes on without it and its suites skip with a warning.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Subprocess } from 'bun';
import { ferretdb } from './test-services/ferretdb.ts';
import { jaeger } from './test-services/jaeger.ts';
import { closingLine, readTotals } from './test-services/junit.ts';
import { mailpit } from './test-services/mailpit.ts';
import { oidcProvider } from './test-services/oidc.ts';
import { postgres } from './test-services/postgres.ts';
import { redis } from './test-services/redis.ts';
import { redisCluster } from './test-services/redis-cluster.ts';
import { seaweedfs } from './test-services/seaweedfs.ts';
import type { ServiceSpec } from './test-services/server.ts';
import { Teardown } from './test-services/teardown.ts';

const services: ServiceSpec<string | Record<string, string>>[] = [
  postgres,
  redis,
  redisCluster,
  ferretdb,
  oidcProvider,
  mailpit,
  seaweedfs,
  jaeger,
];
const root = join(import.meta.dir, '..');
const report = join(root, '.test-results', 'junit.xml');
// The same reading of CI as the suites' (packages/storage/src/testing/services.ts).
const ci = Boolean(process.env.CI);
const teardown = new Teardown();
let tests: Subprocess | undefined;
let interrupted: 'SIGINT' | 'SIGTERM' | undefined;

// A signal stops the run where it is: main() sees the flag once the step in flight (starting the
// servers, or bun test, which gets the signal too) is over, and the teardown in `finally` runs.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) {
      tests?.kill('SIGKILL'); // asked twice: stop waiting for the tests
      return;
    }
    interrupted = signal;
    console.error(`\n[test] ${signal}: stopping the tests and the test servers`);
    tests?.kill(signal);
  });
}

/** The environment for bun test, or null when CI lacks a server. */
async function provideServices(): Promise<Record<string, string | undefined> | null> {
  const env: Record<string, string | undefined> = { ...process.env };
  const missing: string[] = [];
  await Promise.all(
    services.map(async (spec) => {
      if (process.env[spec.variable]) {
        console.log(`[test] ${spec.label}: using ${spec.variable} from the environment`);
        return;
      }
      const started = performance.now();
      try {
        const provided = await spec.start(teardown);
        const values = typeof provided === 'string' ? { [spec.variable]: provided } : provided;
        Object.assign(env, values);
        const ms = Math.round(performance.now() - started);
        console.log(`[test] ${spec.label}: ${Object.values(values).join(' ')} (ready in ${ms} ms)`);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        missing.push(`${spec.label} (${spec.variable}): ${reason}`);
      }
    }),
  );
  for (const problem of missing) {
    if (ci) console.error(`[test] CI=true requires every test server; missing ${problem}`);
    else console.warn(`[test] warning: running without ${problem}\n[test] its suites are skipped`);
  }
  return ci && missing.length > 0 ? null : env;
}

async function runTests(env: Record<string, string | undefined>): Promise<number> {
  rmSync(report, { force: true }); // never summarize a previous run
  mkdirSync(dirname(report), { recursive: true });
  tests = Bun.spawn(
    [
      process.execPath,
      'test',
      '--reporter=junit',
      `--reporter-outfile=${report}`,
      // Suites start databases and servers; a cold PGlite alone can take seconds on 2 cores.
      // (bunfig's [test] timeout is not applied by this Bun, so it is given here.)
      '--timeout=30000',
      ...process.argv.slice(2),
    ],
    { cwd: root, env, stdio: ['inherit', 'inherit', 'inherit'] },
  );
  return await tests.exited;
}

/** Prints the closing line (the last line of the run) and returns the exit code. */
function summarize(code: number): number {
  const totals = readTotals(report);
  if (!totals) {
    console.error(`[test] bun test exited with code ${code} and wrote no report to ${report}`);
  } else if (code !== 0 && totals.failed === 0) {
    console.error(
      `[test] bun test exited with code ${code} though no test failed: a file that did not load or an error outside any test (see above)`,
    );
  }
  console.log(closingLine(totals ?? { passed: 0, failed: 0, skipped: 0 }));
  return code !== 0 || !totals || totals.failed > 0 ? 1 : 0;
}

const signalExitCode = { SIGINT: 130, SIGTERM: 143 } as const;

async function main(): Promise<number> {
  const env = await provideServices();
  if (interrupted) return signalExitCode[interrupted];
  if (!env) return 1;
  const code = await runTests(env);
  if (interrupted) return signalExitCode[interrupted];
  await teardown.run(); // before the summary, so that the closing line is the last one
  return summarize(code);
}

try {
  process.exitCode = await main();
} finally {
  await teardown.run();
}
