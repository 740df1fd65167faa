import {
  formatVariables,
  templateVariables,
  unknownVariables,
} from '@flc/protocol/canned-templates';
import type {
  CannedResponseCreate,
  CannedResponsePatch,
  CannedResponseScope,
} from '@flc/protocol/resources';
import type { AuditContext, JsonValue, Sql, TransactionSql } from '@flc/storage/postgres';
import { inScope, isUniqueViolation, recordAudit } from '@flc/storage/postgres';
import { conflict, forbidden, notFound, validation } from '../../lib/errors.ts';
import { containsPattern } from '../../lib/like.ts';
import { toPage } from '../../lib/pagination.ts';
import { newId } from '../../lib/secrets.ts';
import type { InboxActor } from '../../plugins/inbox-auth.ts';
import {
  type CannedResponseRow,
  type CannedResponsesQuery,
  cannedResponseColumns,
  decodeShortcutCursor,
  shortcutKey,
  toCannedResponse,
} from './model.ts';

/** A body whose `{{…}}` are all variables, or a 422 that lists the others. */
function checkVariables(body: string | undefined): void {
  const unknown = body === undefined ? [] : unknownVariables(body);
  if (unknown.length === 0) return;
  const message = `Unknown variables: ${formatVariables(unknown)}. Use ${formatVariables(templateVariables)}`;
  throw validation(message, [{ path: 'body.body', message }]);
}

/** Owners, admins and API keys manage the organization-wide responses; agents only read them. */
function assertMayManage(actor: InboxActor, row: { agent_id: string | null }): void {
  if (row.agent_id !== null) return; // personal: only its own agent ever reaches it
  if (actor.type === 'agent' && actor.role !== 'owner' && actor.role !== 'admin') {
    throw forbidden('Only owners and admins manage organization-wide canned responses');
  }
}

/**
 * What the audit log keeps: an organization-wide response by its shortcut and title; of a
 * personal one, which only its agent may read, only that it was one.
 */
function record(
  tx: TransactionSql,
  audit: AuditContext,
  organizationId: string,
  row: CannedResponseRow,
  action: string,
  details: Record<string, JsonValue> = {},
) {
  const about: Record<string, JsonValue> =
    row.agent_id === null
      ? { scope: 'organization', shortcut: row.shortcut, title: row.title, ...details }
      : { scope: 'personal' };
  return recordAudit(tx, {
    ...audit,
    organizationId,
    action,
    target: { type: 'canned_response', id: row.id },
    details: about,
  });
}

/**
 * Canned responses of an organization: the organization-wide ones, which every agent and the
 * organization's API keys see, and each agent's personal ones, which only that agent sees (to
 * anyone else they do not exist: 404).
 */
export class CannedResponseService {
  constructor(private readonly sql: Sql) {}

  /** The rows the actor reaches: its organization's, and of the personal ones only its own. */
  private visible(sql: Sql | TransactionSql, actor: InboxActor) {
    const mine = actor.type === 'agent' ? sql`agent_id = ${actor.id}` : sql`false`;
    return sql`${inScope(sql, { organizationId: actor.organizationId })}
      and (agent_id is null or ${mine})`;
  }

  async list(actor: InboxActor, query: CannedResponsesQuery) {
    const sql = this.sql;
    const limit = query.limit ?? 20;
    const after = decodeShortcutCursor(query.cursor);
    const key = sql`lower(shortcut) collate "C"`;
    const rows = await sql<CannedResponseRow[]>`
      select ${sql.unsafe(cannedResponseColumns)} from canned_responses
      where ${this.visible(sql, actor)}
        ${query.scope === 'organization' ? sql`and agent_id is null` : sql``}
        ${query.scope === 'personal' ? sql`and agent_id is not null` : sql``}
        ${
          query.q
            ? sql`and (shortcut ilike ${containsPattern(query.q)} or title ilike ${containsPattern(query.q)})`
            : sql``
        }
        ${after ? sql`and (${key}, id) > (${after.shortcut}::text collate "C", ${after.id}::uuid)` : sql``}
      order by ${key}, id limit ${limit + 1}`;
    return toPage(rows, limit, toCannedResponse, shortcutKey);
  }

