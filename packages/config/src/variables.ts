import { bool, int, oneOf, type Parser, str, url, uuid } from './parse.ts';

/** `host:port,host:port` or Redis URLs: at least one node of a cluster. */
const clusterNodes: Parser<string[]> = (raw) => {
  const nodes = raw
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  const bad = nodes.filter((node) => {
    try {
      const parsed = new URL(node.includes('://') ? node : `redis://${node}`);
      return !['redis:', 'rediss:'].includes(parsed.protocol) || !parsed.hostname || !parsed.port;
    } catch {
      return true;
    }
  });
  if (nodes.length === 0 || bad.length > 0) {
    return {
      ok: false,
      error: `must list cluster nodes as host:port or redis://host:port, comma-separated; not ${bad.map((b) => `"${b}"`).join(', ') || 'empty'}`,
    };
  }
  return { ok: true, value: nodes };
};

/** A key prefix: braces would change which part of a key decides its cluster slot. */
const prefix: Parser<string> = (raw) =>
  /^[^{}\s]+$/.test(raw)
    ? { ok: true, value: raw }
    : { ok: false, error: `must be one word without braces or spaces, got "${raw}"` };

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

/** `smtp://` or `smtps://`; the URL itself is never echoed, it may carry a password. */
const smtpUrl: Parser<string> = (raw) => {
  try {
    const parsed = new URL(raw);
    if (['smtp:', 'smtps:'].includes(parsed.protocol) && parsed.hostname) {
      return { ok: true, value: raw };
    }
  } catch {}
  return { ok: false, error: 'must be smtp://[user:password@]host[:port] or smtps://…' };
};

