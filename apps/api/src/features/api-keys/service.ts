import type { Sql } from '@flc/storage/postgres';
import { inScope } from '@flc/storage/postgres';
import { requireEnvironment } from '../../domain/environment.ts';
import { notFound } from '../../lib/errors.ts';
import { decodeCursor, toPage } from '../../lib/pagination.ts';
import { hashSecret, newId, randomToken } from '../../lib/secrets.ts';
import { type ApiKeyRow, apiKeyColumns, toApiKey } from './model.ts';

/**
 * Keys of one environment. Every query names the organization and the environment, so a key id
 * under another environment, or another tenant's, reads as unknown (404).
 */
export class ApiKeyService {
  constructor(private readonly sql: Sql) {}

  private get columns() {
    return this.sql.unsafe(apiKeyColumns);
  }

  /** Revoked keys stay listed (with `revokedAt`) so the audit trail survives. */
  async list(organizationId: string, environmentId: string, limit: number, cursor?: string) {
    const after = decodeCursor(cursor);
    await requireEnvironment(this.sql, organizationId, environmentId);
    const rows = await this.sql<ApiKeyRow[]>`
      select ${this.columns} from api_keys
      where ${inScope(this.sql, { organizationId: organizationId, environmentId: environmentId })}
        ${after ? this.sql`and id > ${after}` : this.sql``}
      order by id limit ${limit + 1}`;
    return toPage(rows, limit, toApiKey);
  }

  /** The secret exists in clear only in this answer; the database keeps its hash. */
  async create(organizationId: string, environmentId: string, name: string) {
    const secret = randomToken('flc_sk_', 32);
    // Inserting from the environment row checks ownership in the same statement.
    const [row] = await this.sql<ApiKeyRow[]>`
      insert into api_keys (id, organization_id, environment_id, name, key, secret_hash)
      select ${newId()}, organization_id, id, ${name}, ${randomToken('flc_ak_')}, ${hashSecret(secret)}
      from environments where id = ${environmentId} and ${inScope(this.sql, { organizationId })}
      returning ${this.columns}`;
    if (!row) throw notFound('Environment');
    return { ...toApiKey(row), secret };
  }

  /** Idempotent: revoking a revoked key keeps its first revocation time. */
  async revoke(organizationId: string, environmentId: string, keyId: string) {
    const rows = await this.sql`
      update api_keys set revoked_at = coalesce(revoked_at, now())
      where id = ${keyId} and environment_id = ${environmentId}
        and ${inScope(this.sql, { organizationId })}
      returning id`;
    if (rows.length === 0) throw notFound('API key');
  }

  async describe(keyId: string, organizationId: string) {
    const [row] = await this.sql<
      { id: string; name: string; env_id: string; env_name: string; last_used_at: Date | null }[]
    >`
      select k.id, k.name, e.id as env_id, e.name as env_name, k.last_used_at
      from api_keys k join environments e on e.id = k.environment_id
      where k.id = ${keyId} and ${inScope(this.sql, { organizationId }, 'k')}`;
    if (!row) throw notFound('API key');
    return {
      id: row.id,
      name: row.name,
      organizationId,
      environment: { id: row.env_id, name: row.env_name },
      lastUsedAt: row.last_used_at?.toISOString() ?? null,
    };
  }
}
