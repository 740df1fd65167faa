/** Fields every line has, shown in their own places rather than as `key=value`. */
const PLACED = new Set(['time', 'level', 'role', 'component', 'msg', 'err', 'error']);

const LEVELS: Record<string, string> = {
  trace: 'TRACE',
  debug: 'DEBUG',
  info: 'INFO ',
  warn: 'WARN ',
  error: 'ERROR',
  fatal: 'FATAL',
};

/** pino's serialized error: its message already ends with its causes' (`outer: inner`). */
interface SerializedError {
  type?: string;
  message?: string;
}

const value = (v: unknown): string =>
  typeof v === 'string' && /^[^\s"=]+$/.test(v) ? v : JSON.stringify(v);

const describeError = (e: SerializedError): string => `${e.type ?? 'Error'}: ${e.message ?? ''}`;

/**
 * One JSON log line as one readable line for a terminal:
 * `12:00:00.000 INFO  api/http GET /v1/me 200 requestId=… durationMs=1.2`. The error, when there
 * is one, closes the line with its cause; its stack stays in the JSON form.
 */
export function formatPretty(line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const time = typeof entry.time === 'string' ? entry.time.slice(11, 23) : '';
  const level = LEVELS[String(entry.level)] ?? String(entry.level);
  const who = entry.component ? `${entry.role}/${entry.component}` : String(entry.role);
  const fields = Object.entries(entry)
    .filter(([k]) => !PLACED.has(k))
    .map(([k, v]) => `${k}=${value(v)}`);
  const error = (entry.err ?? entry.error) as SerializedError | undefined;
  const parts = [time, level, who, String(entry.msg ?? ''), ...fields];
  if (error && typeof error === 'object') parts.push(`— ${describeError(error)}`);
  return `${parts.join(' ')}\n`;
}
