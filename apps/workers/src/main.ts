import { loadConfigOrExit } from '@flc/config';
import { configureLogs } from '@flc/log';
import { startTracing, stopTracing } from '@flc/telemetry';
import { startWorkers } from './workers.ts';

// The workers of the scaled profile: message persisters reading the Redis conversation streams
// into the message store, and webhook dispatchers. Needs DATABASE_URL and REDIS_URL.
const config = loadConfigOrExit();
const log = configureLogs({ role: 'workers', level: config.logLevel, format: config.logFormat });
// The Web Workers trace for themselves (persister, webhooks); this process has no spans of its own yet.
await startTracing('workers');
const workers = await startWorkers(config);
log.info(`Fast Light Chat workers listening on http://${config.host}:${workers.port}`);
await workers.ready();
log.info(`Fast Light Chat workers running (persister ×${config.persisterWorkers})`);
log.info(`Fast Light Chat webhook dispatchers running (×${config.webhookWorkers})`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    // Each worker finishes and acknowledges the batch in flight; the rest waits in Redis.
    // Dispatchers finish their attempts in flight or hand them back.
    await workers.stop();
    await stopTracing();
    process.exit(0);
  });
}
