import { Elysia, t } from 'elysia';
import type { ApiDeps } from '../../deps.ts';
import { passwordLoginAllowed } from '../../domain/sso-policy.ts';
import { apiBudgets, spend } from '../../lib/budgets.ts';
import { clientIp } from '../../lib/client-ip.ts';
import { ApiError, notFound, unauthorized } from '../../lib/errors.ts';
import { ErrorResponse } from '../../lib/models.ts';
import { requestOrigin } from '../../plugins/audit-context.ts';
import { accessTokens } from '../../plugins/auth.ts';
import { findLiveInvitation } from './invitations.ts';
import { deviceTokens, type LoginBudgets, LoginGuard } from './login-guard.ts';
import {
  AcceptInviteBody,
  InvitationPreview,
  InviteTokenParams,
  LoginBody,
  LoginSession,
  RefreshBody,
  Session,
  SignupBody,
  SignupResponse,
  TokenPair,
} from './model.ts';
import { checkNewPassword } from './password-policy.ts';
import { AuthService } from './service.ts';

const errors = { 401: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse, 429: ErrorResponse };
const loginErrors = { ...errors, 403: ErrorResponse };

export const authRoutes = (deps: ApiDeps) => {
  const { config } = deps;
  const service = new AuthService(deps.db.sql, config.refreshTokenTtl);
  const budgets = apiBudgets(config);
  const guard = new LoginGuard(deps.rateLimiter, budgets as LoginBudgets, deps.jwtSecret);

  return new Elysia({ prefix: '/v1/auth', tags: ['auth'] })
    .use(accessTokens(deps))
    .use(deviceTokens(deps))
    .derive(({ accessJwt, request, server }) => ({
      origin: requestOrigin(request, server, config.trustProxy),
      signAccess: (agent: { id: string; organizationId: string }) =>
        accessJwt.sign({ sub: agent.id, org: agent.organizationId, typ: 'agent' }),
    }))
    .post(
      '/signup',
      async ({ body, signAccess, origin, set, request, server }) => {
        await spend(
          deps.rateLimiter,
          budgets.signupIp,
          clientIp(request, server, config.trustProxy),
        );
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
        response: { 201: SignupResponse, ...errors },
        detail: { summary: 'Create an organization and its owner' },
      },
    )
    .post(
      '/login',
      async ({ body, signAccess, deviceJwt, origin, request, server }) => {
        const email = body.email.trim().toLowerCase();
        const ip = clientIp(request, server, config.trustProxy);
        // Slots are taken before the password is hashed, so concurrent guesses cannot all be
        // checked; a correct password gives them back.
        const attempt = await guard.begin(email, ip, body.deviceToken);
        const session = await service.login(email, body.password, origin, async (agent) => {
          await attempt.succeeded();
          if (!(await passwordLoginAllowed(deps.db.sql, agent))) {
            throw new ApiError(
              403,
              'sso_required',
              'Your organization signs in with single sign-on: use "Sign in with SSO"',
            );
          }
        });
        if (!session) throw unauthorized('Wrong email or password');
        return {
          accessToken: await signAccess(session.agent),
          refreshToken: session.refreshToken,
          deviceToken: await deviceJwt.sign({
            typ: 'device',
            eml: email,
            jti: crypto.randomUUID(),
          }),
          agent: session.agent,
        };
      },
      {
        body: LoginBody,
        response: { 200: LoginSession, ...loginErrors },
        detail: {
          summary: 'Log in with email and password',
          description:
            '403 `sso_required` when the organization enforces single sign-on and the agent is not an owner (after the password was checked).',
        },
      },
    )
    .post(
      '/refresh',
      async ({ body, signAccess, origin }) => {
        const next = await service.rotate(body.refreshToken, origin);
        return {
          accessToken: await signAccess({ id: next.agentId, organizationId: next.organizationId }),
          refreshToken: next.refreshToken,
        };
      },
      {
        body: RefreshBody,
        response: { 200: TokenPair, ...errors },
        detail: { summary: 'Rotate a refresh token' },
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
        response: { 204: t.Void({ description: 'Logged out' }), 422: ErrorResponse },
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
        response: { 200: InvitationPreview, 404: ErrorResponse, 422: ErrorResponse },
        detail: {
          summary: 'What an invite token invites to, for the page that accepts it',
          description:
            'Public: the token is the credential. 404 `not_found` for a token that is unknown, used, replaced by a newer one or expired, without saying which.',
        },
      },
    )
    .post(
      '/accept-invite',
      async ({ body, signAccess, origin }) => {
        await checkNewPassword(body.password, [body.name]);
        const agent = await service.acceptInvite(body.token, body.password, body.name, origin);
        return {
          accessToken: await signAccess(agent),
          refreshToken: await service.startFamily(agent.id),
          agent,
        };
      },
      {
        body: AcceptInviteBody,
        response: { 200: Session, ...errors },
        detail: { summary: 'Accept an invitation and set a password' },
      },
    );
};
