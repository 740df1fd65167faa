import { logger } from '@flc/log';
import {
  OidcConnection,
  OidcConnectionPut,
  RedirectUri,
  Session,
  SsoExchangeBody,
} from '@flc/protocol/resources';
import { recordAudit } from '@flc/storage/postgres';
import { Elysia, t } from 'elysia';
import type { ApiDeps } from '../../deps.ts';
import { apiBudgets } from '../../lib/budgets.ts';
import { clientIp } from '../../lib/client-ip.ts';
import { unauthorized } from '../../lib/errors.ts';
import { errors } from '../../lib/models.ts';
import { PlanGuard } from '../../lib/plan-guard.ts';
import { publicOrigin } from '../../lib/public-origin.ts';
import { requestIdOf } from '../../lib/request-context.ts';
import { agentAudit, requestOrigin } from '../../plugins/audit-context.ts';
import { accessTokens, agentAuth, requireOwner } from '../../plugins/auth.ts';
import { AuthService } from '../auth/service.ts';
import { ConnectionService, toConnection } from './connection-service.ts';
import { CallbackQuery, StartQuery } from './model.ts';
import { SecretBox } from './secret-box.ts';
import { SignInService, SsoRefusal } from './sign-in-service.ts';

const security = [{ bearer: [] }];
const CALLBACK_PATH = '/v1/auth/oidc/callback';
/** Ties a sign-in to the browser that started it (login CSRF); sent back on the IdP's redirect. */
const BROWSER_COOKIE = 'flc_oidc';
const redirectNote =
  "Answers 302 to the identity provider; every refusal is a 302 to the console's `/login?sso_error=<code>` (`sso_unavailable`, `sso_denied`, `sso_state_invalid`, `sso_failed`, `sso_email_unverified`, `sso_domain_not_allowed`, `sso_unknown_user`, `sso_account_disabled`, `sso_rate_limited`, `sso_plan_limit`: the organization's plan allows no more agents, for an agent the connection would create). A plan without the `sso` feature answers `sso_unavailable`.";

export const oidcRoutes = (deps: ApiDeps) => {
  const box = new SecretBox(deps.jwtSecret);
  const allowPrivate = deps.config.oidcAllowPrivateIssuers;
  const connections = new ConnectionService(deps.db.sql, box, allowPrivate);
  const plans = new PlanGuard(deps.planDirectory);
  const signIn = new SignInService(deps.db.sql, box, connections, allowPrivate, plans);
  const origin = (request: Request) => publicOrigin(request, deps.config);
  return new Elysia()
    .use(connectionRoutes(deps, connections, origin, plans))
    .use(signInRoutes(deps, signIn, origin));
};

/** The organization's connection: owners alone read and change it. */
const connectionRoutes = (
  deps: ApiDeps,
  service: ConnectionService,
  origin: (request: Request) => string,
  plans: PlanGuard,
) =>
  new Elysia({ prefix: '/v1/organization/oidc', tags: ['sso'] })
    .use(agentAuth(deps))
    .use(agentAudit(deps))
    .derive(({ request }) => ({ redirectUri: `${origin(request)}${CALLBACK_PATH}` }))
    .get(
      '',
      async ({ agent, redirectUri }) => {
        requireOwner(agent);
        return toConnection(await service.get(agent.organizationId), redirectUri);
      },
      {
        response: { 200: OidcConnection, ...errors(403, 404) },
        detail: {
          summary: "The organization's OpenID Connect connection (owners); never its secret",
          security,
        },
      },
    )
    .get(
      '/redirect-uri',
      ({ agent, redirectUri }) => {
        requireOwner(agent);
        return { redirectUri };
      },
      {
        response: { 200: RedirectUri, ...errors(403) },
        detail: { summary: 'The redirect URI to register at the identity provider', security },
      },
    )
    .put(
      '',
      async ({ agent, audit, body, redirectUri }) => {
        requireOwner(agent);
        await plans.requireFeature(agent.organizationId, 'sso');
        return toConnection(await service.put(agent.organizationId, body, audit), redirectUri);
      },
      {
        body: OidcConnectionPut,
        response: { 200: OidcConnection, ...errors(402, 403, 409) },
        detail: {
          summary: 'Create or replace the OpenID Connect connection (owners)',
          description:
            "The issuer's discovery document is fetched with these settings before anything is saved: 422 `oidc_discovery_failed` says why it failed. The issuer must be a public https URL unless the operator set `FLC_OIDC_ALLOW_PRIVATE_ISSUERS`. The client secret is stored encrypted and never returned. 409 when another organization uses the slug. 402 `plan_feature_unavailable` when the organization's plan has no single sign-on (`sso`).",
          security,
        },
      },
    )
    .delete(
      '',
      async ({ agent, audit, set }) => {
        requireOwner(agent);
        await service.remove(agent.organizationId, audit);
        set.status = 204;
      },
      {
        response: { 204: t.Void({ description: 'Removed' }), ...errors(403, 404) },
        detail: { summary: 'Remove the OpenID Connect connection (owners)', security },
      },
    );

