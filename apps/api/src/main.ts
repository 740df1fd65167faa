import { loadConfigOrExit } from '@flc/config';
import { configureLogs } from '@flc/log';
import { createMailer, describeMail } from '@flc/mail';
import { openPlatform } from '@flc/storage/platform';
import { createApi } from './app.ts';
import { startInboundSmtpOf } from './features/email/index.ts';
import { JobQueue } from './lib/job-queue.ts';
import { serverBodyLimit } from './lib/uploads.ts';

// The API alone (scaled profile): `DATABASE_URL` points at PostgreSQL; without it, PGlite. With
// Redis the persister workers store messages behind the bus; alone on the memory bus, the API
// writes each message through itself. It only reads who is online.
const config = loadConfigOrExit();
const log = configureLogs({ role: 'api', level: config.logLevel, format: config.logFormat });
const platform = await openPlatform(config, { name: `api-${process.pid}`, presence: 'read' });
const mailer = createMailer(config);
const jobs = new JobQueue();
const deps = { ...platform, mailer, jobs };
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

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await app.stop();
    await smtp?.close();
    await jobs.idle();
    mailer?.close();
    await platform.close();
    process.exit(0);
  });
}
