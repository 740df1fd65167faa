import { Elysia, t } from 'elysia';
import type { ApiDeps } from '../../deps.ts';
import { passwordLoginAllowed } from '../../domain/sso-policy.ts';
import { clientIp } from '../../lib/client-ip.ts';
import { ApiError, notFound, rateLimited, unauthorized } from '../../lib/errors.ts';
import { ErrorResponse } from '../../lib/models.ts';
import { WindowCounter } from '../../lib/rate-limit.ts';
import { accessTokens } from '../../plugins/auth.ts';
import { findLiveInvitation } from './invitations.ts';
import {
  AcceptInviteBody,
  InvitationPreview,
  InviteTokenParams,
  LoginBody,
  RefreshBody,
  Session,
  SignupBody,
  SignupResponse,
  TokenPair,
} from './model.ts';
import { AuthService } from './service.ts';

const errors = { 401: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse, 429: ErrorResponse };
const loginErrors = { ...errors, 403: ErrorResponse };

export const authRoutes = (deps: ApiDeps) => {
  const { config } = deps;
  const service = new AuthService(deps.db.sql, config.refreshTokenTtl);
  const windowMs = config.loginWindow * 1000;
  const failuresByEmail = new WindowCounter(config.loginMaxFailures, windowMs);
  const failuresByIp = new WindowCounter(config.loginMaxFailuresPerIp, windowMs);

  return new Elysia({ prefix: '/v1/auth', tags: ['auth'] })
    .use(accessTokens(deps))
    .derive(({ accessJwt }) => ({
      signAccess: (agent: { id: string; organizationId: string }) =>
        accessJwt.sign({ sub: agent.id, org: agent.organizationId, typ: 'agent' }),
    }))
    .post(
      '/signup',
      async ({ body, signAccess, set }) => {
        const { agent, organization } = await service.signup(body);
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
      async ({ body, signAccess, request, server }) => {
        const email = body.email.trim().toLowerCase();
        const ip = clientIp(request, server, config.trustProxy);
        // A slot of each budget is taken before the password is hashed, so concurrent guesses
        // cannot all be checked; a correct password gives them back.
        const ipWait = failuresByIp.take(ip);
        if (ipWait > 0) throw rateLimited(ipWait);
        const emailWait = failuresByEmail.take(email);
        if (emailWait > 0) {
          failuresByIp.giveBack(ip);
          throw rateLimited(emailWait);
        }
        const agent = await service.verifyLogin(email, body.password);
        if (!agent) throw unauthorized('Wrong email or password');
        failuresByEmail.reset(email);
        failuresByIp.giveBack(ip);
        if (!(await passwordLoginAllowed(deps.db.sql, agent))) {
          throw new ApiError(
            403,
            'sso_required',
            'Your organization signs in with single sign-on: use "Sign in with SSO"',
          );
        }
        return {
          accessToken: await signAccess(agent),
          refreshToken: await service.startFamily(agent.id),
          agent,
        };
      },
      {
        body: LoginBody,
        response: { 200: Session, ...loginErrors },
        detail: {
          summary: 'Log in with email and password',
          description:
            '403 `sso_required` when the organization enforces single sign-on and the agent is not an owner (after the password was checked).',
        },
      },
    )
    .post(
      '/refresh',
      async ({ body, signAccess }) => {
        const next = await service.rotate(body.refreshToken);
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
      async ({ body, signAccess }) => {
        const agent = await service.acceptInvite(body.token, body.password, body.name);
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
