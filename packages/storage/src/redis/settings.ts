import type { Config } from '@flc/config';
import type { RedisSettings } from './server.ts';

/** The install's Redis as configured (`REDIS_URL` or `REDIS_CLUSTER_NODES`); none: embedded. */
export function redisSettingsOf(config: Config): RedisSettings | undefined {
  const server = config.redisClusterNodes
    ? { clusterNodes: config.redisClusterNodes }
    : config.redisUrl
      ? { url: config.redisUrl }
      : undefined;
  return (
    server && {
      server,
      prefix: config.redisPrefix,
      partitions: config.redisPartitions,
      ackReplicas: config.redisAckReplicas,
      ackTimeoutMs: config.redisAckTimeout,
    }
  );
}
