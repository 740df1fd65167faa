import {
  AcceptInviteBody,
  AcceptInviteResponse,
  type Agent,
  InvitationPreview,
  LoginBody,
  LoginResponse,
  LoginSession,
  RefreshBody,
  SignupBody,
  SignupResponse,
  TokenPair,
  TwoFactorLoginBody,
} from '@flc/protocol/resources';
import { Elysia, t } from 'elysia';
import type { ApiDeps } from '../../deps.ts';
import { passwordLoginAllowed } from '../../domain/sso-policy.ts';
import { apiBudgets, spend } from '../../lib/budgets.ts';
import { clientIp } from '../../lib/client-ip.ts';
import { ApiError, notFound, unauthorized, validation } from '../../lib/errors.ts';
import { errors } from '../../lib/models.ts';
import { organizationSuspended, refuseSuspended } from '../../lib/suspension.ts';
import { agentActs, requestOrigin } from '../../plugins/audit-context.ts';
import { accessTokens } from '../../plugins/auth.ts';
import { checkSignupAllowed } from '../operator/signup-policy.ts';
import { type TwoFactorService, wrongCode } from '../two-factor/service.ts';
import { CHALLENGE, ENROLMENT, readStepToken, stepTokens } from '../two-factor/step-tokens.ts';
import { findLiveInvitation } from './invitations.ts';
import { deviceTokens, type LoginBudgets, LoginGuard } from './login-guard.ts';
import { InviteTokenParams } from './model.ts';
import { checkNewPassword } from './password-policy.ts';
import { AuthService } from './service.ts';

