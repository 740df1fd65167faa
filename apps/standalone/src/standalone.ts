import {
  applyConfiguredPlans,
  createApi,
  ensureConfiguredOperator,
  JobQueue,
  Metrics,
  serverBodyLimit,
  startInboundSmtpOf,
} from '@flc/api';
import type { Config } from '@flc/config';
import { startAssignmentSweep, startSnoozeAlarm } from '@flc/core';
import { configuredLimits, Gateway, platformGatewayDeps } from '@flc/gateway';
import { bunTransport } from '@flc/gateway/bun';
import { createMailer } from '@flc/mail';
import {
  openPlatform,
  platformDependencies,
  startPlatformReplyMailer,
  startPlatformReporter,
  startPlatformTranscriptMailer,
  startPlatformUsageMetering,
} from '@flc/storage/platform';
import { keepStatistics } from '@flc/storage/postgres';
import { createMemoryPresence } from '@flc/storage/presence';
import { startBackground } from './background.ts';
import { platformPages } from './pages.ts';

export interface Standalone {
  url: string;
  port: number;
  /** The SMTP listener's port for visitors' replies, when `FLC_INBOUND_SMTP_PORT` is set. */
  inboundSmtpPort: number | undefined;
  stop(): Promise<void>;
}

/**
 * The whole platform in one Bun process on embedded stores (PGlite on disk unless `DATABASE_URL`
 * is set): the API and the realtime gateway share one port, WebSockets at `/v1/ws`, and the
 * widget's script and demo page (`/widget.js`, `/demo`). With Redis, messages go through Redis
 * and persister Web Workers of this process, as in the scaled profile (see background.ts).
 * It also wakes snoozed conversations whose time has passed, and mails visitors the replies they
 * have not seen (email continuity).
 */
export async function startStandalone(config: Config): Promise<Standalone> {
  const building = platformPages();
  building.catch(() => {}); // awaited below; not unhandled if the database fails first
  // The memory bus, written through; or with Redis, deferred to persisters of this process.
  // Its messages stay in PostgreSQL (PGlite), MONGODB_URL or not.
  const platform = await openPlatform(config, {
    name: `standalone-${process.pid}`,
    // Shared by the gateway (which connects agents) and the API (which lists them).
    presence: createMemoryPresence(),
    ignoreMongo: true,
  });
  // FLC_OPERATOR_EMAIL: the platform operator made at start-up, when it does not exist yet.
  await ensureConfiguredOperator(platform.db.sql, config);
  // FLC_PLANS_FILE's plans written, FLC_DEFAULT_PLAN checked: a bad one stops start-up here.
  await applyConfiguredPlans(platform.db.sql, config).catch(async (error) => {
    await platform.close();
    throw error;
  });
  const background = await startBackground(config, platform);
  // PGlite has no autovacuum: without fresh statistics the planner skips the search index.
  const statistics = config.databaseUrl ? undefined : keepStatistics(platform.db.sql);
  // Snoozed conversations whose time has passed open again, every few seconds.
  const snooze = startSnoozeAlarm({ conversations: platform.conversationService });
  // Conversations waiting for a free agent of their team get one as soon as one has room.
  const sweep = startAssignmentSweep(platform.assignment);
  const mailer = createMailer(config);
  // Replies a visitor has not seen are mailed (email continuity, when it is on).
  const replyMailer = startPlatformReplyMailer(platform, mailer);
  // A closed conversation's transcript, with its rating links, on the same terms.
  const transcriptMailer = startPlatformTranscriptMailer(platform, mailer);
  // Each tenant's usage per day, from the stores, and its `usage.daily` reports.
  const metering = startPlatformUsageMetering(platform);
  const jobs = new JobQueue();
  // Its sockets per tenant are the gateway's, made below (read only when scraped).
  const httpMetrics = new Metrics(platformDependencies(platform), platform.tenants, () =>
    gateway.socketsByOrganization(),
  );
  const deps = {
    ...platform,
    metrics: background.metrics,
    webhookCreated: background.webhookCreated,
    mailer,
    jobs,
    httpMetrics,
  };
  const app = createApi(deps);
  const gateway = new Gateway(platformGatewayDeps(platform), configuredLimits(config));
  // The System page: this process, its sockets, requests per second and last problems.
  const reporter = startPlatformReporter(platform, 'standalone', async () => ({
    gauges: { sockets: gateway.size },
    counters: httpMetrics.totals,
    // The operators' "active visitors now" of each tenant.
    visitors: gateway.visitorsByOrganization(),
  }));
  let smtp: Awaited<ReturnType<typeof startInboundSmtpOf>>;
  const stopAll = async () => {
    gateway.shutdown();
    await reporter.stop();
    httpMetrics.stop();
    await smtp?.close();
    await snooze.stop();
    await sweep.stop();
    await background.stop();
    await statistics?.stop();
    await replyMailer?.stop();
    await transcriptMailer?.stop();
    await metering?.stop();
    await jobs.idle();
    mailer?.close();
    await platform.close();
  };
  const transport = bunTransport(gateway);
  let pages: Awaited<typeof building>;
  try {
    // Visitors' replies by SMTP, when FLC_INBOUND_SMTP_PORT is set (and email continuity is on).
    smtp = await startInboundSmtpOf(deps);
    pages = await building;
  } catch (error) {
    await stopAll();
    throw error;
  }
  const server = Bun.serve({
    port: config.port,
    hostname: config.host,
    // Declared lengths are refused with the API's 413; this cap stops unbounded chunked bodies.
    maxRequestBodySize: serverBodyLimit(config) * 2,
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
    inboundSmtpPort: smtp?.port,
    async stop() {
      gateway.shutdown();
      await server.stop(true);
      await stopAll();
    },
  };
}
