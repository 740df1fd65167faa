/**
 * The embedded database's Web Worker: PGlite and the socket it is served on, away from the
 * thread that writes to the WebSockets (see `startEmbedded`). Messages: `start` → `ready` with
 * the socket's path (or `failed`), `stop` → `stopped`.
 */
import { type EmbeddedServer, serveEmbedded } from './embedded.ts';

declare const self: Worker;

type Command = { t: 'start'; dataDir: string; sharedBuffersMb?: number } | { t: 'stop' };

let server: EmbeddedServer | undefined;

self.onmessage = async (event: MessageEvent<Command>) => {
  const command = event.data;
  if (command.t === 'start') {
    try {
      server = await serveEmbedded(command.dataDir, {
        ...(command.sharedBuffersMb === undefined
          ? {}
          : { sharedBuffersMb: command.sharedBuffersMb }),
      });
      self.postMessage({ t: 'ready', socketPath: server.socketPath });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      self.postMessage({ t: 'failed', message });
    }
    return;
  }
  try {
    await server?.stop();
  } finally {
    server = undefined;
    self.postMessage({ t: 'stopped' });
  }
};
