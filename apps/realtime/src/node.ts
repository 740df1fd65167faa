import {
  App,
  type us_listen_socket,
  us_listen_socket_close,
  us_socket_local_port,
} from 'uWebSockets.js';
import type { Config } from '@flc/config';
import { configuredLimits, Gateway, platformGatewayDeps } from '@flc/gateway';
import { mountUws } from '@flc/gateway/uws';
import { METRICS_CONTENT_TYPE } from '@flc/metrics';
import { openPlatform, platformDependencies, startPlatformReporter } from '@flc/storage/platform';
import { redisSettingsOf } from '@flc/storage/redis';
import { nodeMetrics } from './metrics.ts';

export interface RealtimeNode {
  port: number;
  stop(): Promise<void>;
}

/**
 * One realtime node: the gateway on uWebSockets.js, appending to Redis and receiving the live
 * traffic of the topics its sockets follow. Many run side by side behind a proxy; they share
 * PostgreSQL and Redis (one server or a cluster), nothing else.
 */
export async function startRealtimeNode(config: Config): Promise<RealtimeNode> {
  if (!config.databaseUrl || !redisSettingsOf(config)) {
    throw new Error('A realtime node needs DATABASE_URL, and REDIS_URL or REDIS_CLUSTER_NODES');
  }
  // The node only appends: the persister workers (apps/workers) store each message, move the
  // conversation's read model and tell the inbox. Backfills read the store and take what it
  // lacks yet from the partition stream, so a resume has no gap while the persister lags.
  const platform = await openPlatform(config, {
    name: `realtime-${process.pid}`,
    presence: 'write',
  });
  const { redisBus } = platform;
  const metrics = nodeMetrics(
    () => gateway.size,
    () => redisBus?.stats(),
    platformDependencies(platform),
    { counts: platform.tenants, sockets: () => gateway.socketsByOrganization() },
  );
  const gateway = new Gateway(
    { ...platformGatewayDeps(platform), metrics: metrics.gateway },
    configuredLimits(config),
  );
  const { app, drained } = mountUws(App(), gateway);
  let draining = false;
  app.get('/health', (res) => {
    res.cork(() => {
      res.writeStatus(draining ? '503 Service Unavailable' : '200 OK');
      res.writeHeader('content-type', 'application/json');
      res.end(JSON.stringify({ status: draining ? 'draining' : 'ok', sockets: gateway.size }));
    });
  });
  app.get('/metrics', (res) => {
    res.cork(() => {
      res.writeHeader('content-type', METRICS_CONTENT_TYPE);
      res.end(metrics.render());
    });
  });
  const listen = await new Promise<us_listen_socket>((resolve, reject) => {
    app.listen(config.host, config.port, (socket) =>
      socket
        ? resolve(socket)
        : reject(new Error(`cannot listen on ${config.host}:${config.port}`)),
    );
  });
  // The System page: this node, its sockets, topics, frames per second and last problems.
  const reporter = startPlatformReporter(platform, 'realtime', async () => ({
    gauges: { sockets: gateway.size, topics: redisBus?.stats().topics ?? 0 },
    counters: { ...metrics.totals, received: redisBus?.stats().received ?? 0 },
    // The operators' "active visitors now" of each tenant.
    visitors: gateway.visitorsByOrganization(),
  }));
  return {
    port: us_socket_local_port(listen),
    async stop() {
      draining = true;
      await reporter.stop();
      metrics.stop();
      us_listen_socket_close(listen);
      gateway.shutdown();
      // The 1012 close frames go out before the process may exit.
      await drained(2_000);
      await gateway.presenceSettled();
      await platform.close();
    },
  };
}
