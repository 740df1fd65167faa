import { postgres } from '../../../scripts/test-services/postgres.ts';
import { redis } from '../../../scripts/test-services/redis.ts';
import type { Teardown } from '../../../scripts/test-services/teardown.ts';
import { pidListeningOn } from './proc-stats.ts';

export interface Services {
  redisUrl: string;
  /** Only when a target needs PostgreSQL (the realtime node and its API). */
  postgresUrl?: string;
  /** The servers' pids, for their CPU time (null if not found; PostgreSQL's is the postmaster). */
  redisPid: number | null;
  postgresPid: number | null;
}

/**
 * Private Redis and PostgreSQL servers on free loopback ports, the same way `bun run test` starts
 * them; the teardown stops them and removes their files.
 */
export async function startServices(teardown: Teardown, needPostgres: boolean): Promise<Services> {
  const [redisUrl, postgresUrl] = await Promise.all([
    redis.start(teardown),
    needPostgres ? postgres.start(teardown) : Promise.resolve(undefined),
  ]);
  const port = new URL(redisUrl).port;
  return {
    redisUrl,
    ...(postgresUrl ? { postgresUrl } : {}),
    redisPid: pidListeningOn(Number(port)),
    postgresPid: postgresUrl ? pidListeningOn(Number(new URL(postgresUrl).port)) : null,
  };
}