/** `address@example.com` or `Name <address@example.com>`. */
const mailbox: Parser<string> = (raw) =>
  /^([^<>@]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/.test(raw.trim())
    ? { ok: true, value: raw.trim() }
    : {
        ok: false,
        error: `must be an address such as "Support <support@example.com>", got "${raw}"`,
      };

/** A mail domain such as `reply.example.com`. */
const domain: Parser<string> = (raw) =>
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i.test(raw.trim())
    ? { ok: true, value: raw.trim().toLowerCase() }
    : { ok: false, error: `must be a domain such as reply.example.com, got "${raw}"` };

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
      'Embedded profile: where PGlite keeps its files and the generated JWT secret lives. Every profile: where attachments are kept when FLC_S3_ENDPOINT is unset (`attachments/` in it).',
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
      'Redis server for the fan-out bus; messages are then stored behind it by persister workers (standalone too). Unset (and no `REDIS_CLUSTER_NODES`): the in-memory bus, written through.',
    parse: url('redis:', 'rediss:'),
  }),
  redisClusterNodes: v<string[] | undefined>({
    name: 'REDIS_CLUSTER_NODES',
    description:
      'A Redis Cluster instead of `REDIS_URL`: some of its nodes, comma-separated, as `host:port` or `redis://[user:password@]host:port` (`rediss://` for TLS); the others are discovered. Credentials and TLS of the first apply to all.',
    parse: clusterNodes,
  }),
  redisPrefix: v({
    name: 'FLC_REDIS_PREFIX',
    description:
      'Namespace of every Redis key (streams, seq counters, channels, consumer groups), so several installs can share one Redis. Every process of one install must use the same.',
    parse: prefix,
    default: 'flc',
  }),
  redisPartitions: v({
    name: 'FLC_REDIS_PARTITIONS',
    description:
      'Partitions the conversations and organizations are spread over: one stream and one hash slot each, split between the persisters, and between the masters of a Redis Cluster. Every process of one install must use the same; see docs/SCALING.md before changing it on a running install.',
    parse: int(1, 16_384),
    default: 128,
  }),
  redisAckReplicas: v({
    name: 'FLC_REDIS_ACK_REPLICAS',
    description:
      'Replicas that must hold a message before its sender gets the ack (`WAIT`). 0: acked once the master has it, and a master lost before it replicated loses it. 1 or more: an acked message survives the failover of its master (see docs/SCALING.md).',
    parse: int(0, 16),
    default: 0,
  }),
  redisAckTimeout: v({
    name: 'FLC_REDIS_ACK_TIMEOUT_MS',
    description:
      'With `FLC_REDIS_ACK_REPLICAS`: how long a send waits for the replicas before it fails (the client sends again, and gets the first message back once they have it).',
    parse: int(1, 60_000),
    default: 1000,
  }),
  partitionLease: v({
    name: 'FLC_PARTITION_LEASE_MS',
    description:
      'Persisters and webhook fan-outs split the partitions between them, each holding a lease renewed every third of this; a process that dies loses its partitions to the others after this long.',
    parse: int(1_000, 600_000),
    default: 10_000,
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
    description:
      'Failed logins allowed in a row per email before 429; after that one more each `FLC_LOGIN_WINDOW` / this many seconds. A browser that signed in to the account before (its device token) has a budget of its own, so strangers cannot lock the account out of it.',
    parse: int(1, 10_000),
    default: 5,
  }),
  loginMaxFailuresPerIp: v({
    name: 'FLC_LOGIN_MAX_FAILURES_PER_IP',
    description:
      'Failed logins allowed in a row per client IP before 429 (refilled like `FLC_LOGIN_MAX_FAILURES`); a browser with a device token for the account it signs in to is not held by it.',
    parse: int(1, 100_000),
    default: 20,
  }),
  loginWindow: v({
    name: 'FLC_LOGIN_WINDOW',
    description:
      'Period of the login failure limits, in seconds: a spent budget is whole again after it.',
    parse: int(1, DAY),
    default: 900,
  }),
  deviceTokenTtl: v({
    name: 'FLC_DEVICE_TOKEN_TTL',
    description:
      'Lifetime of the device token a successful login gives the browser, in seconds: with it, that browser signs in to that account apart from the failure limits of its IP and email.',
    parse: int(60, 5 * 365 * DAY),
    default: 180 * DAY,
  }),
  signupsPerIp: v({
    name: 'FLC_SIGNUPS_PER_IP',
    description: 'Sign-ups allowed per client IP per hour (429 beyond). 0 turns the limit off.',
    parse: int(0, 1_000_000),
    default: 10,
  }),
  invitesPerOrgPerHour: v({
    name: 'FLC_INVITES_PER_ORG_PER_HOUR',
    description:
      'Invitations (new ones and renewed links) one organization may issue per hour, refilled evenly (429 with `retry-after` beyond); shared through Redis when it is set. 0 turns the limit off.',
    parse: int(0, 1_000_000),
    default: 50,
  }),
  ssoStartsPerIp: v({
    name: 'FLC_SSO_STARTS_PER_IP',
    description:
      'Single sign-on sign-ins allowed to start per client IP per minute (each keeps a short-lived state row); beyond, the browser is sent back to the login page with `sso_rate_limited`. 0 turns the limit off.',
    parse: int(0, 1_000_000),
    default: 30,
  }),
  widgetBootsPerIp: v({
    name: 'FLC_WIDGET_BOOTS_PER_IP',
    description:
      'Widget boots allowed per client IP per minute, each of which may create a contact (429 beyond). 0 turns the limit off.',
    parse: int(0, 1_000_000),
    default: 60,
  }),
  visitorRequestsPerMinute: v({
    name: 'FLC_VISITOR_REQUESTS_PER_MINUTE',
    description:
      "REST requests allowed per visitor session per minute (429 beyond); the widget's socket has its own frame limits. 0 turns the limit off.",
    parse: int(0, 1_000_000),
    default: 120,
  }),
  openConversationsPerVisitor: v({
    name: 'FLC_OPEN_CONVERSATIONS_PER_VISITOR',
    description:
      'Conversations one visitor may have that are not closed; opening another answers 429 until one is closed.',
    parse: int(1, 10_000),
    default: 10,
  }),
  socketsPerPrincipal: v({
    name: 'FLC_SOCKETS_PER_PRINCIPAL',
    description:
      'Sockets one visitor or agent may hold open on one realtime node; a further upgrade is refused with 429.',
    parse: int(1, 10_000),
    default: 20,
  }),
  organizationSendsPerSecond: v({
    name: 'FLC_ORG_SENDS_PER_SECOND',
    description:
      "Messages one organization's sockets may send per second (also its burst); a send beyond is answered rate_limited. With Redis it is shared by every realtime node (each leases a twentieth of it at a time, so the nodes together stay within it plus one such share each); without, it is the process's own. A plan's `sendsPerSecond` may set it lower. 0 turns it off (a plan's still applies).",
    parse: int(0, 1_000_000),
    default: 2_000,
  }),
  socketFramesPerSecond: v({
    name: 'FLC_SOCKET_FRAMES_PER_SECOND',
    description:
      'Frames of any type one socket may send per second, sustained; a frame beyond is dropped and answered rate_limited.',
    parse: int(1, 100_000),
    default: 20,
  }),
  socketFrameBurst: v({
    name: 'FLC_SOCKET_FRAME_BURST',
    description:
      'Frames one socket may send at once before `FLC_SOCKET_FRAMES_PER_SECOND` applies.',
    parse: int(1, 100_000),
    default: 60,
  }),
  socketAbuseThreshold: v({
    name: 'FLC_SOCKET_ABUSE_THRESHOLD',
    description:
      "Frames refused by a socket's rate limit within 10 seconds after which the socket is closed with 4008.",
    parse: int(1, 1_000_000),
    default: 50,
  }),
  socketMaxSubscriptions: v({
    name: 'FLC_SOCKET_MAX_SUBSCRIPTIONS',
    description:
      'Conversations one socket may follow at once; one more subscribe is refused with forbidden.',
    parse: int(1, 100_000),
    default: 200,
  }),
  socketMaxBufferedBytes: v({
    name: 'FLC_SOCKET_MAX_BUFFERED_BYTES',
    description:
      'Bytes waiting to be written to one socket (a slow reader) past which it is closed with 4009.',
    parse: int(65_536, 1_073_741_824),
    default: 1_048_576,
  }),
  heapGrowthPercent: v({
    name: 'FLC_HEAP_GROWTH_PERCENT',
    description:
      "How far, in percent, a realtime node (Node) lets its JavaScript heap grow past what its last full garbage collection kept before it collects again. V8 alone grows it by up to 4×, which after a burst of connects leaves ~18 KiB of RSS per idle socket; 35 keeps ~11 KiB at the same CPU (`bun run bench`). 0 leaves V8's own growth.",
    parse: int(0, 400),
    default: 35,
  }),
  inboxCoalesceMs: v({
    name: 'FLC_INBOX_COALESCE_MS',
    description:
      "Window in milliseconds within which a realtime node sends agents only a conversation's newest inbox event: the first goes out at once, later ones are held and the newest is sent when the window ends. 0 sends every event.",
    parse: int(0, 10_000),
    default: 200,
  }),
  visitorEditWindowSeconds: v({
    name: 'FLC_VISITOR_EDIT_WINDOW_SECONDS',
    description:
      'Seconds after sending within which a visitor may edit or delete its own message (agents may edit and delete theirs at any time). 0: visitors may not.',
    parse: int(0, 31_536_000),
    default: 900,
  }),
  attachmentMaxBytes: v({
    name: 'FLC_ATTACHMENT_MAX_BYTES',
    description:
      'Largest attachment one upload may be, in bytes; a larger one is refused with 413.',
    parse: int(1_024, 104_857_600),
    default: 10_485_760,
  }),
  attachmentOrganizationBytes: v({
    name: 'FLC_ATTACHMENT_ORGANIZATION_BYTES',
    description:
      'Attachment bytes one organization may keep in all; an upload past it is refused with 413 (`attachment_quota`). 0: no limit.',
    parse: int(0, Number.MAX_SAFE_INTEGER),
    default: 1_073_741_824,
  }),
  attachmentOrganizationUploadsPerDay: v({
    name: 'FLC_ATTACHMENT_ORGANIZATION_UPLOADS_PER_DAY',
    description:
      'Attachments one organization may upload per day (UTC), whatever their size: an upload past it is refused with 429 (`attachment_daily_limit`) until midnight UTC. Counted in the database, so it holds across API processes. 0: no limit.',
    parse: int(0, 2_147_483_647),
    default: 10_000,
  }),
  attachmentLinkTtl: v({
    name: 'FLC_ATTACHMENT_LINK_TTL',
    description:
      "Seconds a signed link to an attachment's bytes stays good (links come with the attachment in every answer that shows it).",
    parse: int(30, DAY),
    default: 3_600,
  }),
  s3Endpoint: v<string | undefined>({
    name: 'FLC_S3_ENDPOINT',
    description:
      "S3-compatible object storage for attachments (`https://s3.eu-west-1.amazonaws.com`, a MinIO or SeaweedFS address), through Bun's S3 client. Unset: attachments are files under `FLC_DATA_DIR/attachments` (one API process, or a shared volume).",
    parse: url('http:', 'https:'),
  }),
  s3Bucket: v({
    name: 'FLC_S3_BUCKET',
    description: 'The bucket attachments go in (with `FLC_S3_ENDPOINT`).',
    parse: str(3),
    default: 'fast-light-chat',
  }),
  s3Region: v({
    name: 'FLC_S3_REGION',
    description: "The bucket's region (with `FLC_S3_ENDPOINT`).",
    parse: str(),
    default: 'us-east-1',
  }),
  s3AccessKeyId: v<string | undefined>({
    name: 'FLC_S3_ACCESS_KEY_ID',
    description: 'Access key of the bucket (with `FLC_S3_ENDPOINT`).',
    parse: str(),
  }),
  s3SecretAccessKey: v<string | undefined>({
    name: 'FLC_S3_SECRET_ACCESS_KEY',
    description: 'Secret key of the bucket (with `FLC_S3_ENDPOINT`).',
    parse: str(),
  }),
  socketOpensPerMinute: v({
    name: 'FLC_SOCKET_OPENS_PER_MINUTE',
    description:
      'Sockets one visitor or agent may open per minute across every node (shared through Redis when it is set); a further socket is closed with 4008 before ready. 0 turns the limit off.',
    parse: int(0, 1_000_000),
    default: 60,
  }),
  twoFactorMaxFailures: v({
    name: 'FLC_TWO_FACTOR_MAX_FAILURES',
    description:
      'Wrong two-factor codes (and disable attempts) allowed per agent within FLC_LOGIN_WINDOW before 429.',
    parse: int(1, 10_000),
    default: 5,
  }),
  passwordResetTtl: v({
    name: 'FLC_PASSWORD_RESET_TTL',
    description: 'How long a password reset link works, in seconds; it works once.',
    parse: int(60, DAY),
    default: 1800,
  }),
  passwordResetMaxPerEmail: v({
    name: 'FLC_PASSWORD_RESET_MAX_PER_EMAIL',
    description:
      'Password reset requests allowed per email address per `FLC_PASSWORD_RESET_WINDOW` (the budget refills evenly; 429 beyond).',
    parse: int(1, 10_000),
    default: 3,
  }),
  passwordResetMaxPerIp: v({
    name: 'FLC_PASSWORD_RESET_MAX_PER_IP',
    description:
      'Password reset requests allowed per client IP per `FLC_PASSWORD_RESET_WINDOW` (the budget refills evenly; 429 beyond).',
    parse: int(1, 100_000),
    default: 10,
  }),
  passwordResetWindow: v({
    name: 'FLC_PASSWORD_RESET_WINDOW',
    description: 'Period of the password reset request limits, in seconds.',
    parse: int(1, DAY),
    default: 3600,
  }),
  smtpUrl: v<string | undefined>({
    name: 'FLC_SMTP_URL',
    description:
      "SMTP server that sends the platform's mail (password reset links, invitations): `smtp://user:password@host:587` (STARTTLS whenever the server offers it) or `smtps://…:465` (TLS from the start); percent-encode special characters of the user and password. Unset: no mail is sent, password reset is off and an invitation's token is answered to the inviter to pass on (set it in production). Needs `FLC_MAIL_FROM` and `FLC_PUBLIC_URL`.",
    parse: smtpUrl,
  }),
  mailFrom: v<string | undefined>({
    name: 'FLC_MAIL_FROM',
    description:
      "Sender of the platform's mail, as `support@example.com` or `Example Support <support@example.com>`.",
    parse: mailbox,
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
  publicUrl: v<string | undefined>({
    name: 'FLC_PUBLIC_URL',
    description:
      'The address users reach the platform at (`https://chat.example.com`; its origin counts): links in mail point there (required with `FLC_SMTP_URL`: never the address a request came in on), and single sign-on sends the identity provider back to `FLC_PUBLIC_URL/v1/auth/oidc/callback` and the browser on to the console at its root. Unset: single sign-on uses the address of each request (its `X-Forwarded-Proto` and `X-Forwarded-Host` with `FLC_TRUST_PROXY`).',
    parse: url('http:', 'https:'),
  }),
  operatorEmail: v<string | undefined>({
    name: 'FLC_OPERATOR_EMAIL',
    description:
      'With `FLC_OPERATOR_PASSWORD_FILE`: a platform operator the API creates at start-up when no operator has this email (an existing one is left as it is; `bun run operator:create` resets it). Operators sign in at `POST /v1/operator/session` and manage tenants through `/v1/operator`; sign-up never creates one.',
    parse: str(),
  }),
  operatorPasswordFile: v<string | undefined>({
    name: 'FLC_OPERATOR_PASSWORD_FILE',
    description:
      "A file holding the password of `FLC_OPERATOR_EMAIL` (its first line; a Docker or Kubernetes secret), so the password is in no environment. It must pass the agents' password policy.",
    parse: str(),
  }),
  operatorTokenTtl: v({
    name: 'FLC_OPERATOR_TOKEN_TTL',
    description:
      'Lifetime of an operator access token, in seconds (no refresh token: the operator signs in again).',
    parse: int(60, DAY),
    default: 900,
  }),
  plansFile: v<string | undefined>({
    name: 'FLC_PLANS_FILE',
    description:
      'A JSON file of plans, `[{"id": "starter", "name": "Starter", "limits": {"agents": 3}, "features": {"sso": false}}]` (see Plans), written at start-up by the API and the standalone process as plans of `source: "config"`: the operator API reads them but cannot change or delete them. A file that is not valid stops start-up with the field that is wrong.',
    parse: str(),
  }),
  defaultPlan: v<string | undefined>({
    name: 'FLC_DEFAULT_PLAN',
    description:
      "The id of the plan of every tenant that has none of its own (from the file or the operator API); a plan that does not exist stops start-up. Unset: such tenants are limited only by the install's own `FLC_*` limits.",
    parse: (raw) =>
      /^[a-z0-9][a-z0-9_-]{0,62}$/.test(raw.trim())
        ? { ok: true, value: raw.trim() }
        : {
            ok: false,
            error: `must be a plan id (lower-case letters, digits, - and _), got "${raw}"`,
          },
  }),
  systemOrganizationId: v<string | undefined>({
    name: 'FLC_SYSTEM_ORGANIZATION_ID',
    description:
      "The organization whose owners see the System page (`GET /v1/system`): the install's processes as they report in, their versions, figures and last problems, and whether the database and Redis answer. Unset: the install's first organization (the one that set it up). Operators see the same on their console's Service health page (`GET /v1/operator/system`), the preferred way.",
    parse: uuid,
  }),
  inboundMailDomain: v<string | undefined>({
    name: 'FLC_INBOUND_MAIL_DOMAIN',
    description:
      "Turns on email continuity (with `FLC_SMTP_URL`): agents' replies a visitor has not seen after `FLC_EMAIL_REPLY_DELAY_SECONDS` are mailed to the contact's email, with `Reply-To: reply+<signed conversation token>@` this domain; route that domain's mail to `POST /v1/inbound-mail` (or the SMTP listener, `FLC_INBOUND_SMTP_PORT`) and replies land in the conversation. Unset: no such mail is sent.",
    parse: domain,
  }),
  emailReplyDelaySeconds: v({
    name: 'FLC_EMAIL_REPLY_DELAY_SECONDS',
    description:
      "How long an agent's reply waits for the visitor to see it before it is mailed (with `FLC_INBOUND_MAIL_DOMAIN`); the replies sent meanwhile go in the same mail.",
    parse: int(1, DAY),
    default: 120,
  }),
  inboundMailSecret: v<string | undefined>({
    name: 'FLC_INBOUND_MAIL_SECRET',
    description:
      'Shared secret of the inbound mail endpoint `POST /v1/inbound-mail`, sent by your mail provider as the `X-FLC-Inbound-Secret` header or as the password of HTTP basic authentication (at least 16 characters). Unset: the endpoint answers 404.',
    parse: str(16),
  }),
  inboundMailMaxBytes: v({
    name: 'FLC_INBOUND_MAIL_MAX_BYTES',
    description:
      'Largest raw mail `POST /v1/inbound-mail` and the SMTP listener take, attachments included (413 beyond; only the text is kept).',
    parse: int(1024, 64 * 1024 * 1024),
    default: 10 * 1024 * 1024,
  }),
  inboundSmtpPort: v<number | undefined>({
    name: 'FLC_INBOUND_SMTP_PORT',
    description:
      "Port of an SMTP listener that takes visitors' replies straight from the internet (point the inbound domain's MX record at it), on `HOST`, in the standalone process and the API. Unset: off; use `POST /v1/inbound-mail`.",
    parse: int(1, 65_535),
  }),
  oidcAllowPrivateIssuers: v({
    name: 'FLC_OIDC_ALLOW_PRIVATE_ISSUERS',
    description:
      'Allow single sign-on issuers on loopback and private address ranges, and over plain `http` there (a self-hosted identity provider on an internal network). Off: an issuer must be a public `https` address.',
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
  meteringInterval: v({
    name: 'FLC_METERING_INTERVAL',
    description:
      "Seconds between usage metering rounds (each tenant's messages, active visitors, agent seats, storage and webhook deliveries per UTC day, for `GET /v1/operator/usage`), in the workers processes and the standalone. Each round recomputes today and the days not closed yet from the stores, off the message path. 0: off.",
    parse: int(0, 86_400),
    default: 60,
  }),
  meteringGrace: v({
    name: 'FLC_METERING_GRACE',
    description:
      'Seconds after a UTC day ends before its usage is final (closed): late messages of a persister backlog still count. Closing a day sends its `usage.daily` report.',
    parse: int(0, 86_400),
    default: 3_600,
  }),
  usageReportRetention: v({
    name: 'FLC_USAGE_REPORT_RETENTION',
    description:
      'Days a delivered `usage.daily` report is kept (its body and delivery status) before the metering rounds delete it; reports not delivered yet are kept however old. 0: kept forever.',
    parse: int(0, 36_500),
    default: 90,
  }),
  usageWebhookUrl: v<string | undefined>({
    name: 'FLC_USAGE_WEBHOOK_URL',
    description:
      "The billing system's endpoint: one `usage.daily` event per tenant and closed day is POSTed there (see docs/PROTOCOL.md), signed as tenant webhooks are, retried until answered 2xx (from 10 s, doubling, at most hourly). Needs `FLC_USAGE_WEBHOOK_SECRET`. Unset: no reports (closed days are not reported later).",
    parse: url('http:', 'https:'),
  }),
  usageWebhookSecret: v<string | undefined>({
    name: 'FLC_USAGE_WEBHOOK_SECRET',
    description:
      'The signing secret of the deliveries to `FLC_USAGE_WEBHOOK_URL` (`X-FLC-Signature`, at least 16 characters).',
    parse: str(16),
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
      "Requests per second one API key may make on average, across every API process (shared through Redis when it is set); beyond its burst it gets 429 with `retry-after`. Only requests with the right secret count. A plan's `apiKeyRequestsPerSecond` may set it lower. 0 turns it off (a plan's still applies).",
    parse: int(0, 1_000_000),
    default: 20,
  }),
  apiKeyBurst: v({
    name: 'FLC_API_KEY_BURST',
    description: 'Requests one API key may make at once before `FLC_API_KEY_RATE` applies.',
    parse: int(1, 1_000_000),
    default: 100,
  }),
  embeddedSharedBuffersMb: v({
    name: 'FLC_EMBEDDED_SHARED_BUFFERS_MB',
    description:
      "The embedded database's buffer pool in MiB (PostgreSQL's `shared_buffers` inside PGlite), allocated when the process starts; what it does not hold is read from the operating system's file cache. Without `DATABASE_URL` only.",
    parse: int(1, 4_096),
    default: 16,
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
      'Stream entries a persister worker reads per partition at a time (XREADGROUP COUNT); one batch is written with few statements.',
    parse: int(1, 10_000),
    default: 200,
  }),
  persisterClaimIdle: v({
    name: 'FLC_PERSISTER_CLAIM_IDLE_MS',
    description:
      'Entries pending this long (ms) at a persister (a batch that failed) are read again (XAUTOCLAIM); what a crashed worker left pending is taken over with its partitions (see `FLC_PARTITION_LEASE_MS`).',
    parse: int(100, DAY * 1000),
    default: 30_000,
  }),
  logLevel: v({
    name: 'FLC_LOG_LEVEL',
    description:
      'Least severe log level printed: `info` logs start-up and one access line per REST request; `debug` adds socket opens and closes, appends, persister batches and webhook attempts; a restarted worker is a `warn`.',
    parse: oneOf('debug', 'info', 'warn', 'error'),
    default: 'info' as const,
  }),
  logFormat: v({
    name: 'FLC_LOG_FORMAT',
    description:
      'How log lines are written to standard output: `json` (one object a line, for a log collector), `pretty` (one readable line, for a terminal), or `auto`: `pretty` when standard output is a terminal, `json` otherwise (a container, a pipe, a file).',
    parse: oneOf('json', 'pretty', 'auto'),
    default: 'auto' as const,
  }),
  metricsTenantLabels: v({
    name: 'FLC_METRICS_TENANT_LABELS',
    description:
      'Per-tenant series on `/metrics` (`flc_tenant_messages_total`, `flc_tenant_sockets`, by `organization`): the first this many organizations a process sees get a label of their own, every later one counts under `organization="other"`, so a scrape stays small however many tenants there are. `0`: no per-tenant series.',
    parse: int(0, 1_000),
    default: 50,
  }),
  // Read by @flc/telemetry from the environment of each process and Web Worker (the SDK is
  // loaded only when the endpoint is set); listed here so they are validated and documented.
  otelEndpoint: v<string | undefined>({
    name: 'OTEL_EXPORTER_OTLP_ENDPOINT',
    description:
      'OpenTelemetry traces: the OTLP/HTTP (protobuf) endpoint spans are sent to, such as `http://127.0.0.1:4318` (a collector, Jaeger, Tempo); traces go to its `/v1/traces`. Each role (`api`, `realtime`, `workers`, `persister`, `webhooks`, `standalone`) is its `service.name`. Unset: no tracing code is loaded.',
    parse: url('http:', 'https:'),
  }),
  otelTracesEndpoint: v<string | undefined>({
    name: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
    description:
      'The full URL traces are sent to, instead of `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/traces` (tracing still needs `OTEL_EXPORTER_OTLP_ENDPOINT` set).',
    parse: url('http:', 'https:'),
  }),
  otelServiceName: v<string | undefined>({
    name: 'OTEL_SERVICE_NAME',
    description: "The traces' `service.name`, instead of the process's role.",
    parse: str(),
  }),
  otelBatchDelayMs: v({
    name: 'OTEL_BSP_SCHEDULE_DELAY',
    description: 'Milliseconds between two exports of the spans buffered by a process.',
    parse: int(1, 60_000),
    default: 1_000,
  }),
};

type Vars = typeof variables;
export type Config = {
  [K in keyof Vars]: Vars[K] extends Variable<infer T> ? T : never;
};
