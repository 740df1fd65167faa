import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** Linux's USER_HZ: /proc reports CPU times in these ticks (100 on every mainstream kernel). */
const TICKS_PER_SECOND = 100;

/** Resident set size of a process, in KiB (VmRSS in /proc/<pid>/status). */
export function rssKib(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = status.match(/^VmRSS:\s+(\d+)\s+kB/m);
  if (!match) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]);
}

/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces and parentheses; the fields after its last ')' are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/**
 * Starts measuring the share of one core a process used (with `tree`, it and its children: a
 * PostgreSQL server's backends); the returned function answers in percent since the start.
 */
export function cpuMeter(pid: number | null, tree = false) {
  const t0 = performance.now();
  const read = (): Map<number, number> => {
    if (pid === null) return new Map();
    return tree ? treeCpu(pid) : new Map([[pid, safeCpu(pid)]]);
  };
  const start = read();
  /** Percent of one core since the meter was made: rounded, or `exact`. */
  return (exact = false) => {
    if (pid === null) return null;
    const seconds = (performance.now() - t0) / 1000;
    const used = treeCpuSince(start, read());
    if (seconds <= 0) return null;
    const percent = (used / seconds) * 100;
    return exact ? percent : Math.round(percent);
  };
}

/** CPU seconds so far of a process and each of its children, by pid. */
export function treeCpu(pid: number): Map<number, number> {
  return new Map([pid, ...childrenOf(pid)].map((p) => [p, safeCpu(p)]));
}

/**
 * CPU seconds a process tree used between two `treeCpu` readings: a child born meanwhile counts
 * from zero; one that ended is not counted.
 */
export function treeCpuSince(start: Map<number, number>, end: Map<number, number>): number {
  let used = 0;
  for (const [p, cpu] of end) used += cpu - (start.get(p) ?? 0);
  return used;
}

function childrenOf(parent: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent) children.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return children;
}

function safeCpu(pid: number): number {
  try {
    return cpuSeconds(pid);
  } catch {
    return Number.NaN; // the process is gone; the figure becomes NaN and is shown as such
  }
}

/** The pid of the process listening on a TCP port, found through the socket's inode in /proc. */
export function pidListeningOn(port: number): number | null {
  const hex = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  let inode: string | undefined;
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      // local_address is ADDR:PORT in hex; state 0A is LISTEN.
      if (cols[1]?.endsWith(hex) && cols[3] === '0A') inode = cols[9];
    }
    if (inode) break;
  }
  if (!inode) return null;
  const wanted = `socket:[${inode}]`;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`) === wanted) return Number(pid);
      }
    } catch {
      // a process that exited meanwhile, or one we may not look into
    }
  }
  return null;
}

/** The whole machine's busy share between `start` and the returned call, in percent of all cores. */
export function machineCpuMeter() {
  const read = () => {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    const ticks = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0); // idle + iowait
    const total = ticks.reduce((a, b) => a + b, 0);
    return { idle, total };
  };
  const start = read();
  return () => {
    const end = read();
    const total = end.total - start.total;
    return total > 0 ? Math.round((1 - (end.idle - start.idle) / total) * 100) : null;
  };
}
