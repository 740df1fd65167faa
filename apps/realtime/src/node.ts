import {
  App,
  type us_listen_socket,
  us_listen_socket_close,
  us_socket_local_port,
} from 'uWebSockets.js';
import { type Config, resolveJwtSecret } from '@flc/config';
import { Gateway, platformGatewayDeps } from '@flc/gateway';
import { mountUws } from '@flc/gateway/uws';
import { createRedisBus } from '@flc/storage/bus';
import {
  migrate,
  openDatabase,
  PostgresConversationStore,
  PostgresMessageStore,
  PostgresPrincipalDirectory,
} from '@flc/storage/postgres';

export interface RealtimeNode {
  port: number;
  stop(): Promise<void>;
}

/**
 * One realtime node: the gateway on uWebSockets.js, fanning out through Redis Streams. Many
 * run side by side behind a proxy; they share PostgreSQL and Redis, nothing else.
 */
export async function startRealtimeNode(config: Config): Promise<RealtimeNode> {
  if (!config.databaseUrl || !config.redisUrl) {
    throw new Error('A realtime node needs DATABASE_URL and REDIS_URL');
  }
  const db = await openDatabase({ databaseUrl: config.databaseUrl });
  await migrate(db.sql);
  const messages = new PostgresMessageStore(db.sql);
  const bus = createRedisBus({ url: config.redisUrl, initialSeq: (id) => messages.headSeq(id) });
  const gateway = new Gateway(
    platformGatewayDeps({
      bus,
      messages,
      conversations: new PostgresConversationStore(db.sql),
      principals: new PostgresPrincipalDirectory(db.sql),
      jwtSecret: resolveJwtSecret(config),
    }),
  );
  const { app, drained } = mountUws(App(), gateway);
  let draining = false;
  app.get('/health', (res) => {
    res.writeStatus(draining ? '503 Service Unavailable' : '200 OK');
    res.writeHeader('content-type', 'application/json');
    res.end(JSON.stringify({ status: draining ? 'draining' : 'ok', sockets: gateway.size }));
  });
  const listen = await new Promise<us_listen_socket>((resolve, reject) => {
    app.listen(config.host, config.port, (socket) =>
      socket
        ? resolve(socket)
        : reject(new Error(`cannot listen on ${config.host}:${config.port}`)),
    );
  });
  return {
    port: us_socket_local_port(listen),
    async stop() {
      draining = true;
      us_listen_socket_close(listen);
      gateway.shutdown();
      // The 1012 close frames go out before the process may exit.
      await drained(2_000);
      await bus.close();
      await db.close();
    },
  };
}
