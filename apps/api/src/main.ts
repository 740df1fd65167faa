import { loadConfigOrExit } from '@flc/config';
import { configureLogs } from '@flc/log';
import { createMailer, describeMail } from '@flc/mail';
import { openPlatform, platformDependencies, startPlatformReporter } from '@flc/storage/platform';
import { startTracing, stopTracing } from '@flc/telemetry';
import { createApi } from './app.ts';
import { startInboundSmtpOf } from './features/email/index.ts';
import { ensureConfiguredOperator } from './features/operator/accounts.ts';
import { applyConfiguredPlans, PlansConfigError } from './features/plans/config-plans.ts';
import { JobQueue } from './lib/job-queue.ts';
import { Metrics } from './lib/metrics.ts';
import { serverBodyLimit } from './lib/uploads.ts';

// The API alone (scaled profile): `DATABASE_URL` points at PostgreSQL; without it, PGlite. With
// Redis the persister workers store messages behind the bus; alone on the memory bus, the API
// writes each message through itself. It only reads who is online.
const config = loadConfigOrExit();
const log = configureLogs({ role: 'api', level: config.logLevel, format: config.logFormat });
if (await startTracing('api')) log.info('traces: exported with OTLP');
const platform = await openPlatform(config, { name: `api-${process.pid}`, presence: 'read' });
// FLC_OPERATOR_EMAIL: the platform operator made at start-up, when it does not exist yet.
if ((await ensureConfiguredOperator(platform.db.sql, config)) === 'created') {
  log.info('operator created from FLC_OPERATOR_EMAIL');
}
// FLC_PLANS_FILE's plans written, FLC_DEFAULT_PLAN checked: a bad one stops start-up here.
try {
  const written = await applyConfiguredPlans(platform.db.sql, config);
  if (written > 0) log.info(`${written} plan(s) from FLC_PLANS_FILE`);
} catch (error) {
  if (!(error instanceof PlansConfigError)) throw error;
  console.error(error.message);
  await platform.close();
  process.exit(1);
}
const mailer = createMailer(config);
const jobs = new JobQueue();
const httpMetrics = new Metrics(platformDependencies(platform), platform.tenants);
const deps = { ...platform, mailer, jobs, httpMetrics };
const app = createApi(deps).listen({
  port: config.port,
  hostname: config.host,
  maxRequestBodySize: serverBodyLimit(config),
});
log.info(`Fast Light Chat API listening on http://${config.host}:${app.server?.port}`);
log.info(describeMail(config));
log.info(`messages in ${platform.messageStoreKind === 'mongodb' ? 'MongoDB' : 'PostgreSQL'}`);
// Visitors' replies by SMTP, when FLC_INBOUND_SMTP_PORT is set (and email continuity is on).
const smtp = await startInboundSmtpOf(deps);
if (smtp) log.info(`inbound mail: SMTP on port ${smtp.port}`);
// The System page: this process, its requests per second and its last problems.
const reporter = startPlatformReporter(platform, 'api', async () => ({
  counters: httpMetrics.totals,
}));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await app.stop();
    httpMetrics.stop();
    await reporter.stop();
    await smtp?.close();
    await jobs.idle();
    mailer?.close();
    await platform.close();
    await stopTracing();
    process.exit(0);
  });
}
