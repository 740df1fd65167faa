import { announceRevoked, type Bus } from '@flc/core';
import type { WidgetLanguage } from '@flc/protocol';
import type { WidgetSettingsPatch } from '@flc/protocol/resources';
import type { AuditContext, JsonValue, Sql, TransactionSql } from '@flc/storage/postgres';
import { inScope, recordAudit } from '@flc/storage/postgres';
import { type ErasureStores, eraseConversations } from '../../domain/erasure.ts';
import { notFound } from '../../lib/errors.ts';
import { decodeCursor, toPage } from '../../lib/pagination.ts';
import type { PlanGuard } from '../../lib/plan-guard.ts';
import { newId, randomToken } from '../../lib/secrets.ts';
import { type EnvironmentRow, environmentColumns, toEnvironment, withSecret } from './model.ts';
import { normalizeOrigins } from './origins.ts';

const newPluginKey = () => randomToken('flc_pk_');
const newIdentitySecret = () =>
  Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('hex');

/** Every query is scoped by organization: another tenant's id reads as unknown (404). */
export class EnvironmentService {
  constructor(
    private readonly sql: Sql,
    private readonly stores: ErasureStores & {
      bus: Pick<Bus, 'signal' | 'erase'>;
      /** The tenant's plan: its `environments` limit holds where one is created. */
      plans: PlanGuard;
    },
  ) {}

  private get columns() {
    return this.sql.unsafe(environmentColumns);
  }

  async list(organizationId: string, limit: number, cursor: string | undefined) {
    const after = decodeCursor(cursor);
    const rows = await this.sql<EnvironmentRow[]>`
      select ${this.columns} from environments
      where ${inScope(this.sql, { organizationId })} ${after ? this.sql`and id > ${after}` : this.sql``}
      order by id limit ${limit + 1}`;
    return toPage(rows, limit, toEnvironment);
  }

  async get(organizationId: string, id: string) {
    const [row] = await this.sql<EnvironmentRow[]>`
      select ${this.columns} from environments
      where id = ${id} and ${inScope(this.sql, { organizationId })}`;
    if (!row) throw notFound('Environment');
    return toEnvironment(row);
  }

  async create(
    audit: AuditContext,
    organizationId: string,
    input: {
      name: string;
      allowedOrigins?: string[];
      widgetSettings?: WidgetSettingsPatch;
      widgetLanguage?: WidgetLanguage;
    },
  ) {
    const origins = normalizeOrigins(input.allowedOrigins ?? []);
    const room = await this.stores.plans.room(organizationId, 'environments');
    const row = await this.sql.begin(async (tx) => {
      await room(tx);
      const [row] = await tx<EnvironmentRow[]>`
        insert into environments
          (id, organization_id, name, plugin_key, identity_secret, allowed_origins, widget_settings,
           widget_language)
        values (${newId()}, ${organizationId}, ${input.name}, ${newPluginKey()},
                ${newIdentitySecret()}, ${tx.array(origins)}::text[],
                jsonb_strip_nulls(${tx.json(input.widgetSettings ?? {})}),
                ${input.widgetLanguage ?? 'auto'})
        returning ${tx.unsafe(environmentColumns)}`;
      if (!row) throw new Error('insert into environments returned no row');
      await this.record(tx, audit, organizationId, row, 'environment.created', {
        allowedOrigins: origins,
      });
      return row;
    });
    // The creator gets the secret in this answer; later reads show only its hint.
    return withSecret(row);
  }

