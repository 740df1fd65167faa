import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWireSerializer } from './wire-serializer.ts';

export interface EmbeddedServer {
  socketPath: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  sharedBuffersMb?: number;
  /**
   * Create a new database in this process, and serve it from this thread rather than from a
   * Web Worker of its own: the short-lived child that creates a database (it does nothing else).
   */
  createHere?: boolean;
}

/**
 * Runs PGlite and serves it on a Unix socket in a private (0700) directory, so the regular
 * `postgres` driver talks to it and no other user of the machine can. On Bun it runs in a Web
 * Worker of its own: PostgreSQL's work (a write-through per message, every query of the API and
 * the persisters) then takes the second core instead of the thread that writes to the sockets,
 * which a busy embedded process would otherwise share with it.
 */
export async function startEmbedded(
  dataDir: string,
  options: EmbeddedOptions = {},
): Promise<EmbeddedServer> {
  if (dataDir !== 'memory://') {
    const location = resolve(dataDir, 'pglite');
    mkdirSync(location, { recursive: true });
    if (!existsSync(join(location, 'PG_VERSION')) && !options.createHere && process.versions.bun) {
      await createApart(dataDir, options.sharedBuffersMb);
    }
  }
  // In memory (tests open many, each short-lived) or creating one apart: this thread.
  const here = options.createHere || dataDir === 'memory://' || !process.versions.bun;
  if (here) return serveEmbedded(dataDir, options);
  return startEmbeddedWorker(dataDir, options);
}

/** PGlite, its socket server and the serializing front, in the calling thread. */
export async function serveEmbedded(
  dataDir: string,
  options: Pick<EmbeddedOptions, 'sharedBuffersMb'> = {},
): Promise<EmbeddedServer> {
  const location = dataDir === 'memory://' ? dataDir : resolve(dataDir, 'pglite');
  // Loaded on demand: realtime nodes share this module, run on Node, and never embed a database.
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const db = await PGlite.create(location, {
    postgresqlconf: [
      // PostgreSQL's buffer pool lives in PGlite's WebAssembly memory and is touched at start:
      // its default 128 MB would be most of an idle embedded process. Pages it does not hold are
      // read from the operating system's cache.
      `shared_buffers=${options.sharedBuffersMb ?? 16}MB`,
      // One backend and no replication: no shared memory set aside for senders, slots or
      // background workers.
      'max_wal_senders=0',
      'max_replication_slots=0',
      'max_worker_processes=0',
    ],
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

type WorkerReply =
  | { t: 'ready'; socketPath: string }
  | { t: 'failed'; message: string; stack?: string }
  | { t: 'stopped' };

/** `serveEmbedded` in a Web Worker (embedded.worker.ts); `stop` ends the worker too. */
async function startEmbeddedWorker(
  dataDir: string,
  options: Pick<EmbeddedOptions, 'sharedBuffersMb'>,
): Promise<EmbeddedServer> {
  const worker = new Worker(new URL('./embedded.worker.ts', import.meta.url));
  const next = () =>
    new Promise<WorkerReply>((resolve, reject) => {
      const onMessage = (event: MessageEvent<WorkerReply>) => {
        worker.removeEventListener('error', onError);
        resolve(event.data);
      };
      const onError = (event: ErrorEvent) => {
        worker.removeEventListener('message', onMessage);
        reject(new Error(`the embedded database's worker failed: ${event.message}`));
      };
      worker.addEventListener('message', onMessage, { once: true });
      worker.addEventListener('error', onError, { once: true });
    });
  const started = next();
  worker.postMessage({ t: 'start', dataDir, sharedBuffersMb: options.sharedBuffersMb });
  const reply = await started.catch((error: unknown) => {
    worker.terminate();
    throw error;
  });
  if (reply.t !== 'ready') {
    worker.terminate();
    const message = reply.t === 'failed' ? reply.message : 'it stopped';
    throw new Error(`starting the embedded database failed: ${message}`);
  }
  let stopping: Promise<void> | undefined;
  return {
    socketPath: reply.socketPath,
    stop() {
      stopping ??= (async () => {
        const stopped = next();
        worker.postMessage({ t: 'stop' });
        await stopped.catch(() => undefined);
        worker.terminate();
      })();
      return stopping;
    },
  };
}

/**
 * A new database is created and migrated by a short-lived child process (embedded-init.ts), so
 * this process never holds the high-water mark of initdb and the first migrations.
 */
async function createApart(dataDir: string, sharedBuffersMb: number | undefined): Promise<void> {
  const script = fileURLToPath(new URL('./embedded-init.ts', import.meta.url));
  const args = [dataDir, ...(sharedBuffersMb === undefined ? [] : [String(sharedBuffersMb)])];
  const child = Bun.spawn([process.execPath, script, ...args], {
    stdout: 'ignore',
    stderr: 'pipe',
  });
  const [code, stderr] = await Promise.all([child.exited, new Response(child.stderr).text()]);
  if (code !== 0) {
    throw new Error(`creating the embedded database in ${dataDir} failed (exit ${code})`, {
      cause: stderr.trim(),
    });
  }
}
