import { expect, test } from 'bun:test';
import { loadConfig } from '@flc/config';
import { effectivePlan, type PlanDirectory, uuidv7 } from '@flc/core';
import { PostgresPrincipalDirectory, type Sql } from '@flc/storage/postgres';
import { createMemoryRateLimiter } from '@flc/storage/rate-limit';
import { type AnyElysia, Elysia } from 'elysia';
import type { ApiDeps } from '../deps.ts';
import { hashSecret } from '../lib/secrets.ts';
import { apiKeyAuth } from './api-key-auth.ts';
import { accessTokens, agentAuth } from './auth.ts';
import { inboxAuth } from './inbox-auth.ts';
import { visitorAuth, visitorTokens } from './visitor-auth.ts';

// Each auth plugin is named: an instance that gets one twice (directly, or through a plugin
// that uses it too) checks the credentials once per request, not once per `use`.

const jwtSecret = `test-secret-${uuidv7()}`;
const config = loadConfig({ NODE_ENV: 'test' });
const [id, organizationId, environmentId] = [uuidv7(), uuidv7(), uuidv7()];

/** Deps whose database answers `row` to every query and counts the queries. */
function counting(row: Record<string, unknown>) {
  const queries: string[] = [];
  const sql = (strings: TemplateStringsArray) => {
    queries.push(strings.join('?'));
    return Promise.resolve([row]);
  };
  // The plugins read principals through the same directory as the socket.
  const principals = new PostgresPrincipalDirectory(sql as unknown as Sql);
  const rateLimiter = createMemoryRateLimiter();
  // Tenants without a plan: what is counted here is the key's own lookups.
  const planDirectory: PlanDirectory = { planOf: async () => effectivePlan(null) };
  const deps = {
    config,
    jwtSecret,
    db: { sql },
    principals,
    rateLimiter,
    planDirectory,
  } as unknown as ApiDeps;
  return { deps, queries };
}

type Plugin = (deps: ApiDeps) => AnyElysia;

async function twice(plugin: Plugin, deps: ApiDeps, headers: Record<string, string>) {
  const app = new Elysia()
    .use(plugin(deps))
    .use(new Elysia().use(plugin(deps)))
    .use(plugin(deps))
    .get('/', () => 'ok');
  const response = await app.handle(new Request('http://api.test/', { headers }));
  expect(await response.text()).toBe('ok');
}

test('agentAuth and inboxAuth read the agent once per request', async () => {
  const token = await accessTokens({ config, jwtSecret }).decorator.accessJwt.sign({
    sub: id,
    typ: 'agent',
  });
  for (const plugin of [agentAuth, inboxAuth] satisfies Plugin[]) {
    const { deps, queries } = counting({
      id,
      organization_id: organizationId,
      role: 'agent',
      name: 'Ann',
    });
    await twice(plugin, deps, { authorization: `Bearer ${token}` });
    expect(queries).toHaveLength(1);
  }
});

test('visitorAuth reads the visitor once per request', async () => {
  const token = await visitorTokens({ config, jwtSecret }).decorator.visitorJwt.sign({
    sub: id,
    typ: 'visitor',
    org: organizationId,
    env: environmentId,
  });
  const { deps, queries } = counting({
    id,
    organization_id: organizationId,
    environment_id: environmentId,
    name: null,
    allowed_origins: [],
  });
  await twice(visitorAuth, deps, { authorization: `Bearer ${token}` });
  expect(queries).toHaveLength(1);
});

test('apiKeyAuth checks the key once per request', async () => {
  const { deps, queries } = counting({
    id,
    name: 'backend',
    organization_id: organizationId,
    environment_id: environmentId,
    secret_hash: hashSecret('sk_test'),
    revoked_at: null,
    last_used_at: new Date(), // used just now: no usage write
  });
  await twice(apiKeyAuth, deps, { 'x-api-key': 'ak_test', 'x-api-secret': 'sk_test' });
  expect(queries).toHaveLength(1);
});
