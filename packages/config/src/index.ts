import { type Config, type Variable, variables } from './variables.ts';

export type { Config } from './variables.ts';
export { variables } from './variables.ts';
export { platformVersion } from './version.ts';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Parses every variable at once and throws a ConfigError listing all problems. */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(variables) as [string, Variable<unknown>][]) {
    const raw = env[spec.name];
    if (raw === undefined || raw === '') {
      out[key] = spec.default;
      continue;
    }
    const result = spec.parse(raw);
    if (result.ok) out[key] = result.value;
    else problems.push(`${spec.name} ${result.error}`);
  }
  const config = out as Config;
  if (problems.length === 0 && config.nodeEnv === 'production' && !config.jwtSecret) {
    problems.push('JWT_SECRET is required when NODE_ENV=production');
  }
  if (problems.length === 0 && config.redisUrl && config.redisClusterNodes) {
    problems.push('REDIS_URL and REDIS_CLUSTER_NODES are both set; set one of them');
  }
  if (problems.length === 0 && config.smtpUrl) {
    for (const needed of [variables.mailFrom, variables.publicUrl]) {
      if (!env[needed.name]) problems.push(`${needed.name} is required with FLC_SMTP_URL`);
    }
  }
  if (problems.length === 0 && config.inboundMailDomain && !config.smtpUrl) {
    problems.push('FLC_INBOUND_MAIL_DOMAIN needs FLC_SMTP_URL: replies are mailed through it');
  }
  if (
    problems.length === 0 &&
    Boolean(config.operatorEmail) !== Boolean(config.operatorPasswordFile)
  ) {
    problems.push('FLC_OPERATOR_EMAIL and FLC_OPERATOR_PASSWORD_FILE are set together, or neither');
  }
  if (
    problems.length === 0 &&
    Boolean(config.usageWebhookUrl) !== Boolean(config.usageWebhookSecret)
  ) {
    problems.push(
      'FLC_USAGE_WEBHOOK_URL and FLC_USAGE_WEBHOOK_SECRET are set together, or neither',
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** For process entry points: prints every problem and exits instead of throwing. */
export function loadConfigOrExit(env: Env = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

/** The README's configuration table, generated so docs and code cannot drift apart. */
export function configTable(): string {
  const rows = Object.values(variables as Record<string, Variable<unknown>>).map((spec) => {
    const def = spec.defaultText ?? (spec.default === undefined ? '—' : `\`${spec.default}\``);
    return `| \`${spec.name}\` | ${def} | ${spec.description} |`;
  });
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}

export { resolveJwtSecret } from './jwt-secret.ts';
