import { setFlagsFromString } from 'node:v8';
import { loadConfigOrExit } from '@flc/config';
import { configureLogs } from '@flc/log';
import { startTracing, stopTracing } from '@flc/telemetry';
import { startRealtimeNode } from './node.ts';

const config = loadConfigOrExit();
// Before any socket: V8 otherwise grows the heap up to 4× past what a full collection kept, and
// after a connect storm the garbage it lets pile up stays resident (RSS per idle socket).
// The growth factor is read at every collection, so setting it now holds from the first.
if (config.heapGrowthPercent > 0) {
  setFlagsFromString(`--heap-growing-percent=${config.heapGrowthPercent}`);
}
const log = configureLogs({ role: 'realtime', level: config.logLevel, format: config.logFormat });
if (await startTracing('realtime')) log.info('traces: exported with OTLP');
const node = await startRealtimeNode(config);
log.info(`Fast Light Chat realtime node listening on ws://${config.host}:${node.port}/v1/ws`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    // Clients are told 1012 and reconnect to another node, resuming from their last seq.
    await node.stop();
    await stopTracing();
    process.exit(0);
  });
}