export const authRoutes = (deps: ApiDeps, twoFactor: TwoFactorService) => {
  const { config } = deps;
  const service = new AuthService(deps.db.sql, config.refreshTokenTtl);
  const budgets = apiBudgets(config);
  const guard = new LoginGuard(deps.rateLimiter, budgets as LoginBudgets, deps.jwtSecret);

  return new Elysia({ prefix: '/v1/auth', tags: ['auth'] })
    .use(accessTokens(deps))
    .use(deviceTokens(deps))
    .use(stepTokens(deps))
    .derive(({ accessJwt, challengeJwt, enrolmentJwt, deviceJwt, request, server }) => {
      const claims = (agent: { id: string; organizationId: string }) => ({
        sub: agent.id,
        org: agent.organizationId,
      });
      return {
        origin: requestOrigin(request, server, config.trustProxy),
        signAccess: (agent: { id: string; organizationId: string }) =>
          // `iam`: issued at, in ms, so a password reset ends exactly the sessions before it.
          accessJwt.sign({ ...claims(agent), typ: 'agent', iam: Date.now() }),
        signDevice: (email: string) =>
          deviceJwt.sign({ typ: 'device', eml: email, jti: crypto.randomUUID() }),
        /**
         * The second step a right password still owes, or null: a code when the agent has
         * two-factor on, enrolment when the organization requires it and the agent has none. In
         * such an organization a password alone never gets an access token.
         */
        secondStep: async (agent: Agent, allowChallenge = true) => {
          const step = await twoFactor.secondStep(agent.id);
          if (step === 'code' && allowChallenge) {
            return {
              twoFactorRequired: true as const,
              challengeToken: await challengeJwt.sign({ ...claims(agent), typ: CHALLENGE }),
            };
          }
          if (step === 'enrol') {
            return {
              twoFactorEnrolmentRequired: true as const,
              enrolmentToken: await enrolmentJwt.sign({ ...claims(agent), typ: ENROLMENT }),
            };
          }
          return null;
        },
      };
    })
    .post(
      '/signup',
      async ({ body, signAccess, origin, set, request, server }) => {
        await spend(
          deps.rateLimiter,
          budgets.signupIp,
          clientIp(request, server, config.trustProxy),
        );
        await checkSignupAllowed(deps.db.sql, body.email);
        await checkNewPassword(body.password, [body.email, body.name, body.organizationName]);
        const { agent, organization } = await service.signup(body, origin);
        set.status = 201;
        return {
          accessToken: await signAccess(agent),
          refreshToken: await service.startFamily(agent.id),
          agent,
          organization,
        };
      },
      {
        body: SignupBody,
        response: { 201: SignupResponse, ...errors(403, 409, 429) },
        detail: {
          summary: 'Create an organization and its owner',
          description:
            "403 `signup_closed` when the platform's operators closed sign-up or made it invitation-only (accepting an invitation still works), 403 `signup_domain_not_allowed` when it is open to some email domains only and not this one. 409 `conflict` when an account (active or disabled) already has the email: the person signing up learns that their own address is taken, and `FLC_SIGNUPS_PER_IP` bounds how many addresses one client can try. Invitations do not hold an email: an address only invited somewhere signs up, and its invitations then answer 409 `email_in_use` when accepted.",
        },
      },
    )
    .post(
      '/login',
      async ({ body, signAccess, signDevice, secondStep, origin, request, server }) => {
        const email = body.email.trim().toLowerCase();
        const ip = clientIp(request, server, config.trustProxy);
        // Slots are taken before the password is hashed, so concurrent guesses cannot all be
        // checked; a correct password gives them back.
        const attempt = await guard.begin(email, ip, body.deviceToken);
        let owed: Awaited<ReturnType<typeof secondStep>> = null;
        const session = await service.login(email, body.password, origin, async (agent) => {
          await attempt.succeeded();
          await refuseSuspended(deps.principals, agent.organizationId);
          if (!(await passwordLoginAllowed(deps.db.sql, agent))) {
            throw new ApiError(
              403,
              'sso_required',
              'Your organization signs in with single sign-on: use "Sign in with SSO"',
            );
          }
          owed = await secondStep(agent);
          // No session yet: it starts (and is recorded) when the second step is done.
          return owed ? 'hold' : 'go';
        });
        if (owed) return owed;
        if (!session?.refreshToken) throw unauthorized('Wrong email or password');
        return {
          accessToken: await signAccess(session.agent),
          refreshToken: session.refreshToken,
          deviceToken: await signDevice(email),
          agent: session.agent,
        };
      },
      {
        body: LoginBody,
        response: { 200: LoginResponse, ...errors(401, 403, 429) },
        detail: {
          summary: 'Log in with email and password',
          description:
            "403 `sso_required` when the organization enforces single sign-on and the agent is not an owner (after the password was checked); 403 `organization_suspended` when the platform's operators suspended it. For an agent with two-factor on, answers `{twoFactorRequired, challengeToken}` instead of a session (send a code to POST /v1/auth/login/two-factor); when the organization requires two-factor and the agent has none, `{twoFactorEnrolmentRequired, enrolmentToken}` (enrol with POST /v1/me/two-factor, then /confirm, which answers the session).",
        },
      },
    )
    .post(
      '/login/two-factor',
      async ({ body, signAccess, signDevice, origin }) => {
        const step = await readStepToken(deps.jwtSecret, body.challengeToken, CHALLENGE);
        if (!step) throw unauthorized('This sign-in has expired; log in again');
        if ((body.code === undefined) === (body.recoveryCode === undefined)) {
          throw validation('Send a code or a recovery code', [
            { path: 'body', message: 'Exactly one of code and recoveryCode' },
          ]);
        }
        const agent = await service.agent(step.agentId);
        const proof =
          body.code !== undefined ? { code: body.code } : { recoveryCode: body.recoveryCode ?? '' };
        const audit = agentActs(agent, origin);
        if (!(await twoFactor.prove(agent, audit, proof))) {
          throw wrongCode(401, 'code' in proof ? 'code' : 'recoveryCode');
        }
        const refreshToken = await service.completeLogin(agent, origin, {
          method: 'code' in proof ? 'totp' : 'recovery_code',
        });
        return {
          accessToken: await signAccess(agent),
          refreshToken,
          deviceToken: await signDevice(agent.email),
          agent,
        };
      },
      {
        body: TwoFactorLoginBody,
        response: { 200: LoginSession, ...errors(401, 409, 429) },
        detail: {
          summary: 'Second step of logging in: a TOTP code or a recovery code',
          description:
            "A code is accepted once (the same code again is refused) and a recovery code is spent. Wrong ones count against the agent's budget (`FLC_TWO_FACTOR_MAX_FAILURES` per `FLC_LOGIN_WINDOW`); past it 429 with retry-after.",
        },
      },
    )
    .post(
      '/refresh',
      async ({ body, signAccess, origin }) => {
        if (await service.ofSuspendedOrganization(body.refreshToken)) {
          throw organizationSuspended();
        }
        const next = await service.rotate(body.refreshToken, origin);
        return {
          accessToken: await signAccess({ id: next.agentId, organizationId: next.organizationId }),
          refreshToken: next.refreshToken,
        };
      },
      {
        body: RefreshBody,
        response: { 200: TokenPair, ...errors(401, 403) },
        detail: {
          summary: 'Rotate a refresh token',
          description:
            "403 `organization_suspended` while the agent's organization is suspended by the platform's operators; the refresh token is left unspent and works again once it is resumed.",
        },
      },
    )
    .post(
      '/logout',
      async ({ body, set }) => {
        await service.logout(body.refreshToken);
        set.status = 204;
      },
      {
        body: RefreshBody,
        response: { 204: t.Void({ description: 'Logged out' }) },
        detail: { summary: 'End the session of a refresh token' },
      },
    )
    .get(
      '/invitations/:token',
      async ({ params, set }) => {
        // The same answer for unknown, used, replaced and expired tokens: a dead link says no more.
        const row = await findLiveInvitation(deps.db.sql, params.token);
        if (!row) throw notFound('Invitation');
        set.headers['cache-control'] = 'no-store';
        return {
          organization: { name: row.organization_name },
          email: row.email,
          name: row.name,
          role: row.role,
          expiresAt: row.expires_at.toISOString(),
        };
      },
      {
        params: InviteTokenParams,
        response: { 200: InvitationPreview, ...errors(404) },
        detail: {
          summary: 'What an invite token invites to, for the page that accepts it',
          description:
            'Public: the token is the credential. 404 `not_found` for a token that is unknown, used, replaced by a newer one or expired, without saying which.',
        },
      },
    )
    .post(
      '/accept-invite',
      async ({ body, signAccess, secondStep, origin }) => {
        await checkNewPassword(body.password, [body.name]);
        const agent = await service.acceptInvite(body.token, body.password, body.name, origin);
        // The organization requires two-factor: enrolment before any session.
        const owed = await secondStep(agent, false);
        if (owed?.enrolmentToken) {
          return { twoFactorEnrolmentRequired: true as const, enrolmentToken: owed.enrolmentToken };
        }
        return {
          accessToken: await signAccess(agent),
          refreshToken: await service.startFamily(agent.id),
          agent,
        };
      },
      {
        body: AcceptInviteBody,
        response: { 200: AcceptInviteResponse, ...errors(401, 409) },
        detail: {
          summary: 'Accept an invitation and set a password',
          description:
            'When the organization requires two-factor, answers `{twoFactorEnrolmentRequired, enrolmentToken}` instead of a session. 401 `unauthorized` for a token that is unknown, used, replaced or expired. 409 `email_in_use` when the email has joined another organization since it was invited (one email belongs to one organization: ask for an invitation to another address); the invitation stays unused. Of two acceptances of one email at once, one wins and the other gets this 409.',
        },
      },
    );
};
