import {
  AuthOptions,
  PasswordResetAccepted,
  PasswordResetConfirmBody,
  PasswordResetRequestBody,
} from '@flc/protocol/resources';
import { Elysia, t } from 'elysia';
import type { ApiDeps } from '../../deps.ts';
import { apiBudgets } from '../../lib/budgets.ts';
import { clientIp } from '../../lib/client-ip.ts';
import { ApiError, rateLimited } from '../../lib/errors.ts';
import { JobQueue } from '../../lib/job-queue.ts';
import { ErrorResponse } from '../../lib/models.ts';
import { requestOrigin } from '../../plugins/audit-context.ts';
import { PasswordResetService } from './service.ts';

/** A 404, not a 5xx: the server works as set up, it has no reset to offer. */
const mailNotConfigured = () =>
  new ApiError(
    404,
    'mail_not_configured',
    'Password reset by email is not set up on this server; ask an owner or admin of your organization',
  );

/**
 * `POST /v1/auth/password-reset` and `/confirm`, on when the host has a mailer and a public URL
 * (`FLC_SMTP_URL`, `FLC_MAIL_FROM`, `FLC_PUBLIC_URL`); `GET /v1/auth/options` says which.
 */
export const passwordResetRoutes = (deps: ApiDeps) => {
  const { config, mailer } = deps;
  const service =
    mailer && config.publicUrl
      ? new PasswordResetService(deps.db.sql, mailer, deps.bus, {
          ttlSeconds: config.passwordResetTtl,
          publicUrl: new URL(config.publicUrl).origin,
        })
      : undefined;
  const { passwordResetEmail: byEmail, passwordResetIp: byIp } = apiBudgets(config);
  const limiter = deps.rateLimiter;
  const jobs = deps.jobs ?? new JobQueue();

  return new Elysia({ prefix: '/v1/auth', tags: ['auth'] })
    .get('/options', () => ({ passwordReset: service !== undefined }), {
      // 422: as any route, for a query or path that is not well-formed text.
      response: { 200: AuthOptions, 422: ErrorResponse },
      detail: {
        summary: 'How agents can sign in and recover their account here',
        description: 'Public: the console shows "Forgot password?" only when `passwordReset`.',
      },
    })
    .post(
      '/password-reset',
      async ({ body, request, server, set }) => {
        if (!service) throw mailNotConfigured();
        const ip = clientIp(request, server, config.trustProxy);
        const ipWait = byIp ? await limiter.take(byIp, ip) : 0;
        if (ipWait > 0) throw rateLimited(ipWait);
        const email = body.email.trim().toLowerCase();
        const emailWait = byEmail ? await limiter.take(byEmail, email) : 0;
        if (emailWait > 0) {
          if (byIp) await limiter.giveBack(byIp, ip);
          throw rateLimited(emailWait);
        }
        const origin = requestOrigin(request, server, config.trustProxy);
        // Looked up and mailed after answering: known and unknown emails answer alike, as fast.
        jobs.push('password reset mail', () => service.send(email, origin));
        set.status = 202;
        return { status: 'accepted' as const };
      },
      {
        body: PasswordResetRequestBody,
        response: {
          202: PasswordResetAccepted,
          422: ErrorResponse,
          429: ErrorResponse,
          404: ErrorResponse,
        },
        detail: {
          summary: 'Mail a password reset link',
          description:
            'Public. Always 202 `{"status": "accepted"}`, whether or not an active account has this email (only such an account gets a mail, with a link to `<FLC_PUBLIC_URL>/reset-password#token=…` that works once within `FLC_PASSWORD_RESET_TTL` seconds; a newer link replaces the earlier ones). 429 `rate_limited` with `retry-after` past `FLC_PASSWORD_RESET_MAX_PER_EMAIL` or `FLC_PASSWORD_RESET_MAX_PER_IP` requests within `FLC_PASSWORD_RESET_WINDOW`. 404 `mail_not_configured` when the server has no SMTP server set up (both routes).',
        },
      },
    )
    .post(
      '/password-reset/confirm',
      async ({ body, request, server, set }) => {
        if (!service) throw mailNotConfigured();
        const origin = requestOrigin(request, server, config.trustProxy);
        await service.confirm(body.token, body.password, origin);
        set.status = 204;
      },
      {
        body: PasswordResetConfirmBody,
        response: {
          204: t.Void({ description: 'Password set; every earlier session of the agent ended' }),
          400: ErrorResponse,
          422: ErrorResponse,
          404: ErrorResponse,
        },
        detail: {
          summary: 'Set a new password with a reset token',
          description:
            'Public: the token is the credential. Sets the password (the rules of sign-up: 422 `validation` on `body.password` for a short or common one, or the account email or name), spends the token, revokes every refresh token and earlier access token of the agent and closes its open sockets; the agent then logs in. 400 `reset_token_used`, `reset_token_expired`, or `reset_token_invalid` (unknown, or the agent is no longer active).',
        },
      },
    );
};
