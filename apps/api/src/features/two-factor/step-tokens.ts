import { jwt } from '@elysiajs/jwt';
import { verifyPlatformToken } from '@flc/core';
import { Elysia } from 'elysia';
import type { ApiDeps } from '../../deps.ts';

/**
 * Short-lived tokens of a sign-in between the password and the session. Their `typ` is neither
 * `agent` nor `visitor`, so the one token check (`checkPrincipal`) refuses them everywhere else:
 * a challenge token only goes to POST /v1/auth/login/two-factor, an enrolment token only to
 * enrolment (POST /v1/me/two-factor and /confirm).
 */
export const CHALLENGE = 'two_factor_challenge';
export const ENROLMENT = 'two_factor_enrolment';
export const CHALLENGE_TTL = 300;
export const ENROLMENT_TTL = 900;

export const stepTokens = (deps: Pick<ApiDeps, 'config' | 'jwtSecret'>) =>
  new Elysia({ name: 'flc/two-factor-step-tokens', seed: deps.config })
    .use(jwt({ name: 'challengeJwt', secret: deps.jwtSecret, exp: `${CHALLENGE_TTL}s` }))
    .use(jwt({ name: 'enrolmentJwt', secret: deps.jwtSecret, exp: `${ENROLMENT_TTL}s` }));

/** The agent a step token of this kind was issued to, or null for anything else. */
export async function readStepToken(
  secret: string,
  token: string,
  typ: typeof CHALLENGE | typeof ENROLMENT,
): Promise<{ agentId: string; organizationId: string } | null> {
  const claims = verifyPlatformToken(secret, token);
  if (!claims || claims.typ !== typ) return null;
  if (typeof claims.sub !== 'string' || typeof claims.org !== 'string') return null;
  return { agentId: claims.sub, organizationId: claims.org };
}
