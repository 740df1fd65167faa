import { chownSync, closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Teardown } from './teardown.ts';

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
const POLL_INTERVAL_MS = 100;

/**
 * A test server we know how to start; `start` resolves with the address the suites connect to,
 * or with several variables (`variable` among them) when they need more than one of its addresses.
 */
export interface ServiceSpec<Provided extends string | Record<string, string> = string> {
  /** The variable the suites read (see packages/storage/src/testing/services.ts). */
  variable:
    | 'TEST_DATABASE_URL'
    | 'TEST_REDIS_URL'
    | 'TEST_MONGODB_URL'
    | 'TEST_REDIS_CLUSTER_NODES'
    | 'TEST_OIDC_ISSUER'
    | 'TEST_SMTP_URL'
    | 'TEST_S3_ENDPOINT'
    | 'TEST_OTLP_ENDPOINT';
  label: string;
  start(teardown: Teardown): Promise<Provided>;
}

export interface User {
  uid: number;
  gid: number;
}

/** Where CI caches the servers it builds (k6, FerretDB, Mailpit); see .ci/run. */
export function cacheBinDir(): string {
  return join(process.env.FLC_CACHE_DIR ?? '/var/cache/fast-light-chat', 'bin');
}

/** The first `name` on PATH, then in `dirs`; null when there is none. */
export function findBinary(name: string, dirs: string[] = []): string | null {
  const path = [process.env.PATH ?? '', ...dirs].filter(Boolean).join(':');
  return Bun.which(name, { PATH: path });
}

/** A server `.ci/run` builds into the cache: on PATH or there, else an error saying so. */
export function cachedBinary(name: string): string {
  const bin = findBinary(name, [cacheBinDir()]);
  if (!bin) {
    throw new Error(`no \`${name}\` on PATH or in ${cacheBinDir()} (bash .ci/run builds it there)`);
  }
  return bin;
}

/** A loopback port nobody listens on right now. */
export function freePort(): number {
  const listener = Bun.listen({
    hostname: '127.0.0.1',
    port: 0,
    socket: { data() {} },
  });
  const { port } = listener;
  listener.stop(true);
  return port;
}

export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

export function systemUser(name: string): User | null {
  for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
    const [user, , uid, gid] = line.split(':');
    if (user === name && uid && gid) return { uid: Number(uid), gid: Number(gid) };
  }
  return null;
}

/** A fresh temp dir, removed on teardown; `owner` gets it when a server runs as another user. */
export function tempDir(teardown: Teardown, name: string, owner?: User): string {
  const dir = mkdtempSync(join(tmpdir(), `flc-test-${name}-`));
  teardown.add(() => rmSync(dir, { recursive: true, force: true }));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  return dir;
}

export interface ServerOptions {
  label: string;
  command: string[];
  /** Working directory; the server's output goes to `server.log` in it. */
  dir: string;
  user?: User;
  /** The signal that makes this server shut down promptly. */
  stopSignal: NodeJS.Signals;
  /** Answers true once the server accepts connections and speaks its protocol. */
  ready: () => Promise<boolean>;
}

/**
 * Starts a server in its own session (a Ctrl-C meant for the tests must not kill it under them),
 * registers its shutdown, and waits until `ready` says it serves.
 */
export async function runServer(teardown: Teardown, options: ServerOptions): Promise<void> {
  const log = join(options.dir, 'server.log');
  const logFd = openSync(log, 'a');
  const child = Bun.spawn(options.command, {
    cwd: options.dir,
    stdin: 'ignore',
    stdout: logFd,
    stderr: logFd,
    detached: true,
    ...(options.user ?? {}),
  });
  closeSync(logFd);
  teardown.add(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(options.stopSignal);
    if (!(await settlesWithin(child.exited, STOP_TIMEOUT_MS))) {
      console.warn(`[test] ${options.label} did not stop within ${STOP_TIMEOUT_MS} ms; killing it`);
      child.kill('SIGKILL');
      await child.exited;
    }
  });

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `${options.label} exited (${child.signalCode ?? `code ${child.exitCode}`}) before accepting connections:\n${logTail(log)}`,
      );
    }
    if (await options.ready()) return;
    if (Date.now() > deadline) {
      throw new Error(
        `${options.label} did not accept connections within ${START_TIMEOUT_MS} ms:\n${logTail(log)}`,
      );
    }
    await Bun.sleep(POLL_INTERVAL_MS);
  }
}

/** Whether `promise` settles within `ms`; the timer is cleared so it never holds the process. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: Timer | undefined;
  const expired = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs a set-up command to completion, failing with its output. */
export async function runToCompletion(
  label: string,
  command: string[],
  options: { cwd: string; user?: User },
): Promise<void> {
  const child = Bun.spawn(command, {
    cwd: options.cwd,
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
    ...(options.user ?? {}),
  });
  const [out, err, code] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  if (code !== 0) throw new Error(`${label} failed (exit ${code}):\n${out}${err}`.trimEnd());
}

function logTail(path: string, lines = 20): string {
  try {
    const text = readFileSync(path, 'utf8').trimEnd();
    return text ? text.split('\n').slice(-lines).join('\n') : '(no output)';
  } catch {
    return '(no log written)';
  }
}
