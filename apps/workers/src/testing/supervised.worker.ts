// A worker for the supervisor's tests, written against the Web Worker API only. Its
// configuration says how it misbehaves, so each test drives a real worker thread.
import type { WorkerCommand, WorkerEvent } from '../supervisor.ts';

export interface FixtureConfig {
  /** What it does once started: work normally, throw, exit, or report a fatal error. */
  fail?: 'throw' | 'exit' | 'fatal';
  /** Once ready, throw after this many ms (a crash after a while up). */
  failAfterMs?: number;
  /** On stop, how long its "batch in flight" still takes before it answers `stopped`. */
  finishMs?: number;
}

export interface FixtureStats {
  started?: FixtureConfig;
  finished?: boolean;
}

declare const self: {
  onmessage: ((event: MessageEvent<WorkerCommand<FixtureConfig>>) => void) | null;
};
const post = (event: WorkerEvent<FixtureStats>) => postMessage(event);
let finishMs = 0;

self.onmessage = (event) => {
  const command = event.data;
  if (command.type === 'stop') {
    setTimeout(() => {
      post({ type: 'stats', stats: { finished: true } });
      post({ type: 'stopped' });
    }, finishMs);
    return;
  }
  const { config } = command;
  finishMs = config.finishMs ?? 0;
  if (config.fail === 'throw') throw new Error('fixture crash');
  if (config.fail === 'exit') process.exit(3);
  if (config.fail === 'fatal') {
    post({ type: 'fatal', error: 'fixture cannot go on' });
    return;
  }
  post({ type: 'ready' });
  post({ type: 'stats', stats: { started: config } });
  if (config.failAfterMs !== undefined) {
    setTimeout(() => {
      throw new Error('fixture crash after a while');
    }, config.failAfterMs);
  }
};
