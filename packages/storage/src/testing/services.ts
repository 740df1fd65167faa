/**
 * Integration suites need real servers. `bun run test` starts them and passes their URLs in
 * these variables; a suite whose server is missing fails under CI and is skipped (loudly)
 * elsewhere.
 */
export const serviceVariables = {
  postgres: 'TEST_DATABASE_URL',
  redis: 'TEST_REDIS_URL',
  mongodb: 'TEST_MONGODB_URL',
  /** Not a URL: the comma-separated `host:port` of every node, masters and replicas. */
  redisCluster: 'TEST_REDIS_CLUSTER_NODES',
  /** The issuer URL of the OpenID Provider the SSO suites sign in at. */
  oidc: 'TEST_OIDC_ISSUER',
  /** Mailpit's SMTP listener, with a user and password (it takes any). */
  smtp: 'TEST_SMTP_URL',
  /** Mailpit's HTTP API, where the suites read what reached the SMTP listener. */
  mailpit: 'TEST_MAILPIT_API',
  /** An S3-compatible endpoint (SeaweedFS); TEST_S3_BUCKET, TEST_S3_ACCESS_KEY, TEST_S3_SECRET_KEY. */
  s3: 'TEST_S3_ENDPOINT',
  /** Jaeger's OTLP/HTTP endpoint, what OTEL_EXPORTER_OTLP_ENDPOINT is set to in the tracing suite. */
  otlp: 'TEST_OTLP_ENDPOINT',
  /** Jaeger's query API, where the tracing suite reads the traces back. */
  jaeger: 'TEST_JAEGER_QUERY',
} as const;

export type Service = keyof typeof serviceVariables;

export function serviceUrl(service: Service): string | undefined {
  const name = serviceVariables[service];
  const url = process.env[name];
  if (url) return url;
  if (process.env.CI) {
    throw new Error(`${name} is not set: the ${service} suites cannot run, and CI requires them`);
  }
  console.warn(
    `[skip] ${name} is not set: skipping the ${service} suites (run them with bun run test)`,
  );
  return undefined;
}

/**
 * A command-line tool a suite drives (Schemathesis, ...), found on PATH or in the cache that
 * `.ci/run` installs tools into (`$FLC_CACHE_DIR/bin`). Missing, it fails the suite under CI
 * and is skipped (loudly) elsewhere, as a missing server is.
 */
export function toolPath(name: string, suite: string): string | undefined {
  const cacheBin = `${process.env.FLC_CACHE_DIR ?? '/var/cache/fast-light-chat'}/bin`;
  const found = Bun.which(name, {
    PATH: [process.env.PATH, cacheBin].filter(Boolean).join(':'),
  });
  if (found) return found;
  if (process.env.CI) {
    throw new Error(
      `${name} is not installed (PATH, ${cacheBin}): ${suite} cannot run, and CI requires it`,
    );
  }
  console.warn(`[skip] ${name} is not installed: skipping ${suite} (bash .ci/run installs it)`);
  return undefined;
}

/** A Node binary a package smoke runs its examples with, and its major version. */
export interface NodeRuntime {
  path: string;
  major: number;
}

/**
 * The Node versions the npm packages are proved on: the `node` on PATH (20 on the CI machine)
 * and Node 22 (`node22`, which `.ci/run` unpacks into the cache from the npm registry), each
 * once. A missing one fails the suite under CI and is skipped (loudly) elsewhere.
 */
export function nodeRuntimes(suite: string): NodeRuntime[] {
  const found = new Map<number, string>();
  for (const name of ['node', 'node22']) {
    const path = toolPath(name, suite);
    if (!path) continue;
    const major = Number(
      Bun.spawnSync([path, '-p', 'process.versions.node.split(".")[0]']).stdout.toString(),
    );
    if (!found.has(major)) found.set(major, path);
  }
  return [...found].sort(([a], [b]) => a - b).map(([major, path]) => ({ path, major }));
}
