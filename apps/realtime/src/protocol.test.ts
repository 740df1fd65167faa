import { describe, expect } from 'bun:test';
import { describeProtocol } from '@flc/gateway/testing';
import { serviceUrl } from '@flc/storage/testing';
import { clusterServices, redisKinds, startCluster } from './testing/cluster.ts';

// The protocol suite on a realtime node: Node + uWebSockets.js, the Redis bus (a server, then a
// Redis Cluster), an API process and the persister workers beside it, as the scaled profile runs
// them, with the messages in MongoDB (the two-node test keeps them in PostgreSQL).
const services = clusterServices();
const mongodb = serviceUrl('mongodb');

for (const redis of services && mongodb ? redisKinds(services) : []) {
  describe(`uWebSockets.js node on ${redis.name}`, () => {
    describeProtocol(`uWebSockets.js node + ${redis.name} + MongoDB`, async () => {
      if (!services) throw new Error('unreachable');
      const cluster = await startCluster(services, 1, { mongodb, redis: redis.env });
      const [node] = cluster.processes.nodes;
      expect(cluster.processes.api.output()).toContain('messages in MongoDB');
      return {
        api: cluster.api,
        ws: cluster.nodes[0] ?? '',
        jwtSecret: cluster.jwtSecret,
        stopRealtime: async () => {
          await node?.stop('SIGTERM');
        },
        stop: () => cluster.stop(),
      };
    });
  });
}
