import { type LabelRow, toLabel } from '@flc/core';
import {
  type Label,
  type LabelCreate,
  type LabelPatch,
  labelLimits,
} from '@flc/protocol/resources';
import {
  type AuditContext,
  findLabel,
  type JsonValue,
  labelColumns,
  recordAudit,
  type Sql,
} from '@flc/storage/postgres';
import { conflict, notFound } from '../../lib/errors.ts';
import { uniqueName } from '../../lib/unique-name.ts';

/** 409 for a name in use, whatever its case. */
const uniqueLabelName = <T>(name: string | undefined, write: () => Promise<T>) =>
  uniqueName('labels_organization_name_key', 'label', name, write);

/**
 * The organization's labels. Every agent and API key reads them; owners and admins change them
 * (the routes check), each change in the audit log in its own transaction. Colors are stored
 * lower case, so one color has one spelling.
 */
export class LabelService {
  constructor(private readonly sql: Sql) {}

  private get columns() {
    return this.sql.unsafe(labelColumns);
  }

  async list(organizationId: string): Promise<{ items: Label[] }> {
    const rows = await this.sql<LabelRow[]>`
      select ${this.columns} from labels where organization_id = ${organizationId}
      order by lower(name), id`;
    return { items: rows.map(toLabel) };
  }

  async get(organizationId: string, id: string): Promise<Label> {
    const row = await findLabel(this.sql, organizationId, id);
    if (!row) throw notFound('Label');
    return toLabel(row);
  }

  async create(audit: AuditContext, organizationId: string, input: LabelCreate): Promise<Label> {
    const row = await uniqueLabelName(input.name, () =>
      this.sql.begin(async (tx) => {
        // Creations of one organization take turns, so the count below is exact.
        await tx`select 1 from organizations where id = ${organizationId} for no key update`;
        const [held] = await tx<{ n: number }[]>`
          select count(*)::int as n from labels where organization_id = ${organizationId}`;
        if ((held?.n ?? 0) >= labelLimits.perOrganization) {
          throw conflict(
            `An organization has at most ${labelLimits.perOrganization} labels; delete one first`,
          );
        }
        const [row] = await tx<LabelRow[]>`
          insert into labels (id, organization_id, name, color, description)
          values (${Bun.randomUUIDv7()}, ${organizationId}, ${input.name},
                  ${input.color.toLowerCase()}, ${input.description ?? null})
          returning ${tx.unsafe(labelColumns)}`;
        if (!row) throw new Error('insert into labels returned no row');
        await recordAudit(tx, {
          ...audit,
          organizationId,
          action: 'label.created',
          target: { type: 'label', id: row.id },
          details: { name: row.name, color: row.color },
        });
        return row;
      }),
    );
    return toLabel(row as LabelRow);
  }

  /** A patch that changes nothing answers the label as it is, and records nothing. */
  async update(audit: AuditContext, organizationId: string, id: string, patch: LabelPatch) {
    const row = await uniqueLabelName(patch.name, () =>
      this.sql.begin(async (tx) => {
        const [before] = await tx<LabelRow[]>`
          select ${tx.unsafe(labelColumns)} from labels
          where id = ${id} and organization_id = ${organizationId} for update`;
        if (!before) throw notFound('Label');
        const after = {
          name: patch.name ?? before.name,
          color: patch.color?.toLowerCase() ?? before.color,
          description: patch.description === undefined ? before.description : patch.description,
        };
        // What changed, for the log: the name it had, the colors, whether it was described anew
        // (not the text itself: the log keeps small facts).
        const changes: Record<string, JsonValue> = {};
        if (after.name !== before.name) changes.previousName = before.name;
        if (after.color !== before.color) {
          changes.color = { before: before.color, after: after.color };
        }
        if (after.description !== before.description) changes.descriptionChanged = true;
        if (Object.keys(changes).length === 0) return before;
        const [row] = await tx<LabelRow[]>`
          update labels set name = ${after.name}, color = ${after.color},
            description = ${after.description}, updated_at = now()
          where id = ${id}
          returning ${tx.unsafe(labelColumns)}`;
        await recordAudit(tx, {
          ...audit,
          organizationId,
          action: 'label.updated',
          target: { type: 'label', id },
          details: { name: after.name, ...changes },
        });
        return row;
      }),
    );
    return toLabel(row as LabelRow);
  }

  /** Takes the label off every conversation and contact (the database's cascade) as it goes. */
  async delete(audit: AuditContext, organizationId: string, id: string): Promise<void> {
    await this.sql.begin(async (tx) => {
      const [gone] = await tx<{ name: string; conversations: number; contacts: number }[]>`
        with gone as (
          delete from labels where id = ${id} and organization_id = ${organizationId}
          returning id, name
        )
        select gone.name,
          (select count(*)::int from conversation_labels where label_id = gone.id) as conversations,
          (select count(*)::int from contact_labels where label_id = gone.id) as contacts
        from gone`;
      if (!gone) throw notFound('Label');
      await recordAudit(tx, {
        ...audit,
        organizationId,
        action: 'label.deleted',
        target: { type: 'label', id },
        details: { name: gone.name, conversations: gone.conversations, contacts: gone.contacts },
      });
    });
  }
}
