import { loadConfigOrExit } from '@flc/config';
import { describeMail } from '@flc/mail';
import { startStandalone } from './standalone.ts';

const config = loadConfigOrExit();
const platform = await startStandalone(config);
const where = config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`;
console.log(`Fast Light Chat is running at ${platform.url}  (data: ${where})`);
console.log(`  API docs: ${platform.url}/swagger   health: ${platform.url}/health`);
console.log(`  ${describeMail(config)}`);
if (config.inboundMailDomain) {
  const smtp = platform.inboundSmtpPort ? `, SMTP on port ${platform.inboundSmtpPort}` : '';
  console.log(
    `  email continuity: unseen replies mailed after ${config.emailReplyDelaySeconds} s, answers to @${config.inboundMailDomain}${smtp}`,
  );
}
if (config.redisUrl) {
  console.log(
    `  messages: Redis bus, stored by ${config.persisterWorkers} persister worker(s) of this process`,
  );
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.log('Stopping…');
    await platform.stop();
    process.exit(0);
  });
}
