import { jwt } from '@elysiajs/jwt';
import { type Actor, checkPrincipal, type VerifiedPrincipal } from '@flc/core';
import { Elysia } from 'elysia';
import type { ApiDeps } from '../deps.ts';
import { requireAllowedOrigin } from '../domain/environment.ts';
import { apiBudgets, spend } from '../lib/budgets.ts';
import { unauthorized } from '../lib/errors.ts';
import { noteOrganization } from '../lib/request-context.ts';
import { refuseSuspendedToken } from '../lib/suspension.ts';
import { bearer } from './auth.ts';

export type VisitorActor = Extract<Actor, { type: 'visitor' }> & { environmentId: string };

/**
 * Signs and checks visitor session tokens: `{typ: 'visitor', sub: contactId, org, env}`. Same
 * secret as agent tokens; `typ` keeps one kind from passing for the other.
 */
export const visitorTokens = (deps: Pick<ApiDeps, 'config' | 'jwtSecret'>) =>
  jwt({ name: 'visitorJwt', secret: deps.jwtSecret, exp: `${deps.config.visitorTokenTtl}s` });

/**
 * Resolves `visitor` from the Bearer session token: the same check as the socket's
 * (`checkPrincipal`), the contact read back each time with its environment, so deleting either
 * ends the session on the very next request. Each request spends a slot of the visitor's budget
 * (`FLC_VISITOR_REQUESTS_PER_MINUTE`), shared by every API process.
 */
export const visitorAuth = (deps: ApiDeps) => {
  const { visitor: budget } = apiBudgets(deps.config);
  return new Elysia({ name: 'flc/visitor-auth', seed: deps.config }).derive(
    { as: 'scoped' },
    async ({ headers, request }) => {
      const token = bearer(headers.authorization);
      if (!token) throw unauthorized('Missing Bearer session token');
      const check = await checkPrincipal(deps.jwtSecret, deps.principals, token, 'visitor');
      if (!check.ok) {
        if (check.reason === 'gone') {
          await refuseSuspendedToken(deps, token);
        }
        throw unauthorized(
          check.reason === 'gone'
            ? 'This visitor session has ended; boot the widget again'
            : 'Invalid or expired session token',
        );
      }
      const contact = check.principal as Extract<VerifiedPrincipal, { type: 'visitor' }>;
      requireAllowedOrigin(contact.allowedOrigins, headers.origin, false);
      await spend(deps.rateLimiter, budget, contact.id);
      const visitor: VisitorActor = {
        type: 'visitor',
        id: contact.id,
        organizationId: contact.organizationId,
        environmentId: contact.environmentId,
      };
      if (contact.name) visitor.name = contact.name;
      noteOrganization(request, visitor.organizationId);
      return { visitor };
    },
  );
};
