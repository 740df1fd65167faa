import { expect } from 'bun:test';
import { testOidcIssuer } from '@flc/testkit';
import { type OidcTestUser, oidcTestClient, signInAtProvider } from '@flc/testkit/oidc';
import type { Owner, TestApi } from '../../testing/harness.ts';

/** The test OpenID Provider's issuer (`bun run test` starts it), or undefined to skip. */
export const testIssuer = testOidcIssuer();

let slugs = 0;
/** Saves a connection to the test provider for the owner's organization; returns its slug. */
export async function connect(
  api: TestApi,
  owner: Owner,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  slugs += 1;
  const slug = `acme-${slugs}-${crypto.randomUUID().slice(0, 6)}`;
  const res = await api.call('PUT', '/v1/organization/oidc', {
    token: owner.accessToken,
    body: {
      slug,
      issuer: testIssuer,
      clientId: oidcTestClient.clientId,
      clientSecret: oidcTestClient.clientSecret,
      allowedDomains: [],
      enabled: true,
      ...overrides,
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (overrides.slug as string | undefined) ?? slug;
}

/** Adds an agent with this email to the owner's organization. */
export async function agentWithEmail(
  api: TestApi,
  owner: Owner,
  email: string,
  status: 'active' | 'disabled' | 'invited' = 'active',
): Promise<string> {
  const id = Bun.randomUUIDv7();
  await api.deps.db.sql`
    insert into agents (id, organization_id, email, name, role, status)
    values (${id}, ${owner.organization.id}, ${email}, 'SSO agent', 'agent', ${status})`;
  return id;
}

export interface Started {
  location: string;
  /** `name=value` of the cookie that ties the sign-in to the browser. */
  cookie: string;
}

export async function start(api: TestApi, organization: string): Promise<Started> {
  const res = await api.call(
    'GET',
    `/v1/auth/oidc/start?organization=${encodeURIComponent(organization)}`,
  );
  expect(res.status).toBe(302);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('flc_oidc='));
  return { location: res.headers.get('location') ?? '', cookie: cookie?.split(';')[0] ?? '' };
}

/** Sends the provider's answer to the callback; returns where the API sends the browser. */
export async function callback(api: TestApi, back: URL, cookie?: string): Promise<URL> {
  const res = await api.call('GET', `${back.pathname}${back.search}`, {
    headers: cookie ? { cookie } : {},
  });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location') ?? '');
}

/** A whole sign-in as `user`: start, the provider's forms, the callback. */
export async function signIn(
  api: TestApi,
  organization: string,
  user: OidcTestUser,
  options: { deny?: boolean } = {},
): Promise<URL> {
  const started = await start(api, organization);
  const back = await signInAtProvider(started.location, user, options);
  return callback(api, back, started.cookie);
}

/** The one-time code of a sign-in that reached the console, or the error it was refused with. */
export function outcome(url: URL): { code?: string; error?: string | null } {
  if (url.pathname === '/login/sso') {
    return { code: new URLSearchParams(url.hash.slice(1)).get('code') ?? '' };
  }
  expect(url.pathname).toBe('/login');
  return { error: url.searchParams.get('sso_error') };
}
