import { jwt } from '@elysiajs/jwt';
import { verifyPlatformToken } from '@flc/core';
import { Elysia } from 'elysia';
import type { ApiDeps } from '../../deps.ts';
import { unauthorized } from '../../lib/errors.ts';
import { requestOrigin } from '../../plugins/audit-context.ts';
import { bearer } from '../../plugins/auth.ts';
import type { OperatorContext } from './events.ts';

/** The `typ` of an operator's access token: `checkPrincipal` refuses it on every other route. */
export const OPERATOR = 'operator';

/** Signs operator access tokens (`FLC_OPERATOR_TOKEN_TTL`). */
export const operatorTokens = (deps: Pick<ApiDeps, 'config' | 'jwtSecret'>) =>
  jwt({ name: 'operatorJwt', secret: deps.jwtSecret, exp: `${deps.config.operatorTokenTtl}s` });

/** Security requirement of every route an operator token opens, for the OpenAPI document. */
export const operatorSecurity = [{ operatorBearer: [] }];

interface Row {
  id: string;
  email: string;
  disabled_at: Date | null;
  revoked_ms: number | null;
}

/**
 * Checks a Bearer operator token: signed here, `typ: "operator"` (an agent's or a visitor's token
 * is refused), and its operator read back on every request, so a disabled operator or one reset
 * with the CLI (`sessions_revoked_at`) is refused at once.
 */
export async function authenticateOperator(
  deps: Pick<ApiDeps, 'db' | 'jwtSecret'>,
  authorization: string | undefined,
): Promise<{ id: string; email: string }> {
  const token = bearer(authorization);
  if (!token) throw unauthorized('Missing Bearer operator token');
  const claims = verifyPlatformToken(deps.jwtSecret, token);
  const id = claims?.sub;
  if (claims?.typ !== OPERATOR || typeof id !== 'string' || typeof claims.iam !== 'number') {
    throw unauthorized('Invalid or expired operator token');
  }
  const [row] = /^[0-9a-f-]{36}$/i.test(id)
    ? await deps.db.sql<Row[]>`
        select id, email, disabled_at,
          (extract(epoch from sessions_revoked_at) * 1000)::float8 as revoked_ms
        from operators where id = ${id}`
    : [];
  if (!row || row.disabled_at || (row.revoked_ms !== null && claims.iam < row.revoked_ms)) {
    throw unauthorized('This operator session has ended; sign in again');
  }
  return { id: row.id, email: row.email };
}

/** Resolves `operator` and `context` (who and from where, for the operators' log). */
export const operatorAuth = (deps: ApiDeps) =>
  new Elysia({ name: 'flc/operator-auth', seed: deps.config }).derive(
    { as: 'scoped' },
    async ({ headers, request, server }) => {
      const operator = await authenticateOperator(deps, headers.authorization);
      const context: OperatorContext = {
        operator,
        origin: requestOrigin(request, server, deps.config.trustProxy),
      };
      return { operator, context };
    },
  );
