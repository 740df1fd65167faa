import {
  ConflictError,
  type ConversationLabeling,
  type LabelRow,
  NotFoundError,
  type Scope,
} from '@flc/core';
import { PostgresConversationStore } from './conversation-store.ts';
import type { Queryable } from './database.ts';
import { inScope } from './scope.ts';
import { isUuid } from './uuid.ts';

export const labelColumns = 'id, organization_id, name, color, description, created_at, updated_at';

/** What carries labels: a join table of `labels` and the column of its other side. */
export type LabelledKind = 'conversation' | 'contact';

const links = {
  conversation: { table: 'conversation_labels', key: 'conversation_id' },
  contact: { table: 'contact_labels', key: 'contact_id' },
} as const;

/**
 * Puts a label of the scope's organization on a conversation in scope (`on`), or takes it off.
 * Run it in a transaction: the conversation's row is locked first (against writes of its own
 * columns only, so messages keep coming), which makes the count of its labels exact when two
 * agents label it at once. A change moves `updated_at`.
 */
export async function labelConversation(
  tx: Queryable,
  scope: Scope,
  id: string,
  labelId: string,
  on: boolean,
  max: number,
): Promise<ConversationLabeling> {
  if (!isUuid(id)) throw new NotFoundError('Conversation');
  const [conversation] = await tx`
    select c.id from conversations c where c.id = ${id} and ${inScope(tx, scope, 'c')}
    for no key update of c`;
  if (!conversation) throw new NotFoundError('Conversation');
  const label = await findLabel(tx, scope.organizationId, labelId);
  if (!label) throw new NotFoundError('Label');
  const changed = await linkLabel(tx, 'conversation', id, label, on, max);
  if (changed) await tx`update conversations set updated_at = now() where id = ${id}`;
  const row = await new PostgresConversationStore(tx).get(scope, id);
  return { row, label, changed };
}

/**
 * Links a label to a conversation or a contact (`on`), or unlinks it; answers whether that
 * changed anything. The caller has locked the other side's row in this transaction and checked
 * it is in scope, and `label` is of its organization (the join tables' foreign key refuses any
 * other). Linking past `max` labels is a ConflictError; one linked already is no change.
 */
export async function linkLabel(
  tx: Queryable,
  kind: LabelledKind,
  id: string,
  label: LabelRow,
  on: boolean,
  max: number,
): Promise<boolean> {
  const table = tx.unsafe(links[kind].table);
  const key = tx.unsafe(links[kind].key);
  if (!on) {
    const gone = await tx`delete from ${table} where ${key} = ${id} and label_id = ${label.id}
                          returning label_id`;
    return gone.length > 0;
  }
  // A statement of its own, after the lock: under READ COMMITTED it sees what the lock waited for.
  const [held] = await tx<{ labels: number; present: boolean }[]>`
    select count(*)::int as labels, coalesce(bool_or(label_id = ${label.id}), false) as present
    from ${table} where ${key} = ${id}`;
  if (held?.present) return false;
  if ((held?.labels ?? 0) >= max) {
    throw new ConflictError(`A ${kind} carries at most ${max} labels; take one off first`);
  }
  await tx`insert into ${table} (${key}, label_id, organization_id)
           values (${id}, ${label.id}, ${label.organization_id})`;
  return true;
}

/** The organization's label with this id, if it has one (also for ids that are no UUID). */
export async function findLabel(
  sql: Queryable,
  organizationId: string,
  labelId: string,
): Promise<LabelRow | undefined> {
  if (!isUuid(labelId)) return undefined;
  const [row] = await sql<LabelRow[]>`
    select ${sql.unsafe(labelColumns)} from labels
    where id = ${labelId} and ${inScope(sql, { organizationId })}`;
  return row;
}
