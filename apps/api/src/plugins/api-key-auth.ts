import type { Sql } from '@flc/storage/postgres';
import { Elysia } from 'elysia';
import type { ApiDeps } from '../deps.ts';
import { apiKeyBudget, spend } from '../lib/budgets.ts';
import { unauthorized } from '../lib/errors.ts';
import { noteOrganization } from '../lib/request-context.ts';
import { hashSecret, sameSecret } from '../lib/secrets.ts';
import { organizationSuspended } from '../lib/suspension.ts';

/** A tenant backend, authenticated by an API key and secret; scoped to one environment. */
export interface ApiKeyPrincipal {
  id: string;
  name: string;
  organizationId: string;
  environmentId: string;
}

interface KeyRow {
  id: string;
  name: string;
  organization_id: string;
  environment_id: string;
  secret_hash: string;
  revoked_at: Date | null;
  last_used_at: Date | null;
  suspended: boolean;
}

/** Issued credentials are far shorter; longer headers are refused before touching the database. */
const MAX_CREDENTIAL_LENGTH = 200;
const USAGE_RESOLUTION_MS = 60_000;

/**
 * Checks a key and secret against the database, so a revoked key or a deleted environment
 * (whose keys cascade away) fails on the very next request. Unknown key, wrong secret and
 * revoked key get the same answer: the caller learns nothing about which one it was. A key
 * with the right secret then spends a slot of its budget (`FLC_API_KEY_RATE`, or its plan's `apiKeyRequestsPerSecond` when
 * lower): knowing a key's
 * id alone must not let anyone spend it.
 */
export async function authenticateApiKey(
  deps: Pick<ApiDeps, 'db' | 'rateLimiter' | 'config' | 'planDirectory'>,
  key: string | undefined,
  secret: string | undefined,
): Promise<ApiKeyPrincipal> {
  const { sql } = deps.db;
  if (!key || !secret) throw unauthorized('Missing X-API-Key or X-API-Secret');
  if (key.length > MAX_CREDENTIAL_LENGTH || secret.length > MAX_CREDENTIAL_LENGTH) {
    throw unauthorized('Invalid API key or secret');
  }
  const [row] = await sql<KeyRow[]>`
    select k.id, k.name, k.organization_id, k.environment_id, k.secret_hash, k.revoked_at,
      k.last_used_at, o.suspended_at is not null as suspended
    from api_keys k join organizations o on o.id = k.organization_id
    where k.key = ${key}`;
  if (!row || row.revoked_at !== null || !sameSecret(hashSecret(secret), row.secret_hash)) {
    throw unauthorized('Invalid API key or secret');
  }
  // Said only to whoever holds the secret: the key is good, its organization is suspended.
  if (row.suspended) throw organizationSuspended();
  // The plan is kept by the process (10 s): no database read per request.
  const plan = await deps.planDirectory.planOf(row.organization_id);
  const budget = apiKeyBudget(deps.config, plan.limits.apiKeyRequestsPerSecond);
  await spend(deps.rateLimiter, budget, row.id);
  await recordUsage(sql, row);
  return {
    id: row.id,
    name: row.name,
    organizationId: row.organization_id,
    environmentId: row.environment_id,
  };
}

/**
 * `last_used_at` is for humans auditing keys: minute resolution is enough, and it spares a hot
 * key a write per request. The `where` keeps concurrent requests from all writing.
 */
async function recordUsage(sql: Sql, row: KeyRow): Promise<void> {
  const last = row.last_used_at?.getTime();
  if (last !== undefined && Date.now() - last < USAGE_RESOLUTION_MS) return;
  await sql`
    update api_keys set last_used_at = now()
    where id = ${row.id}
      and (last_used_at is null or last_used_at < now() - interval '1 minute')`;
}

/**
 * Resolves `apiKey` from `X-API-Key` + `X-API-Secret` on every route of the instance using it,
 * within the key's rate limit.
 */
export const apiKeyAuth = (deps: ApiDeps) => {
  return new Elysia({ name: 'flc/api-key-auth', seed: deps.config }).derive(
    { as: 'scoped' },
    async ({ headers, request }) => {
      const apiKey = await authenticateApiKey(deps, headers['x-api-key'], headers['x-api-secret']);
      noteOrganization(request, apiKey.organizationId);
      return { apiKey };
    },
  );
};
