import { announceRevoked, type Bus, type MessageStore, type ProcessRegistry } from '@flc/core';
import type { Tenant, TenantDetail } from '@flc/protocol/resources';
import { recordAudit, type Sql } from '@flc/storage/postgres';
import { conflict, notFound } from '../../lib/errors.ts';
import { containsPattern } from '../../lib/like.ts';
import { decodeCursor } from '../../lib/pagination.ts';
import { type OperatorContext, operatorInTenantLog, recordOperatorEvent } from './events.ts';
import type { TenantsQuery } from './model.ts';
import { UsageService } from './usage.ts';

interface TenantRow {
  id: string;
  name: string;
  created_at: Date;
  suspended_at: Date | null;
  plan_id: string | null;
  agents: number;
  environments: number;
  storage_bytes: string | number;
}

/** A tenant with the counts kept in the database, each an index lookup of its own. */
const tenantSelect = (sql: Sql) => sql`
  select o.id, o.name, o.created_at, o.suspended_at, o.plan_id,
    (select count(*) from agents a
     where a.organization_id = o.id and a.status = 'active')::int as agents,
    (select count(*) from environments e where e.organization_id = o.id)::int as environments,
    coalesce((select u.bytes from attachment_usage u where u.organization_id = o.id), 0)
      as storage_bytes
  from organizations o`;

/** Processes report every 10 s: one silent for 30 s holds nobody any more. */
const VISITORS_FRESH_MS = 30_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 00:00 UTC of the first of this month. */
const monthStart = (now = new Date()) =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));

export interface TenantStores {
  sql: Sql;
  bus: Pick<Bus, 'signal'>;
  messageStore: Pick<MessageStore, 'countSince'>;
  processes: Pick<ProcessRegistry, 'visitors'>;
}

/**
 * The operators' view of the tenants (organizations) and their suspension. Reading a tenant is
 * read-only; suspending keeps every byte and refuses every credential of the tenant.
 */
export class TenantService {
  private readonly usage: UsageService;

  constructor(private readonly stores: TenantStores) {
    this.usage = new UsageService(stores.sql);
  }

