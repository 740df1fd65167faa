import { createApi } from '@flc/api';
import { type Config, resolveJwtSecret } from '@flc/config';
import { Gateway, platformGatewayDeps } from '@flc/gateway';
import { bunTransport } from '@flc/gateway/bun';
import { createMemoryBus } from '@flc/storage/bus';
import {
  migrate,
  openDatabase,
  PostgresConversationStore,
  PostgresMessageStore,
  PostgresPrincipalDirectory,
  PostgresWebhookOutbox,
} from '@flc/storage/postgres';
import { createMemoryPresence } from '@flc/storage/presence';
import { startWebhookDispatchers, webhookWorkerConfig } from '@flc/workers';
import { platformPages } from './pages.ts';

export interface Standalone {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * The whole platform in one Bun process on embedded stores (PGlite on disk unless `DATABASE_URL`
 * is set): the API and the realtime gateway share one port, WebSockets at `/v1/ws`, and the
 * widget's script and demo page (`/widget.js`, `/demo`).
 */
export async function startStandalone(config: Config): Promise<Standalone> {
  const building = platformPages();
  building.catch(() => {}); // awaited below; not unhandled if the database fails first
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(db.sql);
  } catch (error) {
    await db.close();
    throw error;
  }
  const messages = new PostgresMessageStore(db.sql);
  // One process, so the in-memory bus; after a restart it numbers on from the stored history
  // and still knows the cids of each conversation's recent messages.
  const bus = createMemoryBus({
    initialSeq: (id) => messages.headSeq(id),
    recentMessages: (organizationId, conversationId) =>
      messages.range(organizationId, conversationId, {
        beforeSeq: 2 ** 31 - 1, // seq is a PostgreSQL integer
        limit: 1_000,
      }),
  });
  const jwtSecret = resolveJwtSecret(config);
  // Shared by the gateway (which connects agents) and the API (which lists them).
  const presence = createMemoryPresence();
  const deps = { config, db, jwtSecret, bus, messages, presence };
  const app = createApi(deps);
  const gateway = new Gateway(
    platformGatewayDeps({
      bus,
      messages,
      conversations: new PostgresConversationStore(db.sql),
      principals: new PostgresPrincipalDirectory(db.sql),
      jwtSecret,
      // Written through, and each message's webhook event recorded right after it.
      persistence: { persistence: 'write-through', outbox: new PostgresWebhookOutbox(db.sql) },
      presence,
    }),
  );
  const transport = bunTransport(gateway);
  let pages: Awaited<typeof building>;
  try {
    pages = await building;
  } catch (error) {
    gateway.shutdown();
    await bus.close();
    await db.close();
    throw error;
  }
  const server = Bun.serve({
    port: config.port,
    hostname: config.host,
    // Declared lengths are refused with the API's 413; this cap stops unbounded chunked bodies.
    maxRequestBodySize: config.maxBodyBytes * 2,
    fetch: (request, srv) =>
      transport.upgrade(request, srv) ?? pages(request) ?? app.handle(request),
    websocket: transport.websocket,
  });
  // Elysia reads the client's address (login limits) from the server it is mounted on.
  app.server = server;
  // The webhook dispatcher, a Web Worker on the same database (PGlite's socket when embedded).
  const webhooks = startWebhookDispatchers({
    count: 1,
    config: () =>
      webhookWorkerConfig(config, {
        databaseUrl: config.databaseUrl,
        socketPath: db.socketPath,
        owner: `standalone-${process.pid}`,
      }),
  });
  const port = server.port ?? config.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return {
    url: `http://${host}:${port}`,
    port,
    async stop() {
      gateway.shutdown();
      await server.stop(true);
      await webhooks.stop();
      await bus.close();
      await db.close();
    },
  };
}
