import pino from 'pino';
import { formatPretty } from './pretty.ts';
import { REDACTED, redactPaths } from './redact.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFormat = 'json' | 'pretty';
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
  const { role, level = 'info', format = 'json' } = options;
  // Synchronous: a line is out before `process.exit`, and the pretty form needs no worker thread
  // (pino's transports run one per process).
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

/**
 * Sets the process's root logger (its entry point does, once its configuration is read, and
 * each Web Worker with the configuration it was handed). Until then `logger()` writes JSON at
 * `info`.
 */
export function configureLogs(options: LogOptions): Logger {
  root = createLogger(options);
  return root;
}

/**
 * A child of the process's root logger bound to a component and any context (organization,
 * conversation, request id). Take it where a unit is built, not per message: a child costs an
 * allocation and a copy of its bindings.
 */
export function logger(component: string, bindings: Record<string, unknown> = {}): Logger {
  root ??= createLogger({ role: 'flc' });
  return root.child({ component, ...bindings });
}
