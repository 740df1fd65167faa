import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Subprocess } from 'bun';
import type { ClientEvent, ClientPlan, Command, SocketSpec } from './messages.ts';

const CLIENT = join(import.meta.dir, 'client', 'main.ts');
const REPLY_TIMEOUT_MS = 180_000;

type Reply<E extends ClientEvent['ev']> = Extract<ClientEvent, { ev: E }>;

/** The load generator processes of one target, driven in lockstep. */
export class ClientPool {
  private constructor(
    private readonly procs: Subprocess[],
    private readonly inboxes: ClientEvent[][],
    private readonly waiters: (() => void)[],
  ) {}

  /**
   * Starts `count` Bun processes, each with its share of `sockets` (whole rooms: a room's two
   * sockets always land in the same process; the tenant's visitors and agents dealt out in turn)
   * and resolves once each said hello.
   */
  static async start(
    dir: string,
    plan: Omit<ClientPlan, 'index' | 'sockets'>,
    sockets: SocketSpec[],
    count: number,
  ): Promise<ClientPool> {
    const shares = plan.scenario === 'tenant' ? dealt(sockets, count) : sliced(sockets, count);
    const inboxes: ClientEvent[][] = [];
    const waiters: (() => void)[] = [];
    const procs: Subprocess[] = [];
    for (let index = 0; index < count; index++) {
      const file = join(dir, `client-${index}.json`);
      const mine = shares[index] ?? [];
      writeFileSync(file, JSON.stringify({ ...plan, index, sockets: mine } satisfies ClientPlan));
      inboxes.push([]);
      waiters.push(() => {});
      procs.push(
        Bun.spawn([process.execPath, CLIENT, file], {
          stdin: 'ignore',
          stdout: 'inherit',
          stderr: 'inherit',
          ipc(message: ClientEvent) {
            inboxes[index]?.push(message);
            waiters[index]?.();
          },
        }),
      );
    }
    const pool = new ClientPool(procs, inboxes, waiters);
    await pool.all('hello');
    return pool;
  }

  get pids(): number[] {
    return this.procs.map((p) => p.pid);
  }

  /**
   * Sends a command to every process and waits for each one's reply: as long as a phase it
   * starts lasts (a soak's may be an hour), and `REPLY_TIMEOUT_MS` more.
   */
  async ask<E extends ClientEvent['ev']>(command: Command, reply: E): Promise<Reply<E>[]> {
    for (const proc of this.procs) proc.send(command);
    const phaseMs = command.cmd === 'run' ? (command.seconds + command.drainSeconds) * 1000 : 0;
    return this.all(reply, phaseMs);
  }

  private all<E extends ClientEvent['ev']>(ev: E, extraMs = 0): Promise<Reply<E>[]> {
    return Promise.all(this.procs.map((_, i) => this.next(i, ev, extraMs)));
  }

  private async next<E extends ClientEvent['ev']>(
    index: number,
    ev: E,
    extraMs: number,
  ): Promise<Reply<E>> {
    const inbox = this.inboxes[index] as ClientEvent[];
    const proc = this.procs[index] as Subprocess;
    const deadline = Date.now() + REPLY_TIMEOUT_MS + extraMs;
    for (;;) {
      const event = inbox.shift();
      if (event?.ev === 'fatal') throw new Error(`load generator ${index}: ${event.error}`);
      if (event?.ev === ev) return event as Reply<E>;
      if (event) continue;
      if (proc.exitCode !== null)
        throw new Error(`load generator ${index} exited (${proc.exitCode})`);
      if (Date.now() > deadline) throw new Error(`load generator ${index}: no ${ev} in time`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 1000);
        this.waiters[index] = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  async close(): Promise<void> {
    for (const proc of this.procs) {
      if (proc.exitCode !== null) continue;
      try {
        proc.send({ cmd: 'close' } satisfies Command);
      } catch (error) {
        // Exiting already (a Ctrl-C reaches the whole process group): nothing left to tell it.
        if ((error as { code?: string }).code !== 'ERR_IPC_CHANNEL_CLOSED') throw error;
      }
    }
    await Promise.all(
      this.procs.map(async (proc) => {
        const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
        await proc.exited;
        clearTimeout(timer);
      }),
    );
  }
}

/** Consecutive equal slices (the rooms: a room's visitor and agent stay together). */
function sliced(sockets: SocketSpec[], count: number): SocketSpec[][] {
  const share = sockets.length / count;
  return Array.from({ length: count }, (_, i) => sockets.slice(i * share, (i + 1) * share));
}

/** Visitors and agents each dealt out in turn: every process gets its share of both. */
function dealt(sockets: SocketSpec[], count: number): SocketSpec[][] {
  const shares: SocketSpec[][] = Array.from({ length: count }, () => []);
  const dealtOf = { v: 0, a: 0 };
  for (const spec of sockets) shares[dealtOf[spec.role]++ % count]?.push(spec);
  return shares;
}