  async get(actor: InboxActor, id: string) {
    const [row] = await this.sql<CannedResponseRow[]>`
      select ${this.sql.unsafe(cannedResponseColumns)} from canned_responses
      where id = ${id} and ${this.visible(this.sql, actor)}`;
    if (!row) throw notFound('Canned response');
    return toCannedResponse(row);
  }

  async create(actor: InboxActor, audit: AuditContext, input: CannedResponseCreate) {
    if (input.scope === 'personal' && actor.type !== 'agent') {
      throw forbidden('An API key manages organization-wide canned responses only');
    }
    const agentId = input.scope === 'personal' ? actor.id : null;
    assertMayManage(actor, { agent_id: agentId });
    checkVariables(input.body);
    const author = actor.type === 'agent' ? 'agent' : 'api_key';
    const row = await this.unique(
      input.shortcut,
      () => input.scope,
      () =>
        this.sql.begin(async (tx) => {
          const [row] = await tx<CannedResponseRow[]>`
          insert into canned_responses (id, organization_id, agent_id, shortcut, title, body,
            author_kind, author_id, author_name)
          values (${newId()}, ${actor.organizationId}, ${agentId}, ${input.shortcut},
            ${input.title}, ${input.body}, ${author}, ${actor.id}, ${(actor.name ?? '').slice(0, 200)})
          returning ${tx.unsafe(cannedResponseColumns)}`;
          if (!row) throw new Error('insert into canned_responses returned no row');
          await record(tx, audit, actor.organizationId, row, 'canned_response.created');
          return row;
        }),
    );
    return toCannedResponse(row);
  }

  async update(actor: InboxActor, audit: AuditContext, id: string, patch: CannedResponsePatch) {
    checkVariables(patch.body);
    let scope: CannedResponseScope = 'organization';
    const row = await this.unique(
      patch.shortcut,
      () => scope,
      () =>
        this.sql.begin(async (tx) => {
          const [before] = await tx<CannedResponseRow[]>`
          select ${tx.unsafe(cannedResponseColumns)} from canned_responses
          where id = ${id} and ${this.visible(tx, actor)}
          for update`;
          if (!before) throw notFound('Canned response');
          assertMayManage(actor, before);
          scope = before.agent_id === null ? 'organization' : 'personal';
          const [row] = await tx<CannedResponseRow[]>`
          update canned_responses set
            shortcut = coalesce(${patch.shortcut ?? null}, shortcut),
            title = coalesce(${patch.title ?? null}, title),
            body = coalesce(${patch.body ?? null}, body),
            updated_at = now()
          where id = ${id}
          returning ${tx.unsafe(cannedResponseColumns)}`;
          if (!row) throw notFound('Canned response');
          const changed = (['shortcut', 'title', 'body'] as const).filter(
            (field) => before[field] !== row[field],
          );
          if (changed.length > 0) {
            const details: Record<string, JsonValue> = { changed };
            if (changed.includes('shortcut')) details.previousShortcut = before.shortcut;
            await record(tx, audit, actor.organizationId, row, 'canned_response.updated', details);
          }
          return row;
        }),
    );
    return toCannedResponse(row);
  }

  async remove(actor: InboxActor, audit: AuditContext, id: string) {
    await this.sql.begin(async (tx) => {
      const [row] = await tx<CannedResponseRow[]>`
        select ${tx.unsafe(cannedResponseColumns)} from canned_responses
        where id = ${id} and ${this.visible(tx, actor)}
        for update`;
      if (!row) throw notFound('Canned response');
      assertMayManage(actor, row);
      await tx`delete from canned_responses where id = ${id}`;
      await record(tx, audit, actor.organizationId, row, 'canned_response.deleted');
    });
  }

  /** A write whose shortcut another response of the same scope holds already: 409. */
  private async unique<T>(
    shortcut: string | undefined,
    scope: () => CannedResponseScope,
    write: () => Promise<T>,
  ): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const among =
        scope() === 'personal' ? 'your personal responses' : 'the organization-wide responses';
      throw conflict(`The shortcut /${shortcut} is taken among ${among} (ignoring case)`);
    }
  }
}
