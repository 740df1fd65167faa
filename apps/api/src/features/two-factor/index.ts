import {
  RecoveryCodes,
  RecoveryCodesRegenerateBody,
  TwoFactorConfirmBody,
  TwoFactorConfirmed,
  TwoFactorDisableBody,
  TwoFactorEnrolment,
  TwoFactorStatus,
} from '@flc/protocol/resources';
import { Elysia, t } from 'elysia';
import type { ApiDeps } from '../../deps.ts';
import { conflict, unauthorized, validation } from '../../lib/errors.ts';
import { errors, IdParams } from '../../lib/models.ts';
import { agentActs, agentAudit, requestOrigin } from '../../plugins/audit-context.ts';
import { accessTokens, agentAuth, authenticateAgent, bearer } from '../../plugins/auth.ts';
import { AuthService } from '../auth/service.ts';
import { type TwoFactorService, wrongCode } from './service.ts';
import { ENROLMENT, readStepToken } from './step-tokens.ts';

const security = [{ bearer: [] }];
/** Steps that check a code: wrong ones spend the agent's budget (429 past it). */
const codeErrors = errors(404, 409, 429);

/**
 * Starting and confirming enrolment take an agent access token, or the enrolment token a sign-in
 * answered with when the organization requires two-factor and the agent has none: that token
 * reaches these two routes and nothing else.
 */
const enrolment = (deps: ApiDeps) =>
  new Elysia({ name: 'flc/two-factor-enrolment', seed: deps.config }).derive(
    { as: 'scoped' },
    async ({ headers, request, server }) => {
      const origin = requestOrigin(request, server, deps.config.trustProxy);
      const token = bearer(headers.authorization);
      const step = token ? await readStepToken(deps.jwtSecret, token, ENROLMENT) : null;
      const agent = step
        ? await deps.principals.activeAgent(step.agentId)
        : await authenticateAgent(deps, headers.authorization);
      if (!agent) throw unauthorized('This account is no longer active');
      return {
        enrollee: { id: agent.id, organizationId: agent.organizationId },
        audit: agentActs(agent, origin),
        viaStep: step !== null,
      };
    },
  );

export const twoFactorRoutes = (deps: ApiDeps, service: TwoFactorService) => {
  const auth = new AuthService(deps.db.sql, deps.config.refreshTokenTtl);

  const enrol = new Elysia({ prefix: '/v1/me/two-factor', tags: ['two-factor'] })
    .use(accessTokens(deps))
    .use(enrolment(deps))
    .post('', ({ enrollee }) => service.start(enrollee.id), {
      response: { 200: TwoFactorEnrolment, ...errors(404, 409) },
      detail: {
        summary: 'Start two-factor enrolment: a new TOTP secret for the authenticator app',
        description:
          'Answers the secret (base32) and its otpauth URI once; nothing returns it later. Starting again before confirming replaces it; 409 when two-factor is already on. Takes an access token or an enrolment token.',
        security,
      },
    })
    .post(
      '/confirm',
      async ({ enrollee, audit, viaStep, body, accessJwt }) => {
        const recoveryCodes = await service.confirm(enrollee, audit, body.code);
        if (!viaStep) return { recoveryCodes };
        const agent = await auth.agent(enrollee.id);
        return {
          recoveryCodes,
          session: {
            accessToken: await accessJwt.sign({
              sub: agent.id,
              org: agent.organizationId,
              typ: 'agent',
              iam: Date.now(), // see auth's signAccess
            }),
            refreshToken: await auth.startFamily(agent.id),
            agent,
          },
        };
      },
      {
        body: TwoFactorConfirmBody,
        response: { 200: TwoFactorConfirmed, ...codeErrors },
        detail: {
          summary: 'Turn two-factor on with the first code; answers 10 recovery codes (shown once)',
          description:
            "422 for a wrong code, counted against the agent's budget (429 past it). With an enrolment token the answer also carries the session the sign-in leads to.",
          security,
        },
      },
    );

  const manage = new Elysia({ prefix: '/v1', tags: ['two-factor'] })
    .use(agentAuth(deps))
    .use(agentAudit(deps))
    .get('/me/two-factor', ({ agent }) => service.status(agent.id), {
      response: { 200: TwoFactorStatus, ...errors(404) },
      detail: { summary: 'Whether two-factor sign-in is on, and recovery codes left', security },
    })
    .delete(
      '/me/two-factor',
      async ({ agent, audit, body, set }) => {
        const proof = await disableProof(auth, agent.id, body);
        await requireOn(service, agent.id);
        if (!(await service.prove(agent, audit, proof.proof, proof.hash))) {
          throw wrongCode(422, proof.field);
        }
        await service.disable(agent, audit, proof.field);
        set.status = 204;
      },
      {
        body: TwoFactorDisableBody,
        response: { 204: t.Void({ description: 'Two-factor is off' }), ...codeErrors },
        detail: {
          summary: 'Turn two-factor off with a current code or the password',
          description:
            'Allowed when the organization requires two-factor too: the next sign-in then walks the agent through enrolment again. 409 when it is not on.',
          security,
        },
      },
    )
    .post(
      '/me/two-factor/recovery-codes',
      async ({ agent, audit, body }) => {
        await requireOn(service, agent.id);
        if (!(await service.prove(agent, audit, { code: body.code }))) {
          throw wrongCode(422, 'code');
        }
        return { recoveryCodes: await service.regenerate(agent, audit) };
      },
      {
        body: RecoveryCodesRegenerateBody,
        response: { 200: RecoveryCodes, ...codeErrors },
        detail: {
          summary: 'New recovery codes (a current code needed); the earlier ones stop working',
          security,
        },
      },
    )
    .delete(
      '/agents/:id/two-factor',
      async ({ agent, audit, params, set }) => {
        await service.reset(agent, audit, params.id);
        set.status = 204;
      },
      {
        params: IdParams,
        response: {
          204: t.Void({ description: 'Two-factor is off and its sessions ended' }),
          ...errors(403, 404),
        },
        detail: {
          summary: "Reset an agent's two-factor, e.g. a lost phone (owner); ends its sessions",
          security,
        },
      },
    );

  return new Elysia({ name: 'flc/two-factor-routes' }).use(enrol).use(manage);
};

async function requireOn(service: TwoFactorService, agentId: string) {
  if (!(await service.status(agentId)).enabled) {
    throw conflict('Two-factor sign-in is not on');
  }
}

async function disableProof(auth: AuthService, agentId: string, body: TwoFactorDisableBody) {
  if ((body.code === undefined) === (body.password === undefined)) {
    throw validation('Send a current code or the password', [
      { path: 'body', message: 'Exactly one of code and password' },
    ]);
  }
  if (body.code !== undefined) {
    return { proof: { code: body.code }, hash: null, field: 'code' as const };
  }
  return {
    proof: { password: body.password as string },
    hash: await auth.passwordHash(agentId),
    field: 'password' as const,
  };
}
