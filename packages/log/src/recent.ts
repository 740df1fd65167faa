/** A warning or error a process logged, kept for its system report. */
export interface RecentProblem {
  at: string;
  level: 'warn' | 'error' | 'fatal';
  component: string;
  message: string;
}

const KEEP = 20;
const MAX_MESSAGE = 300;
const problems: RecentProblem[] = [];

/**
 * Keeps a JSON log line of level warn or above (already redacted: only its time, component,
 * message and error's message are read, never its context fields). Cheap for the rest: a
 * line is parsed only when its level says so.
 */
export function keepIfProblem(line: string): void {
  if (
    !line.includes('"level":"warn"') &&
    !line.includes('"level":"error"') &&
    !line.includes('"level":"fatal"')
  ) {
    return;
  }
  let entry: {
    time?: unknown;
    level?: unknown;
    component?: unknown;
    role?: unknown;
    msg?: unknown;
    err?: { message?: unknown };
  };
  try {
    entry = JSON.parse(line);
  } catch {
    return;
  }
  const error = typeof entry.err?.message === 'string' ? `: ${entry.err.message}` : '';
  problems.push({
    at: typeof entry.time === 'string' ? entry.time : new Date().toISOString(),
    level: entry.level === 'warn' || entry.level === 'fatal' ? entry.level : 'error',
    component: String(entry.component ?? entry.role ?? ''),
    message: `${String(entry.msg ?? '')}${error}`.slice(0, MAX_MESSAGE),
  });
  if (problems.length > KEEP) problems.splice(0, problems.length - KEEP);
}

/** The process's last warnings and errors, oldest first (at most 20). */
export const recentProblems = (): RecentProblem[] => [...problems];
