import { join } from 'node:path';
import { type Restartable, restartable } from '@flc/testkit';

const main = join(import.meta.dir, '..', 'main.ts');

export interface RestartableWorkers extends Restartable {
  /** Its Redis key prefix, of its own: the test appends under it too. */
  prefix: string;
}

/**
 * The workers process (`main.ts`) for the kill suites, on the suite's database and Redis under a
 * key prefix of its own, its HTTP port on loopback (`match[1]`), plus the suite's own `env`;
 * started once it listens and has printed `ready`.
 */
export function restartableWorkers(
  databaseUrl: () => string,
  redisUrl: string,
  env: Record<string, string>,
  ready: RegExp,
): RestartableWorkers {
  const prefix = `flc-test-${crypto.randomUUID()}`;
  const process = restartable(
    ['bun', main],
    () => ({
      DATABASE_URL: databaseUrl(),
      REDIS_URL: redisUrl,
      FLC_REDIS_PREFIX: prefix,
      HOST: '127.0.0.1',
      PORT: '0',
      ...env,
    }),
    new RegExp(`listening on http://[\\d.]+:(\\d+)[\\s\\S]*${ready.source}`),
    30_000,
  );
  return Object.assign(process, { prefix });
}