  async update(
    audit: AuditContext,
    organizationId: string,
    id: string,
    patch: {
      name?: string | undefined;
      allowedOrigins?: string[] | undefined;
      widgetSettings?: WidgetSettingsPatch | undefined;
      widgetLanguage?: WidgetLanguage | undefined;
    },
  ) {
    const origins = patch.allowedOrigins && normalizeOrigins(patch.allowedOrigins);
    const row = await this.sql.begin(async (tx) => {
      const [before] = await tx<{ allowed_origins: string[] }[]>`
        select allowed_origins from environments
        where id = ${id} and ${inScope(tx, { organizationId })} for update`;
      if (!before) throw notFound('Environment');
      const [row] = await tx<EnvironmentRow[]>`
        update environments set
          name = coalesce(${patch.name ?? null}, name),
          allowed_origins = coalesce(${origins ? tx.array(origins) : null}::text[], allowed_origins),
          -- Settings change field by field; a null puts its field back to the default.
          widget_settings = jsonb_strip_nulls(
            widget_settings || ${tx.json(patch.widgetSettings ?? {})}),
          widget_language = coalesce(${patch.widgetLanguage ?? null}, widget_language),
          updated_at = now()
        where id = ${id} and ${inScope(tx, { organizationId })}
        returning ${tx.unsafe(environmentColumns)}`;
      if (!row) throw notFound('Environment');
      // Which sites may boot the widget is security; a name or a color is not.
      if (before.allowed_origins.join('\n') !== row.allowed_origins.join('\n')) {
        await this.record(tx, audit, organizationId, row, 'environment.origins_changed', {
          allowedOrigins: { before: before.allowed_origins, after: row.allowed_origins },
        });
      }
      return row;
    });
    return toEnvironment(row);
  }

  /**
   * Cascades to the environment's API keys, webhooks, contacts and conversations: their
   * credentials die with it, its visitors' open sockets are closed on every node, and its
   * messages are erased from the message store and the streams too.
   */
  async remove(audit: AuditContext, organizationId: string, id: string) {
    const conversationIds = await this.sql.begin(async (tx) => {
      const conversations = await tx<{ id: string }[]>`
        select id from conversations
        where environment_id = ${id} and organization_id = ${organizationId}`;
      const [row] = await tx<EnvironmentRow[]>`
        delete from environments where id = ${id} and ${inScope(tx, { organizationId })}
        returning ${tx.unsafe(environmentColumns)}`;
      if (!row) throw notFound('Environment');
      await this.record(tx, audit, organizationId, row, 'environment.deleted');
      return conversations.map((c) => c.id);
    });
    await announceRevoked(this.stores.bus, { environmentId: id });
    await eraseConversations(this.stores, organizationId, conversationIds);
  }

  /** The old key stops matching at once: widgets booted with it keep their session tokens only. */
  async rotatePluginKey(audit: AuditContext, organizationId: string, id: string) {
    return toEnvironment(
      await this.rotate(audit, organizationId, id, 'plugin_key', newPluginKey()),
    );
  }

  /** The new secret is in the answer: the caller puts it on its server right away. */
  async rotateIdentitySecret(audit: AuditContext, organizationId: string, id: string) {
    return withSecret(
      await this.rotate(audit, organizationId, id, 'identity_secret', newIdentitySecret()),
    );
  }

  /** The secret on demand, kept out of routine reads (lists, caches, screenshots). */
  async revealIdentitySecret(audit: AuditContext, organizationId: string, id: string) {
    return this.sql.begin(async (tx) => {
      const [row] = await tx<EnvironmentRow[]>`
        select ${tx.unsafe(environmentColumns)} from environments
        where id = ${id} and ${inScope(tx, { organizationId })}`;
      if (!row) throw notFound('Environment');
      // Who has seen the secret is what an owner asks after a leak.
      await this.record(tx, audit, organizationId, row, 'environment.identity_secret_revealed');
      return { identitySecret: row.identity_secret };
    });
  }

  private async rotate(
    audit: AuditContext,
    organizationId: string,
    id: string,
    column: 'plugin_key' | 'identity_secret',
    value: string,
  ) {
    return this.sql.begin(async (tx) => {
      const [row] = await tx<EnvironmentRow[]>`
        update environments set ${tx(column)} = ${value}, updated_at = now()
        where id = ${id} and ${inScope(tx, { organizationId })}
        returning ${tx.unsafe(environmentColumns)}`;
      if (!row) throw notFound('Environment');
      const action =
        column === 'plugin_key'
          ? 'environment.plugin_key_rotated'
          : 'environment.identity_secret_rotated';
      await this.record(tx, audit, organizationId, row, action);
      return row;
    });
  }

  private record(
    tx: TransactionSql,
    audit: AuditContext,
    organizationId: string,
    env: EnvironmentRow,
    action: string,
    details: Record<string, JsonValue> = {},
  ) {
    return recordAudit(tx, {
      ...audit,
      organizationId,
      action,
      target: { type: 'environment', id: env.id },
      details: { name: env.name, ...details },
    });
  }
}
