import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startWireSerializer } from './wire-serializer.ts';

export interface EmbeddedServer {
  socketPath: string;
  stop(): Promise<void>;
}

/**
 * Runs PGlite in this process and serves it on a Unix socket in a private (0700) directory, so
 * the regular `postgres` driver talks to it and no other user of the machine can.
 */
export async function startEmbedded(
  dataDir: string,
  options: { sharedBuffersMb?: number } = {},
): Promise<EmbeddedServer> {
  let location = dataDir;
  if (dataDir !== 'memory://') {
    location = resolve(dataDir, 'pglite');
    mkdirSync(location, { recursive: true });
  }
  // Loaded on demand: realtime nodes share this module, run on Node, and never embed a database.
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  // PostgreSQL's buffer pool lives in PGlite's WebAssembly memory and is touched at start: its
  // default 128 MB is most of an idle embedded process. Pages it does not hold are read from
  // the operating system's cache.
  const db = await PGlite.create(location, {
    postgresqlconf: [`shared_buffers=${options.sharedBuffersMb ?? 32}MB`],
  });
  const socketDir = mkdtempSync(join(tmpdir(), 'flc-pglite-'));
  const socketPath = join(socketDir, '.s.PGSQL.5432');
  const innerPath = join(socketDir, 'pglite.sock');
  const server = new PGLiteSocketServer({ db, path: innerPath, maxConnections: 64 });
  await server.start();
  // Clients (this process's pool, the workers' connections) reach PGlite through a front that
  // lets one connection's query or transaction finish before another's starts.
  const front = await startWireSerializer(innerPath, socketPath);
  return {
    socketPath,
    async stop() {
      await front.stop();
      await server.stop();
      await db.close();
      rmSync(socketDir, { recursive: true, force: true });
    },
  };
}
