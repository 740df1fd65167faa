import { PlansConfigError } from '@flc/api';
import { loadConfigOrExit } from '@flc/config';
import { configureLogs } from '@flc/log';
import { describeMail } from '@flc/mail';
import { startTracing, stopTracing } from '@flc/telemetry';
import { startStandalone } from './standalone.ts';

const config = loadConfigOrExit();
const log = configureLogs({ role: 'standalone', level: config.logLevel, format: config.logFormat });
// Traces only with OTEL_EXPORTER_OTLP_ENDPOINT; the persister and webhook workers start their own.
if (await startTracing('standalone')) log.info('traces: exported with OTLP');
const platform = await startStandalone(config).catch((error) => {
  // A bad FLC_PLANS_FILE or FLC_DEFAULT_PLAN: its problems, not a stack trace.
  if (!(error instanceof PlansConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
});
const where = config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`;
log.info(`Fast Light Chat is running at ${platform.url}  (data: ${where})`);
log.info(`API docs: ${platform.url}/swagger   health: ${platform.url}/health`);
log.info(describeMail(config));
if (config.inboundMailDomain) {
  const smtp = platform.inboundSmtpPort ? `, SMTP on port ${platform.inboundSmtpPort}` : '';
  log.info(
    `email continuity: unseen replies mailed after ${config.emailReplyDelaySeconds} s, answers to @${config.inboundMailDomain}${smtp}`,
  );
}
if (config.redisUrl) {
  log.info(
    `messages: Redis bus, stored by ${config.persisterWorkers} persister worker(s) of this process`,
  );
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    log.info('Stopping…');
    await platform.stop();
    await stopTracing();
    process.exit(0);
  });
}
