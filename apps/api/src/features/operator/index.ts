import {
  Operator,
  OperatorSession,
  OperatorSessionBody,
  TwoFactorConfirmBody,
  TwoFactorEnrolment,
} from '@flc/protocol/resources';
import { Elysia, t } from 'elysia';
import type { ApiDeps } from '../../deps.ts';
import { apiBudgets } from '../../lib/budgets.ts';
import { clientIp } from '../../lib/client-ip.ts';
import { errors } from '../../lib/models.ts';
import { requestOrigin } from '../../plugins/audit-context.ts';
import { LoginGuard } from '../auth/login-guard.ts';
import { toOperator } from './accounts.ts';
import { OPERATOR, operatorAuth, operatorSecurity, operatorTokens } from './auth.ts';
import { OperatorSignIn } from './sign-in.ts';
import { operatorTenantRoutes } from './tenant-routes.ts';
import { operatorUsageRoutes } from './usage-routes.ts';

const TwoFactorState = t.Object({
  enabled: t.Boolean(),
  enabledAt: t.Union([t.String({ format: 'date-time' }), t.Null()]),
});

/**
 * The platform operators' sign-in, their own two-factor, and (tenant-routes.ts) what they do
 * over tenants. Operators are made by the CLI (`bun run operator:create`), never here.
 */
export const operatorRoutes = (deps: ApiDeps) => {
  const { config } = deps;
  const budgets = apiBudgets(config);
  const signIn = new OperatorSignIn(
    deps.db.sql,
    deps.jwtSecret,
    deps.rateLimiter,
    budgets.twoFactor,
  );
  // The agents' failure budgets per email and per IP, under keys of their own.
  const guard = new LoginGuard(
    deps.rateLimiter,
    { loginEmail: budgets.loginEmail, loginIp: budgets.loginIp, loginDevice: null },
    deps.jwtSecret,
  );

  const session = new Elysia({ prefix: '/v1/operator', tags: ['Operator'] })
    .use(operatorTokens(deps))
    .post(
      '/session',
      async ({ body, operatorJwt, request, server }) => {
        const email = body.email.trim().toLowerCase();
        const ip = clientIp(request, server, config.trustProxy);
        const attempt = await guard.begin(`operator:${email}`, ip, undefined);
        const origin = requestOrigin(request, server, config.trustProxy);
        const row = await signIn.signIn(email, body.password, body.code, { origin }, () =>
          attempt.succeeded(),
        );
        return {
          // `iam`: issued at, in ms, so a reset with the CLI ends exactly the tokens before it.
          accessToken: await operatorJwt.sign({ sub: row.id, typ: OPERATOR, iam: Date.now() }),
          expiresIn: config.operatorTokenTtl,
          operator: toOperator(row),
        };
      },
      {
        body: OperatorSessionBody,
        response: { 200: OperatorSession, ...errors(401, 429) },
        detail: {
          summary: "Sign an operator in: an operator's access token",
          description:
            "Email and password, and `code` (TOTP) once the operator enrolled in two-factor: without it, 401 `two_factor_required` after a right password. A wrong email, password or code, or a disabled operator, is 401 `unauthorized`. Failures count as agents' logins do (per email and per IP, `FLC_LOGIN_MAX_FAILURES*`; codes per operator, `FLC_TWO_FACTOR_MAX_FAILURES`): 429 with retry-after past them. The token lasts `FLC_OPERATOR_TOKEN_TTL` and opens /v1/operator only. Every sign-in and failure is in the operators' log.",
        },
      },
    );

  const own = new Elysia({ prefix: '/v1/operator', tags: ['Operator'] })
    .use(operatorAuth(deps))
    .get(
      '/me',
      async ({ operator }) => {
        const row = await signIn.byId(operator.id);
        if (!row) throw new Error('an authenticated operator has a row');
        return toOperator(row);
      },
      {
        response: { 200: Operator },
        detail: { summary: 'The signed-in operator', security: operatorSecurity },
      },
    )
    .get('/two-factor', ({ operator }) => signIn.status(operator.id), {
      response: { 200: TwoFactorState },
      detail: { summary: "The operator's two-factor sign-in", security: operatorSecurity },
    })
    .post('/two-factor', ({ operator }) => signIn.start(operator), {
      response: { 200: TwoFactorEnrolment, ...errors(409) },
      detail: {
        summary: 'Start two-factor enrolment: a new TOTP secret',
        description:
          'Confirm with a first code (POST /v1/operator/two-factor/confirm); from then on sign-in needs a code. 409 when it is on already. Lost the phone? `bun run operator:create --email … --reset-two-factor`.',
        security: operatorSecurity,
      },
    })
    .post(
      '/two-factor/confirm',
      async ({ context, body, set }) => {
        await signIn.confirm(context, body.code);
        set.status = 204;
      },
      {
        body: TwoFactorConfirmBody,
        response: { 204: t.Void({ description: 'Two-factor is on' }), ...errors(409, 429) },
        detail: { summary: 'Turn two-factor on with a first code', security: operatorSecurity },
      },
    )
    .delete(
      '/two-factor',
      async ({ context, body, set }) => {
        await signIn.disable(context, body.code);
        set.status = 204;
      },
      {
        body: TwoFactorConfirmBody,
        response: { 204: t.Void({ description: 'Two-factor is off' }), ...errors(409, 429) },
        detail: { summary: 'Turn two-factor off with a current code', security: operatorSecurity },
      },
    );

  return new Elysia({ name: 'flc/operator' })
    .use(session)
    .use(own)
    .use(operatorTenantRoutes(deps))
    .use(operatorUsageRoutes(deps));
};