/** Signing in through the organization's identity provider. */
const signInRoutes = (
  deps: ApiDeps,
  service: SignInService,
  origin: (request: Request) => string,
) => {
  const auth = new AuthService(deps.db.sql, deps.config.refreshTokenTtl);
  const { ssoStartIp } = apiBudgets(deps.config);
  const refuse = (request: Request, refusal: unknown) => {
    if (!(refusal instanceof SsoRefusal)) throw refusal;
    if (refusal.code === 'sso_failed') {
      logger('sso').warn(
        { code: refusal.code, detail: refusal.detail, requestId: requestIdOf(request) },
        'SSO sign-in failed',
      );
    }
    return `${origin(request)}/login?sso_error=${refusal.code}`;
  };
  return new Elysia({ prefix: '/v1/auth/oidc', tags: ['auth'] })
    .use(accessTokens(deps))
    .get(
      '/start',
      async ({ query, request, server, cookie, redirect }) => {
        const base = origin(request);
        try {
          const ip = clientIp(request, server, deps.config.trustProxy);
          if (ssoStartIp && (await deps.rateLimiter.take(ssoStartIp, ip)) > 0) {
            throw new SsoRefusal('sso_rate_limited');
          }
          const { url, browserToken } = await service.start(
            query.organization,
            `${base}${CALLBACK_PATH}`,
          );
          cookie[BROWSER_COOKIE]?.set({
            value: browserToken,
            httpOnly: true,
            sameSite: 'lax',
            secure: base.startsWith('https:'),
            path: '/v1/auth/oidc',
            maxAge: 600,
          });
          return redirect(url, 302);
        } catch (refusal) {
          return redirect(refuse(request, refusal), 302);
        }
      },
      {
        query: StartQuery,
        response: { 302: t.Void({ description: 'To the identity provider' }) },
        detail: {
          summary: "Start signing in with the organization's identity provider",
          description: `${redirectNote} Every start sets a cookie that its callback needs.`,
        },
      },
    )
    .get(
      '/callback',
      async ({ request, cookie, redirect, set }) => {
        set.headers['cache-control'] = 'no-store';
        const browserToken = cookie[BROWSER_COOKIE]?.value;
        cookie[BROWSER_COOKIE]?.remove();
        try {
          const code = await service.finish(
            new URL(request.url).searchParams,
            typeof browserToken === 'string' ? browserToken : undefined,
          );
          // In the fragment: it never reaches a server log; the console exchanges it once.
          return redirect(`${origin(request)}/login/sso#code=${code}`, 302);
        } catch (refusal) {
          return redirect(refuse(request, refusal), 302);
        }
      },
      {
        query: CallbackQuery,
        response: { 302: t.Void({ description: 'To the console' }) },
        detail: {
          summary: 'Where the identity provider sends the browser back',
          description: `Answers 302 to the console's \`/login/sso#code=<one-time code>\` (exchange it at POST /v1/auth/oidc/exchange within a minute). ${redirectNote}`,
        },
      },
    )
    .post(
      '/exchange',
      async ({ body, accessJwt, request, server }) => {
        const agent = await service.exchange(body.code);
        if (!agent) throw unauthorized('This sign-in code is invalid, used or expired');
        const refreshToken = await deps.db.sql.begin(async (tx) => {
          await recordAudit(tx, {
            actor: { kind: 'agent', id: agent.id, label: agent.name },
            origin: requestOrigin(request, server, deps.config.trustProxy),
            organizationId: agent.organizationId,
            action: 'auth.sso.succeeded',
            target: { type: 'agent', id: agent.id },
            details: { email: agent.email },
          });
          return auth.startFamily(agent.id, tx);
        });
        return {
          accessToken: await accessJwt.sign({
            sub: agent.id,
            org: agent.organizationId,
            typ: 'agent',
            iam: Date.now(), // see auth's signAccess
          }),
          refreshToken,
          agent,
        };
      },
      {
        body: SsoExchangeBody,
        response: { 200: Session, ...errors(401) },
        detail: { summary: 'Exchange the one-time code of a finished sign-in for a session' },
      },
    );
};
