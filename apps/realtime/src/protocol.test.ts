import { describe, expect } from 'bun:test';
import { describeProtocol } from '@flc/gateway/testing';
import { serviceUrl } from '@flc/storage/testing';
import { clusterServices, startCluster } from './testing/cluster.ts';

// The protocol suite on a realtime node: Node + uWebSockets.js, the Redis Streams bus, an API
// process and the persister workers beside it, as the scaled profile runs them, with the
// messages in MongoDB (the two-node test keeps them in PostgreSQL).
const services = clusterServices();
const mongodb = serviceUrl('mongodb');

describe.if(services !== null && Boolean(mongodb))('uWebSockets.js node', () => {
  describeProtocol('uWebSockets.js node + Redis Streams + MongoDB', async () => {
    if (!services) throw new Error('unreachable');
    const cluster = await startCluster(services, 1, { mongodb });
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