  /**
   * Newest first. One SQL statement for the page and its counts, then one question to the
   * message store and one to the process reports for the whole page (no query per tenant).
   */
  async list(query: TenantsQuery) {
    const { sql } = this.stores;
    const limit = query.limit ?? 20;
    const after = decodeCursor(query.cursor);
    const q = query.q?.trim();
    const search = q
      ? UUID.test(q)
        ? sql`and o.id = ${q}`
        : sql`and (o.name ilike ${containsPattern(q)} or exists (
            select 1 from agents a where a.organization_id = o.id
              and a.email ilike ${containsPattern(q)}))`
      : sql``;
    const status =
      query.status === 'suspended'
        ? sql`and o.suspended_at is not null`
        : query.status === 'active'
          ? sql`and o.suspended_at is null`
          : sql``;
    // Ids are UUIDv7: newest first is by id, and the cursor is the last id.
    const rows = await sql<TenantRow[]>`
      ${tenantSelect(sql)}
      where true ${search} ${status} ${after ? sql`and o.id < ${after}` : sql``}
      order by o.id desc
      limit ${limit + 1}`;
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: await this.withFigures(page),
      nextCursor:
        rows.length > limit && last ? Buffer.from(last.id, 'utf8').toString('base64url') : null,
    };
  }

  async detail(id: string): Promise<TenantDetail> {
    const { sql } = this.stores;
    const row = await this.row(id);
    const [tenant] = await this.withFigures([row]);
    const [extra] = await sql<
      { reason: string | null; contacts: number; conversations: number; open: number }[]
    >`
      select o.suspended_reason as reason,
        (select count(*) from contacts c where c.organization_id = o.id)::int as contacts,
        (select count(*) from conversations c where c.organization_id = o.id)::int as conversations,
        (select count(*) from conversations c
         where c.organization_id = o.id and c.status <> 'closed')::int as open
      from organizations o where o.id = ${id}`;
    const owners = await sql<{ id: string; name: string; email: string; status: string }[]>`
      select id, name, email, status from agents
      where organization_id = ${id} and role = 'owner' order by id`;
    const environments = await sql<{ id: string; name: string; created_at: Date }[]>`
      select id, name, created_at from environments where organization_id = ${id} order by id`;
    if (!tenant || !extra) throw notFound('Tenant');
    return {
      tenant,
      suspendedReason: extra.reason,
      owners: owners.map((o) => ({ id: o.id, name: o.name, email: o.email, status: o.status })),
      environments: environments.map((e) => ({
        id: e.id,
        name: e.name,
        createdAt: e.created_at.toISOString(),
      })),
      counts: {
        contacts: extra.contacts,
        conversations: extra.conversations,
        openConversations: extra.open,
      },
      usageThisMonth: await this.usage.thisMonth(id),
    };
  }

  /**
   * Suspends the tenant: its agents' and visitors' tokens, its API keys and its widget are
   * refused from the next request, and its open sockets close on every node at once. Nothing
   * of its data is touched. 409 when it is suspended already.
   */
  async suspend(context: OperatorContext, id: string, reason: string): Promise<TenantDetail> {
    await this.stores.sql.begin(async (tx) => {
      const [row] = await tx<{ suspended_at: Date | null }[]>`
        select suspended_at from organizations where id = ${id} for update`;
      if (!row) throw notFound('Tenant');
      if (row.suspended_at) throw conflict('This tenant is suspended already');
      await tx`
        update organizations set suspended_at = now(), suspended_reason = ${reason}
        where id = ${id}`;
      await recordAudit(tx, {
        actor: operatorInTenantLog,
        origin: undefined,
        organizationId: id,
        action: 'organization.suspended',
        target: { type: 'organization', id },
        details: { reason },
      });
      await recordOperatorEvent(tx, context, 'tenant.suspended', id, { reason });
    });
    await announceRevoked(this.stores.bus, { organizationId: id });
    return this.detail(id);
  }

  /** Lifts a suspension: every credential that has not expired meanwhile works again. */
  async resume(context: OperatorContext, id: string): Promise<TenantDetail> {
    await this.stores.sql.begin(async (tx) => {
      const [row] = await tx<{ suspended_at: Date | null }[]>`
        select suspended_at from organizations where id = ${id} for update`;
      if (!row) throw notFound('Tenant');
      if (!row.suspended_at) throw conflict('This tenant is not suspended');
      await tx`
        update organizations set suspended_at = null, suspended_reason = null where id = ${id}`;
      await recordAudit(tx, {
        actor: operatorInTenantLog,
        origin: undefined,
        organizationId: id,
        action: 'organization.resumed',
        target: { type: 'organization', id },
      });
      await recordOperatorEvent(tx, context, 'tenant.resumed', id);
    });
    return this.detail(id);
  }

  private async row(id: string): Promise<TenantRow> {
    const { sql } = this.stores;
    const [row] = await sql<TenantRow[]>`${tenantSelect(sql)} where o.id = ${id}`;
    if (!row) throw notFound('Tenant');
    return row;
  }

  /** The figures kept beside the database: messages (maybe in MongoDB) and open sockets. */
  private async withFigures(rows: TenantRow[]): Promise<Tenant[]> {
    const ids = rows.map((r) => r.id);
    const [messages, visitors] = await Promise.all([
      this.stores.messageStore.countSince(ids, monthStart()),
      this.stores.processes.visitors(ids, new Date(Date.now() - VISITORS_FRESH_MS)),
    ]);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      status: r.suspended_at ? 'suspended' : 'active',
      createdAt: r.created_at.toISOString(),
      suspendedAt: r.suspended_at?.toISOString() ?? null,
      plan: r.plan_id,
      agents: r.agents,
      environments: r.environments,
      activeVisitors: visitors.get(r.id) ?? 0,
      messagesThisMonth: messages.get(r.id) ?? 0,
      storageBytes: Number(r.storage_bytes),
    }));
  }
}
