import type { Subprocess } from 'bun';

const OUTPUT_KEPT = 64 * 1024;
const STOP_GRACE_MS = 10_000;

export interface ServerProcess {
  pid: number;
  /** The match of the ready pattern in the output, e.g. the port it printed. */
  match: RegExpMatchArray;
  /** The last 64 KiB the process wrote (stdout and stderr interleaved). */
  output(): string;
  exited: Promise<number>;
  stop(): Promise<void>;
}

/**
 * Starts a server and resolves once its output matches `ready`. The output is read for the
 * process's whole life: a pipe nobody drains would stall it under load.
 */
export async function startServer(
  label: string,
  cmd: string[],
  options: { env: Record<string, string>; cwd?: string; ready: RegExp; timeoutMs?: number },
): Promise<ServerProcess> {
  const proc: Subprocess<'ignore', 'pipe', 'pipe'> = Bun.spawn(cmd, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
  });
  let text = '';
  let onText = () => {};
  const collect = async (stream: ReadableStream<Uint8Array>) => {
    const decoder = new TextDecoder();
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      text += decoder.decode(value, { stream: true });
      if (text.length > 2 * OUTPUT_KEPT) text = text.slice(-OUTPUT_KEPT);
      onText();
    }
  };
  void collect(proc.stdout);
  void collect(proc.stderr);
  const stop = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), STOP_GRACE_MS);
    await proc.exited;
    clearTimeout(timer);
  };
  const timeoutMs = options.timeoutMs ?? 60_000;
  try {
    const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${label} printed no ready line within ${timeoutMs} ms`)),
        timeoutMs,
      );
      onText = () => {
        const m = text.match(options.ready);
        if (!m) return;
        clearTimeout(timer);
        onText = () => {};
        resolve(m);
      };
      void proc.exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`${label} exited with code ${code} before it was ready`));
      });
    });
    return { pid: proc.pid, match, output: () => text, exited: proc.exited, stop };
  } catch (error) {
    await stop();
    const tail = text.trimEnd().split('\n').slice(-30).join('\n');
    throw new Error(`${(error as Error).message}\n--- ${label} output ---\n${tail}`);
  }
}

/** Runs a command to completion (a build), failing with its output. */
export async function runToCompletion(label: string, cmd: string[], cwd: string): Promise<void> {
  const proc = Bun.spawn(cmd, { cwd, stdin: 'ignore', stdout: 'pipe', stderr: 'pipe' });
  const [out, err, code] = await Promise.all([
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
    proc.exited,
  ]);
  if (code !== 0) throw new Error(`${label} failed (exit ${code}):\n${out}${err}`.trimEnd());
}
