import { type Config, loadConfig } from '@flc/config';
import { openPlatform } from '@flc/storage/platform';
import { createMemoryPresence } from '@flc/storage/presence';
import { type DatabaseTarget, pgliteTarget, postgresTarget } from '@flc/storage/testing';
import { createApi } from '../app.ts';
import type { ApiDeps } from '../deps.ts';

// Test replies are loosely typed JSON: assertions check their shape.
// biome-ignore lint/suspicious/noExplicitAny: see above
export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface CallOptions {
  body?: unknown;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  headers?: Record<string, string>;
}

export interface Owner {
  accessToken: string;
  refreshToken: string;
  agent: { id: string; organizationId: string; email: string; role: string };
  organization: { id: string; name: string };
  email: string;
  password: string;
}

/** The API in-process on a fresh database, driven through `app.handle` (no port opened). */
export interface TestApi {
  deps: ApiDeps;
  // biome-ignore lint/suspicious/noExplicitAny: loosely typed JSON replies
  call<T = any>(method: string, path: string, options?: CallOptions): Promise<Reply<T>>;
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
  const config = { ...loadConfig({ NODE_ENV: 'test' }), ...overrides };
  // The embedded profile's composition: its real bus, numbering on from the store like after a
  // restart, and the presence registry a gateway beside the API would connect agents to.
  const platform = await openPlatform(
    { ...config, jwtSecret: crypto.randomUUID() + crypto.randomUUID() },
    { name: 'test', db, presence: createMemoryPresence() },
  );
  const deps: ApiDeps = platform;
  const app = createApi(deps);

  const call: TestApi['call'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await app.handle(new Request(`http://localhost${path}`, { method, headers, body }));
    const text = await res.text();
    let parsed: unknown = text;
    if (res.headers.get('content-type')?.includes('application/json') && text)
      parsed = JSON.parse(text);
    return { status: res.status, body: parsed as never, headers: res.headers };
  };

  let n = 0;
  const signup = async (name = 'Acme') => {
    n += 1;
    const email = `owner-${n}-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const password = 'correct horse battery staple';
    const res = await call('POST', '/v1/auth/signup', {
      body: { organizationName: `${name} ${n}`, name: `Owner ${n}`, email, password },
    });
    if (res.status !== 201)
      throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { ...res.body, email, password } as Owner;
  };

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
    await platform.close();
    await db.close();
  };
  return { deps, call, signup, addMember, close };
}

/** Every database the API runs on here: PGlite always, PostgreSQL when the test server is up. */
export function databaseTargets(): DatabaseTarget[] {
  const pg = postgresTarget();
  return pg ? [pgliteTarget, pg] : [pgliteTarget];
}
