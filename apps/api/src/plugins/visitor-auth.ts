import { jwt } from '@elysiajs/jwt';
import type { Actor } from '@flc/core';
import { Elysia } from 'elysia';
import type { ApiDeps } from '../deps.ts';
import { requireAllowedOrigin } from '../domain/environment.ts';
import { unauthorized } from '../lib/errors.ts';
import { bearer } from './auth.ts';

export type VisitorActor = Extract<Actor, { type: 'visitor' }> & { environmentId: string };

/**
 * Signs and checks visitor session tokens: `{typ: 'visitor', sub: contactId, org, env}`. Same
 * secret as agent tokens; `typ` keeps one kind from passing for the other.
 */
export const visitorTokens = (deps: Pick<ApiDeps, 'config' | 'jwtSecret'>) =>
  jwt({ name: 'visitorJwt', secret: deps.jwtSecret, exp: `${deps.config.visitorTokenTtl}s` });

interface SessionRow {
  id: string;
  organization_id: string;
  environment_id: string;
  name: string | null;
  allowed_origins: string[];
}

/**
 * Resolves `visitor` from the Bearer session token. The contact is read back each time (with
 * its environment), so deleting either ends the session on the very next request.
 */
export const visitorAuth = (deps: ApiDeps) =>
  new Elysia({ name: 'flc/visitor-auth', seed: deps.config })
    .use(visitorTokens(deps))
    .derive({ as: 'scoped' }, async ({ headers, visitorJwt }) => {
      const token = bearer(headers.authorization);
      if (!token) throw unauthorized('Missing Bearer session token');
      const claims = await visitorJwt.verify(token);
      if (
        claims === false ||
        claims.typ !== 'visitor' ||
        typeof claims.sub !== 'string' ||
        typeof claims.env !== 'string'
      ) {
        throw unauthorized('Invalid or expired session token');
      }
      const [row] = await deps.db.sql<SessionRow[]>`
        select c.id, c.organization_id, c.environment_id, c.name, e.allowed_origins
        from contacts c join environments e on e.id = c.environment_id
        where c.id = ${claims.sub} and c.environment_id = ${claims.env}`;
      if (!row) throw unauthorized('This visitor session has ended; boot the widget again');
      requireAllowedOrigin(row.allowed_origins, headers.origin, false);
      const visitor: VisitorActor = {
        type: 'visitor',
        id: row.id,
        organizationId: row.organization_id,
        environmentId: row.environment_id,
      };
      if (row.name) visitor.name = row.name;
      return { visitor };
    });
