import type { Scope } from '@flc/core';
import type { Queryable } from './database.ts';

/**
 * The one tenancy filter of every query on tenant rows: `organization_id`, narrowed to an
 * environment (API keys) or a contact (visitors) when the scope says so. `alias` names the
 * table when the query joins several. A row outside the scope is never read or written, and the
 * caller answers as if it did not exist.
 */
export function inScope(sql: Queryable, scope: Scope, alias?: 'c' | 'k' | 'w' | 'e' | 'a') {
  const column = (name: string) => sql.unsafe(alias ? `${alias}.${name}` : name);
  return sql`${column('organization_id')} = ${scope.organizationId}
    ${scope.environmentId ? sql`and ${column('environment_id')} = ${scope.environmentId}` : sql``}
    ${scope.contactId ? sql`and ${column('contact_id')} = ${scope.contactId}` : sql``}`;
}
