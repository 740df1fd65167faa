import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Config, loadConfig } from '@flc/config';
import { createMailer } from '@flc/mail';
import { openPlatform } from '@flc/storage/platform';
import { createMemoryPresence } from '@flc/storage/presence';
import { type DatabaseTarget, pgliteTarget, postgresTarget } from '@flc/storage/testing';
import { bearer, type Owner, type Reply, type Rest, restClient, signUp } from '@flc/testkit';
import { createApi } from '../app.ts';
import type { ApiDeps } from '../deps.ts';
import { JobQueue } from '../lib/job-queue.ts';
import { Metrics } from '../lib/metrics.ts';

// Part of what the harness answers, so its suites take them from here.
export type { Owner, Reply };

export interface CallOptions {
  body?: unknown;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  headers?: Record<string, string>;
}

/** The API in-process on a fresh database, driven through `app.handle` (no port opened). */
export interface TestApi {
  deps: ApiDeps;
  // biome-ignore lint/suspicious/noExplicitAny: loosely typed JSON replies
  call<T = any>(method: string, path: string, options?: CallOptions): Promise<Reply<T>>;
  /** A request of any kind (a multipart upload), answered in-process. */
  handle(request: Request): Promise<Response>;
  /** The same calls in the shape the shared fixtures take (`chatTenant(api.rest)`, …). */
  rest: Rest;
  /** Signs up a new organization; every call is a new tenant. */
  signup(name?: string): Promise<Owner>;
  /** Adds an active agent with this role to the owner's organization and logs it in. */
  addMember(owner: Owner, role: 'owner' | 'admin' | 'agent'): Promise<Owner>;
  close(): Promise<void>;
}

export async function createTestApi(
  target: DatabaseTarget,
  overrides: Partial<Config> = {},
): Promise<TestApi> {
  const db = await target.open();
  // Every suite's requests come from one address, so the per-IP and per-visitor budgets are off
  // unless a suite sets them (lib/budgets.ts has their own tests); so is the per-organization
  // invitation budget, which suites that invite in bulk would spend.
  const config = {
    ...loadConfig({ NODE_ENV: 'test' }),
    signupsPerIp: 0,
    invitesPerOrgPerHour: 0,
    widgetBootsPerIp: 0,
    ssoStartsPerIp: 0,
    visitorRequestsPerMinute: 0,
    // Attachments are files here: in a directory of the suite's own, removed on close.
    dataDir: join(tmpdir(), `flc-api-test-${crypto.randomUUID()}`),
    ...overrides,
  };
  // The embedded profile's composition: its real bus, numbering on from the store like after a
  // restart, and the presence registry a gateway beside the API would connect agents to.
  const platform = await openPlatform(
    { ...config, jwtSecret: crypto.randomUUID() + crypto.randomUUID() },
    { name: 'test', db, presence: createMemoryPresence() },
  );
  // Mail goes out when the overrides name an SMTP server (the suites' Mailpit).
  const mailer = createMailer(config);
  const jobs = new JobQueue();
  // `/metrics` as main.ts makes it, without the stores' probes (no pings in the background).
  const httpMetrics = new Metrics([], platform.tenants);
  const deps: ApiDeps = { ...platform, mailer, jobs, httpMetrics };
  const app = createApi(deps);

  const rest = restClient(
    () => 'http://localhost',
    (request) => app.handle(request),
  );
  const call: TestApi['call'] = (method, path, options = {}) =>
    rest(method, path, options.body, {
      ...options.headers,
      ...(options.token ? bearer(options.token) : {}),
    });

  const signup = (name?: string) => signUp(rest, name);

  let n = 0;
  const addMember: TestApi['addMember'] = async (owner, role) => {
    n += 1;
    const email = `${role}-${n}-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const password = 'another horse battery staple';
    const hash = await Bun.password.hash(password, { algorithm: 'argon2id' });
    await db.sql`
      insert into agents (id, organization_id, email, name, role, status, password_hash)
      values (${Bun.randomUUIDv7()}, ${owner.organization.id}, ${email}, ${`Member ${n}`}, ${role},
              'active', ${hash})`;
    const res = await call('POST', '/v1/auth/login', { body: { email, password } });
    if (res.status !== 200)
      throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { ...res.body, organization: owner.organization, email, password } as Owner;
  };

  const close = async () => {
    await jobs.idle();
    mailer?.close();
    await platform.close();
    await db.close();
    rmSync(config.dataDir, { recursive: true, force: true });
  };
  const handle = (request: Request) => app.handle(request);
  return { deps, call, handle, rest, signup, addMember, close };
}

/** Every database the API runs on here: PGlite always, PostgreSQL when the test server is up. */
export function databaseTargets(): DatabaseTarget[] {
  const pg = postgresTarget();
  return pg ? [pgliteTarget, pg] : [pgliteTarget];
}
