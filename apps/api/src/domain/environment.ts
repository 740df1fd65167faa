import type { Sql } from '@flc/storage/postgres';
import { notFound } from '../lib/errors.ts';

/** Resources nested under an environment first check it is the organization's: else 404. */
export async function requireEnvironment(sql: Sql, organizationId: string, environmentId: string) {
  const [row] = await sql`
    select 1 from environments where id = ${environmentId} and organization_id = ${organizationId}`;
  if (!row) throw notFound('Environment');
}
