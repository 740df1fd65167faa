import type { AuditContext, Sql } from '@flc/storage/postgres';
import { inScope, recordAudit } from '@flc/storage/postgres';
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
  async create(audit: AuditContext, organizationId: string, environmentId: string, name: string) {
    const secret = randomToken('flc_sk_', 32);
    const row = await this.sql.begin(async (tx) => {
      // Inserting from the environment row checks ownership in the same statement.
      const [row] = await tx<ApiKeyRow[]>`
        insert into api_keys (id, organization_id, environment_id, name, key, secret_hash)
        select ${newId()}, organization_id, id, ${name}, ${randomToken('flc_ak_')}, ${hashSecret(secret)}
        from environments where id = ${environmentId} and ${inScope(tx, { organizationId })}
        returning ${tx.unsafe(apiKeyColumns)}`;
      if (!row) throw notFound('Environment');
      await recordAudit(tx, {
        ...audit,
        organizationId,
        action: 'api_key.created',
        target: { type: 'api_key', id: row.id },
        details: { name: row.name, key: row.key, environmentId },
      });
      return row;
    });
    return { ...toApiKey(row), secret };
  }

  /**
   * Idempotent: revoking a revoked key keeps its first revocation time, and the audit log its
   * one `api_key.revoked`.
   */
  async revoke(audit: AuditContext, organizationId: string, environmentId: string, keyId: string) {
    await this.sql.begin(async (tx) => {
      const [row] = await tx<{ name: string; key: string; was_revoked: boolean }[]>`
        update api_keys k set revoked_at = coalesce(k.revoked_at, now())
        from api_keys before
        where k.id = ${keyId} and k.environment_id = ${environmentId}
          and ${inScope(tx, { organizationId }, 'k')} and before.id = k.id
        returning k.name, k.key, before.revoked_at is not null as was_revoked`;
      if (!row) throw notFound('API key');
      if (row.was_revoked) return;
      await recordAudit(tx, {
        ...audit,
        organizationId,
        action: 'api_key.revoked',
        target: { type: 'api_key', id: keyId },
        details: { name: row.name, key: row.key, environmentId },
      });
    });
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
