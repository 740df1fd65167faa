import { describe } from 'bun:test';
import { describeProtocol } from '@flc/gateway/testing';
import { clusterServices, startCluster } from './testing/cluster.ts';

// The protocol suite on a realtime node: Node + uWebSockets.js, the Redis Streams bus, an API
// process beside it, as the scaled profile runs them.
const services = clusterServices();

describe.if(services !== null)('uWebSockets.js node', () => {
  describeProtocol('uWebSockets.js node + Redis Streams', async () => {
    if (!services) throw new Error('unreachable');
    const cluster = await startCluster(services, 1);
    const [node] = cluster.processes.nodes;
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
