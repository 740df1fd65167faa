import { bool, int, oneOf, type Parser, str, url } from './parse.ts';

/** `10s,1m,10m,1h,6h`: units ms, s, m, h, d. */
const durations: Parser<number[]> = (raw) => {
  const units: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  const parts = raw.split(',').map((p) => p.trim());
  const value = parts.map((p) => {
    const match = /^(\d+)(ms|s|m|h|d)$/.exec(p);
    return match ? Number(match[1]) * (units[match[2] ?? ''] ?? 0) : 0;
  });
  if (value.some((ms) => ms <= 0) || value.length > 30) {
    return {
      ok: false,
      error: `must be up to 30 durations such as 10s,1m,10m,1h,6h (units ms, s, m, h, d), got "${raw}"`,
    };
  }
  return { ok: true, value };
};

export interface Variable<T> {
  name: string;
  description: string;
  parse: Parser<T>;
  /** Used when the variable is unset or empty; `undefined` means optional with no value. */
  default?: T;
  /** Printed in the docs instead of the default (for derived or secret defaults). */
  defaultText?: string;
}

const v = <T>(spec: Variable<T>) => spec;

const DAY = 86_400;

/** Every environment variable the platform reads. The README table is generated from this list. */
export const variables = {
  nodeEnv: v({
    name: 'NODE_ENV',
    description: '`production` requires `JWT_SECRET`; `development` and `test` relax nothing else.',
    parse: oneOf('development', 'production', 'test'),
    default: 'development',
  }),
  port: v({
    name: 'PORT',
    description:
      'HTTP (and WebSocket) port of the standalone process and of the API; the workers process serves `/health` and `/metrics` on it.',
    parse: int(0, 65_535),
    default: 3000,
  }),
  host: v({
    name: 'HOST',
    description: 'Interface to listen on.',
    parse: str(),
    default: '0.0.0.0',
  }),
  dataDir: v({
    name: 'FLC_DATA_DIR',
    description:
      'Embedded profile: where PGlite keeps its files and the generated JWT secret lives.',
    parse: str(),
    default: './.data',
  }),
  databaseUrl: v<string | undefined>({
    name: 'DATABASE_URL',
    description: 'PostgreSQL server. Unset: the embedded PGlite database under `FLC_DATA_DIR`.',
    parse: url('postgres:', 'postgresql:'),
  }),
  redisUrl: v<string | undefined>({
    name: 'REDIS_URL',
    description:
      'Redis server for the fan-out bus; messages are then stored behind it by persister workers (standalone too). Unset: the in-memory bus, written through.',
    parse: url('redis:', 'rediss:'),
  }),
  redisPrefix: v({
    name: 'FLC_REDIS_PREFIX',
    description:
      'Namespace of every Redis key (bus streams, seq counters, consumer groups), so several installs can share one Redis. Every process of one install must use the same.',
    parse: str(),
    default: 'flc',
  }),
  mongodbUrl: v<string | undefined>({
    name: 'MONGODB_URL',
    description: 'MongoDB for the message store. Unset: messages are kept in PostgreSQL.',
    parse: url('mongodb:', 'mongodb+srv:'),
  }),
  jwtSecret: v<string | undefined>({
    name: 'JWT_SECRET',
    description:
      'Signs access and visitor tokens (at least 32 characters). Required in production; the embedded profile generates one and keeps it in `FLC_DATA_DIR`.',
    parse: str(32),
    defaultText: 'generated (embedded profile)',
  }),
  accessTokenTtl: v({
    name: 'FLC_ACCESS_TOKEN_TTL',
    description: 'Lifetime of an agent access token, in seconds.',
    parse: int(30, DAY),
    default: 900,
  }),
  refreshTokenTtl: v({
    name: 'FLC_REFRESH_TOKEN_TTL',
    description: 'Lifetime of a refresh token, in seconds.',
    parse: int(60, 365 * DAY),
    default: 30 * DAY,
  }),
  visitorTokenTtl: v({
    name: 'FLC_VISITOR_TOKEN_TTL',
    description:
      'Lifetime of a visitor session token (issued at widget boot), in seconds; the widget boots again when it expires.',
    parse: int(60, DAY),
    default: 3600,
  }),
  inviteTtl: v({
    name: 'FLC_INVITE_TTL',
    description: 'How long an invitation can be accepted, in seconds.',
    parse: int(60, 90 * DAY),
    default: 7 * DAY,
  }),
  loginMaxFailures: v({
    name: 'FLC_LOGIN_MAX_FAILURES',
    description: 'Failed logins allowed per email within the window before 429.',
    parse: int(1, 10_000),
    default: 5,
  }),
  loginMaxFailuresPerIp: v({
    name: 'FLC_LOGIN_MAX_FAILURES_PER_IP',
    description: 'Failed logins allowed per client IP within the window before 429.',
    parse: int(1, 100_000),
    default: 20,
  }),
  loginWindow: v({
    name: 'FLC_LOGIN_WINDOW',
    description: 'Window of the login failure limits, in seconds.',
    parse: int(1, DAY),
    default: 900,
  }),
  trustProxy: v({
    name: 'FLC_TRUST_PROXY',
    description:
      'Take the client IP from `X-Forwarded-For` (set it only behind a reverse proxy you run).',
    parse: bool,
    default: false,
  }),
  maxBodyBytes: v({
    name: 'FLC_MAX_BODY_BYTES',
    description: 'Largest accepted REST request body; larger ones get 413.',
    parse: int(1024, 64 * 1024 * 1024),
    default: 1024 * 1024,
  }),
  webhookAllowPrivate: v({
    name: 'FLC_WEBHOOK_ALLOW_PRIVATE',
    description:
      'Allow webhook targets on loopback and private address ranges (checked when a webhook is saved, and on the resolved addresses before each delivery).',
    parse: bool,
    default: false,
  }),
  webhookTimeout: v({
    name: 'FLC_WEBHOOK_TIMEOUT_MS',
    description:
      'How long a webhook delivery waits for the answer (ms); no 2xx answer within it is a failed attempt, retried.',
    parse: int(100, 120_000),
    default: 10_000,
  }),
  webhookRetrySchedule: v<number[]>({
    name: 'FLC_WEBHOOK_RETRY_SCHEDULE',
    description:
      'Waits between the attempts of a webhook delivery (up to a quarter more at random); the event is given up when they are spent.',
    parse: durations,
    default: [10_000, 60_000, 600_000, 3_600_000, 21_600_000],
    defaultText: '`10s,1m,10m,1h,6h`',
  }),
  webhookDisableAfter: v({
    name: 'FLC_WEBHOOK_DISABLE_AFTER',
    description:
      'Events given up in a row after which a webhook is disabled (with `disabledReason`); enabling it again resets the count.',
    parse: int(1, 100_000),
    default: 10,
  }),
  webhookWorkers: v({
    name: 'FLC_WEBHOOK_WORKERS',
    description:
      'Webhook dispatcher workers (Web Workers) of one workers process, or of the standalone process with `REDIS_URL` (one without it).',
    parse: int(1, 64),
    default: 1,
  }),
  webhookConcurrency: v({
    name: 'FLC_WEBHOOK_CONCURRENCY',
    description: 'Webhook deliveries in flight at once per dispatcher worker.',
    parse: int(1, 1_000),
    default: 16,
  }),
  webhookPoll: v({
    name: 'FLC_WEBHOOK_POLL_MS',
    description: 'How often an idle webhook dispatcher looks for due deliveries (ms).',
    parse: int(10, 60_000),
    default: 500,
  }),
  apiKeyRate: v({
    name: 'FLC_API_KEY_RATE',
    description:
      'Requests per second one API key may make on average (token bucket); beyond its burst it gets 429 with `retry-after`. 0 turns the limit off.',
    parse: int(0, 1_000_000),
    default: 20,
  }),
  apiKeyBurst: v({
    name: 'FLC_API_KEY_BURST',
    description: 'Requests one API key may make at once before `FLC_API_KEY_RATE` applies.',
    parse: int(1, 1_000_000),
    default: 100,
  }),
  persisterWorkers: v({
    name: 'FLC_PERSISTER_WORKERS',
    description:
      'Message persister workers (Web Workers) of one workers process, or of the standalone process with `REDIS_URL`; each a consumer of the Redis group.',
    parse: int(1, 64),
    default: 1,
  }),
  persisterBatch: v({
    name: 'FLC_PERSISTER_BATCH',
    description:
      'Stream entries a persister worker reads per shard stream at a time (XREADGROUP COUNT); one batch is written with few statements.',
    parse: int(1, 10_000),
    default: 200,
  }),
  persisterClaimIdle: v({
    name: 'FLC_PERSISTER_CLAIM_IDLE_MS',
    description:
      'Entries pending this long (ms) at a persister are taken over by another (XAUTOCLAIM): how soon the work of a crashed worker is redone.',
    parse: int(100, DAY * 1000),
    default: 30_000,
  }),
  logLevel: v({
    name: 'FLC_LOG_LEVEL',
    description: 'Least severe log level printed.',
    parse: oneOf('debug', 'info', 'warn', 'error'),
    default: 'info',
  }),
};

type Vars = typeof variables;
export type Config = {
  [K in keyof Vars]: Vars[K] extends Variable<infer T> ? T : never;
};
