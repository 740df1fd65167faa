import type { OidcConnection } from '@flc/protocol/resources';
import {
  type AuditContext,
  inScope,
  isUniqueViolation,
  recordAudit,
  type Sql,
} from '@flc/storage/postgres';
import { ApiError, conflict, notFound, validation } from '../../lib/errors.ts';
import { checkIssuer, discover, discoveryFailure } from './issuer.ts';
import type { SecretBox } from './secret-box.ts';

export interface ConnectionRow {
  organization_id: string;
  slug: string;
  issuer: string;
  client_id: string;
  client_secret_sealed: string;
  allowed_domains: string[];
  enabled: boolean;
  enforce_sso: boolean;
  provision_agents: boolean;
  created_at: Date;
  updated_at: Date;
}

export interface ConnectionInput {
  slug: string;
  issuer: string;
  clientId: string;
  clientSecret?: string | undefined;
  allowedDomains: string[];
  enabled: boolean;
  enforceSso?: boolean | undefined;
  provisionAgents?: boolean | undefined;
}

/** The connection as owners see it: never its secret. */
export const toConnection = (r: ConnectionRow, redirectUri: string): OidcConnection => ({
  slug: r.slug,
  issuer: r.issuer,
  clientId: r.client_id,
  allowedDomains: r.allowed_domains,
  enabled: r.enabled,
  enforceSso: r.enforce_sso,
  provisionAgents: r.provision_agents,
  redirectUri,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

const discoveryFailed = (reason: string) =>
  new ApiError(422, 'oidc_discovery_failed', `OpenID Connect discovery failed: ${reason}`, [
    { path: 'body.issuer', message: reason },
  ]);

/** An organization's OpenID Connect connection, as its owners manage it. */
export class ConnectionService {
  constructor(
    private readonly sql: Sql,
    private readonly box: SecretBox,
    private readonly allowPrivateIssuers: boolean,
  ) {}

  async find(organizationId: string): Promise<ConnectionRow | null> {
    const [row] = await this.sql<ConnectionRow[]>`
      select * from oidc_connections where ${inScope(this.sql, { organizationId })}`;
    return row ?? null;
  }

  async get(organizationId: string): Promise<ConnectionRow> {
    const row = await this.find(organizationId);
    if (!row) throw notFound('OIDC connection');
    return row;
  }

  /**
   * Creates or replaces the connection. The issuer's discovery is fetched first, with the
   * client's credentials, so a connection that is saved is one its issuer answers for.
   */
  async put(
    organizationId: string,
    input: ConnectionInput,
    audit: AuditContext,
  ): Promise<ConnectionRow> {
    const check = checkIssuer(input.issuer, this.allowPrivateIssuers);
    if (!check.ok)
      throw validation(check.message, [{ path: 'body.issuer', message: check.message }]);
    if (input.provisionAgents && input.allowedDomains.length === 0) {
      const message = 'Provisioning agents needs at least one allowed email domain';
      throw validation(message, [{ path: 'body.allowedDomains', message }]);
    }
    const existing = await this.find(organizationId);
    let clientSecret = input.clientSecret;
    if (clientSecret === undefined) {
      if (!existing) {
        const message = 'A new connection needs its client secret';
        throw validation(message, [{ path: 'body.clientSecret', message }]);
      }
      clientSecret = (await this.box.open(existing.client_secret_sealed, organizationId)) ?? '';
      if (!clientSecret) {
        const message =
          'The stored client secret cannot be read any more (was JWT_SECRET changed?); enter it again';
        throw validation(message, [{ path: 'body.clientSecret', message }]);
      }
    }
    let issuer: string;
    try {
      const config = await discover({ issuer: check.url, clientId: input.clientId, clientSecret });
      issuer = config.serverMetadata().issuer;
    } catch (error) {
      throw discoveryFailed(discoveryFailure(error));
    }
    const sealed = await this.box.seal(clientSecret, organizationId);
    const domains = input.allowedDomains;
    try {
      return await this.sql.begin(async (tx) => {
        const [row] = await tx<ConnectionRow[]>`
        insert into oidc_connections (organization_id, slug, issuer, client_id, client_secret_sealed,
          allowed_domains, enabled, enforce_sso, provision_agents)
        values (${organizationId}, ${input.slug}, ${issuer}, ${input.clientId}, ${sealed},
          ${domains}, ${input.enabled}, ${input.enforceSso ?? false}, ${input.provisionAgents ?? false})
        on conflict (organization_id) do update set
          slug = excluded.slug, issuer = excluded.issuer, client_id = excluded.client_id,
          client_secret_sealed = excluded.client_secret_sealed,
          allowed_domains = excluded.allowed_domains, enabled = excluded.enabled,
          enforce_sso = excluded.enforce_sso, provision_agents = excluded.provision_agents,
          updated_at = now()
        returning *`;
        if (!row) throw new Error('oidc connection upsert returned no row');
        await recordAudit(tx, {
          ...audit,
          organizationId,
          action: existing ? 'sso.connection_updated' : 'sso.connection_created',
          target: { type: 'oidc_connection', id: organizationId },
          details: {
            issuer: row.issuer,
            enabled: row.enabled,
            enforceSso: row.enforce_sso,
            provisionAgents: row.provision_agents,
            clientReplaced: input.clientSecret !== undefined,
          },
        });
        return row;
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('Another organization already uses this slug');
      throw e;
    }
  }

  async remove(organizationId: string, audit: AuditContext): Promise<void> {
    await this.sql.begin(async (tx) => {
      const rows = await tx`
        delete from oidc_connections where ${inScope(tx, { organizationId })} returning slug`;
      if (rows.length === 0) throw notFound('OIDC connection');
      await recordAudit(tx, {
        ...audit,
        organizationId,
        action: 'sso.connection_deleted',
        target: { type: 'oidc_connection', id: organizationId },
      });
    });
  }
}
