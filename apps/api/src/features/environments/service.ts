import { announceRevoked, type Bus } from '@flc/core';
import type { WidgetSettingsPatch } from '@flc/protocol/resources';
import type { Sql } from '@flc/storage/postgres';
import { inScope } from '@flc/storage/postgres';
import { notFound } from '../../lib/errors.ts';
import { decodeCursor, toPage } from '../../lib/pagination.ts';
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
    private readonly bus: Pick<Bus, 'signal'>,
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
    organizationId: string,
    input: { name: string; allowedOrigins?: string[]; widgetSettings?: WidgetSettingsPatch },
  ) {
    const origins = normalizeOrigins(input.allowedOrigins ?? []);
    const [row] = await this.sql<EnvironmentRow[]>`
      insert into environments
        (id, organization_id, name, plugin_key, identity_secret, allowed_origins, widget_settings)
      values (${newId()}, ${organizationId}, ${input.name}, ${newPluginKey()},
              ${newIdentitySecret()}, ${this.sql.array(origins)}::text[],
              jsonb_strip_nulls(${this.sql.json(input.widgetSettings ?? {})}))
      returning ${this.columns}`;
    if (!row) throw new Error('insert into environments returned no row');
    // The creator gets the secret in this answer; later reads show only its hint.
    return withSecret(row);
  }

  async update(
    organizationId: string,
    id: string,
    patch: {
      name?: string | undefined;
      allowedOrigins?: string[] | undefined;
      widgetSettings?: WidgetSettingsPatch | undefined;
    },
  ) {
    const origins = patch.allowedOrigins && normalizeOrigins(patch.allowedOrigins);
    const [row] = await this.sql<EnvironmentRow[]>`
      update environments set
        name = coalesce(${patch.name ?? null}, name),
        allowed_origins = coalesce(${origins ? this.sql.array(origins) : null}::text[], allowed_origins),
        -- Settings change field by field; a null puts its field back to the default.
        widget_settings = jsonb_strip_nulls(
          widget_settings || ${this.sql.json(patch.widgetSettings ?? {})}),
        updated_at = now()
      where id = ${id} and ${inScope(this.sql, { organizationId })}
      returning ${this.columns}`;
    if (!row) throw notFound('Environment');
    return toEnvironment(row);
  }

  /**
   * Cascades to the environment's API keys, webhooks and contacts: their credentials die with
   * it, and its visitors' open sockets are closed on every node.
   */
  async remove(organizationId: string, id: string) {
    const rows = await this.sql`
      delete from environments where id = ${id} and ${inScope(this.sql, { organizationId })}
      returning id`;
    if (rows.length === 0) throw notFound('Environment');
    await announceRevoked(this.bus, { environmentId: id });
  }

  /** The old key stops matching at once: widgets booted with it keep their session tokens only. */
  async rotatePluginKey(organizationId: string, id: string) {
    return toEnvironment(await this.rotate(organizationId, id, 'plugin_key', newPluginKey()));
  }

  /** The new secret is in the answer: the caller puts it on its server right away. */
  async rotateIdentitySecret(organizationId: string, id: string) {
    return withSecret(
      await this.rotate(organizationId, id, 'identity_secret', newIdentitySecret()),
    );
  }

  /** The secret on demand, kept out of routine reads (lists, caches, screenshots). */
  async revealIdentitySecret(organizationId: string, id: string) {
    const [row] = await this.sql<{ identity_secret: string }[]>`
      select identity_secret from environments
      where id = ${id} and ${inScope(this.sql, { organizationId })}`;
    if (!row) throw notFound('Environment');
    return { identitySecret: row.identity_secret };
  }

  private async rotate(
    organizationId: string,
    id: string,
    column: 'plugin_key' | 'identity_secret',
    value: string,
  ) {
    const [row] = await this.sql<EnvironmentRow[]>`
      update environments set ${this.sql(column)} = ${value}, updated_at = now()
      where id = ${id} and ${inScope(this.sql, { organizationId })}
      returning ${this.columns}`;
    if (!row) throw notFound('Environment');
    return row;
  }
}
