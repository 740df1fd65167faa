import pino from 'pino';
import { formatPretty } from './pretty.ts';
import { REDACTED, redactPaths } from './redact.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
/** `auto`: `pretty` when standard output is a terminal, else `json`. */
export type LogFormat = 'json' | 'pretty' | 'auto';
export type Logger = pino.Logger;

export interface LogOptions {
  /** The process (or worker) it speaks for: `api`, `realtime`, `workers`, `standalone`, `persister`… */
  role: string;
  level?: LogLevel;
  format?: LogFormat;
  /** Where the lines go; default: standard output, written synchronously. */
  write?: (line: string) => void;
}

/**
 * A logger writing one line per call: JSON by default, or `formatPretty`'s single line for a
 * terminal. Fields named like credentials or message text are redacted whatever the caller
 * passes (see `redactPaths`), so a careless `log.debug({ body })` cannot leak.
 */
export function createLogger(options: LogOptions): Logger {
  const { role, level = 'info' } = options;
  const format =
    options.format === 'auto'
      ? process.stdout.isTTY
        ? 'pretty'
        : 'json'
      : (options.format ?? 'json');
  // Straight to standard output, no pino transport: those run a worker thread per process, and
  // stdout to a file or a pipe is written synchronously on Linux, so a line is out before
  // `process.exit`.
  const out = options.write ?? ((line: string) => process.stdout.write(line));
  const write =
    format === 'pretty' ? (line: string) => out(formatPretty(line)) : (line: string) => out(line);
  return pino(
    {
      level,
      base: { role },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
      redact: { paths: redactPaths, censor: REDACTED },
    },
    { write },
  );
}

let root: Logger | undefined;
/** Each component's child of the current root, made once: `logger(name)` on a hot path is a lookup. */
const components = new Map<string, Logger>();

/**
 * Sets the process's root logger (its entry point does, once its configuration is read, and
 * each Web Worker with the configuration it was handed). Until then `logger()` writes JSON at
 * `warn`: code that never sets it up (a test building the API in-process) hears only problems.
 */
export function configureLogs(options: LogOptions): Logger {
  root = createLogger(options);
  components.clear();
  return root;
}

/**
 * A child of the process's root logger bound to a component and any context (organization,
 * conversation, request id). The component's own logger is kept; one with more bindings is new
 * each time, so take it where a unit of work starts, not per message.
 */
export function logger(component: string, bindings?: Record<string, unknown>): Logger {
  root ??= createLogger({ role: 'flc', level: 'warn' });
  if (bindings) return root.child({ component, ...bindings });
  let child = components.get(component);
  if (!child) {
    child = root.child({ component });
    components.set(component, child);
  }
  return child;
}

/**
 * An `onError` for a component: logs what failed at `error`, with the error and its cause. The
 * logger is looked up per report, so one made before `configureLogs` is never kept.
 */
export const errorReporter =
  (component: string, what: string) =>
  (error: unknown): void => {
    logger(component).error({ err: error }, what);
  };
