import { Redis } from 'ioredis';

/** One Redis command's share of a phase: calls per second and server time per call. */
export interface RedisCommandStat {
  command: string;
  perSecond: number;
  usecPerCall: number;
  /** Percent of one core the command took on the Redis server during the phase. */
  cpu: number;
}

/**
 * Counts the commands Redis ran during a phase (`INFO commandstats`, reset at the start), so a
 * row's Redis CPU can be put down to what the target asked of it. Returns a function that ends
 * the count and answers the busiest commands first.
 */
export async function redisCommandMeter(url: string): Promise<() => Promise<RedisCommandStat[]>> {
  const redis = new Redis(url, { lazyConnect: true, connectionName: 'bench:stats' });
  await redis.connect();
  await redis.config('RESETSTAT');
  const t0 = performance.now();
  return async () => {
    const seconds = (performance.now() - t0) / 1000;
    const info = await redis.info('commandstats');
    redis.disconnect();
    const stats: RedisCommandStat[] = [];
    for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/gm)) {
      const [, command = '', calls, usec] = match;
      if (command === 'info' || command.startsWith('config')) continue;
      stats.push({
        command,
        perSecond: Math.round(Number(calls) / seconds),
        usecPerCall: Number(usec) / Math.max(1, Number(calls)),
        cpu: Math.round((Number(usec) / 1e6 / seconds) * 1000) / 10,
      });
    }
    return stats.sort((a, b) => b.cpu - a.cpu);
  };
}

/** `evalsha 5012/s × 9.8 µs = 4.9%` for the commands that took the most time. */
export const formatRedisStats = (stats: RedisCommandStat[], top = 6): string =>
  stats
    .slice(0, top)
    .map((s) => `${s.command} ${s.perSecond}/s × ${s.usecPerCall.toFixed(1)} µs = ${s.cpu}%`)
    .join(', ');
