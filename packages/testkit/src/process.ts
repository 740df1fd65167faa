import type { Subprocess } from 'bun';

export interface Started {
  proc: Subprocess<'ignore', 'pipe', 'pipe'>;
  /** The match of `ready` in the process's output, e.g. the port it printed. */
  match: RegExpMatchArray;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number>;
}

/**
 * Starts a platform process and resolves once it prints a line matching `ready` (its listening
 * address); fails with its output if it exits or says nothing within `ms`.
 */
export async function startProcess(
  cmd: string[],
  env: Record<string, string>,
  ready: RegExp,
  ms = 20_000,
): Promise<Started> {
  const proc = Bun.spawn(cmd, {
    env: { ...process.env, ...env },
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
  });
  let text = '';
  const collect = async (stream: ReadableStream<Uint8Array>, onText: () => void) => {
    const decoder = new TextDecoder();
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      text += decoder.decode(value, { stream: true });
      onText();
    }
  };
  const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${cmd.join(' ')} not ready in ${ms} ms:\n${text}`)),
      ms,
    );
    const check = () => {
      const m = text.match(ready);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    void collect(proc.stdout, check);
    void collect(proc.stderr, check);
    void proc.exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${cmd.join(' ')} exited with ${code}:\n${text}`));
    });
  });
  return {
    proc,
    match,
    output: () => text,
    async stop(signal = 'SIGTERM') {
      proc.kill(signal);
      return proc.exited;
    },
  };
}

/** A process a crash test starts, kills and starts again, on the same data each time. */
export interface Restartable {
  /** Starts it again; the environment is read anew (a database made on the first start). */
  start(): Promise<Started>;
  /** The latest start. */
  readonly current: Started | undefined;
  /**
   * SIGKILLs whatever still runs: the latest start, as a crash would, and in `afterAll` whatever
   * a failed test left behind.
   */
  kill(): Promise<void>;
}

export function restartable(
  cmd: string[],
  env: () => Record<string, string> | Promise<Record<string, string>>,
  ready: RegExp,
  ms?: number,
): Restartable {
  const starts: Started[] = [];
  return {
    async start() {
      const started = await startProcess(cmd, await env(), ready, ms);
      starts.push(started);
      return started;
    },
    get current() {
      return starts.at(-1);
    },
    async kill() {
      for (const started of starts) {
        if (started.proc.exitCode === null) await started.stop('SIGKILL');
      }
    },
  };
}
