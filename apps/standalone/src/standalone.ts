import { createApi } from '@flc/api';
import { type Config, resolveJwtSecret } from '@flc/config';
import { startSnoozeAlarm } from '@flc/core';
import { Gateway, platformGatewayDeps } from '@flc/gateway';
import { bunTransport } from '@flc/gateway/bun';
import {
  migrate,
  openDatabase,
  PostgresConversationStore,
  PostgresMessageStore,
  PostgresPrincipalDirectory,
  PostgresSnoozeWaker,
} from '@flc/storage/postgres';
import { createMemoryPresence } from '@flc/storage/presence';
import { openMessagePath } from './message-path.ts';
import { platformPages } from './pages.ts';

export interface Standalone {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * The whole platform in one Bun process on embedded stores (PGlite on disk unless `DATABASE_URL`
 * is set): the API and the realtime gateway share one port, WebSockets at `/v1/ws`, and the
 * widget's script and demo page (`/widget.js`, `/demo`). With `REDIS_URL`, messages go through
 * Redis and persister Web Workers of this process, as in the scaled profile (see message-path).
 * It also wakes snoozed conversations whose time has passed.
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
  // The memory bus, written through; or with REDIS_URL, Redis and the persisters as Web Workers.
  const path = openMessagePath(config, db, messages);
  const { bus, persistence } = path;
  // Snoozed conversations whose time has passed open again, every few seconds.
  const snooze = startSnoozeAlarm({ waker: new PostgresSnoozeWaker(db.sql), bus });
  const jwtSecret = resolveJwtSecret(config);
  // Shared by the gateway (which connects agents) and the API (which lists them).
  const presence = createMemoryPresence();
  const deps = {
    config,
    db,
    jwtSecret,
    bus,
    messages,
    presence,
    persistence,
    metrics: path.metrics,
  };
  const app = createApi(deps);
  const gateway = new Gateway(
    platformGatewayDeps({
      bus,
      messages,
      conversations: new PostgresConversationStore(db.sql),
      principals: new PostgresPrincipalDirectory(db.sql),
      jwtSecret,
      persistence,
      presence,
    }),
  );
  const transport = bunTransport(gateway);
  let pages: Awaited<typeof building>;
  try {
    pages = await building;
  } catch (error) {
    gateway.shutdown();
    await snooze.stop();
    await path.close();
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
  const port = server.port ?? config.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return {
    url: `http://${host}:${port}`,
    port,
    async stop() {
      gateway.shutdown();
      await server.stop(true);
      await snooze.stop();
      await path.close();
      await db.close();
    },
  };
}
