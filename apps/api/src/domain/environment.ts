import { inScope, type Sql } from '@flc/storage/postgres';
import { forbidden, notFound } from '../lib/errors.ts';

/** Resources nested under an environment first check it is the organization's: else 404. */
export async function requireEnvironment(sql: Sql, organizationId: string, environmentId: string) {
  const [row] = await sql`
    select 1 from environments where id = ${environmentId} and ${inScope(sql, { organizationId })}`;
  if (!row) throw notFound('Environment');
}

/**
 * The widget may run only on the environment's `allowedOrigins` when that list is set. Browsers
 * always send `Origin` on the cross-site calls the widget makes, so `required` refuses a missing
 * one at boot; later calls carry a token issued to an allowed origin and are checked only when a
 * browser names its origin (same-origin GETs, e.g. the demo page, send none).
 */
export function requireAllowedOrigin(
  allowed: string[],
  origin: string | undefined,
  required: boolean,
): void {
  if (allowed.length === 0) return;
  if (origin === undefined ? required : !allowed.includes(origin)) {
    throw forbidden(`This site (${origin ?? 'no Origin header'}) may not use this widget`);
  }
}
