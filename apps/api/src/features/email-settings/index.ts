import { EmailSettings, EmailSettingsPut } from '@flc/protocol/resources';
import { Elysia } from 'elysia';
import type { ApiDeps } from '../../deps.ts';
import { errors, IdParams } from '../../lib/models.ts';
import { PlanGuard } from '../../lib/plan-guard.ts';
import { inboxAudit } from '../../plugins/audit-context.ts';
import { inboxAuth, inboxSecurity as security } from '../../plugins/inbox-auth.ts';
import { EmailSettingsService } from './service.ts';

/** Owners, admins and the environment's API keys read and switch its email continuity. */
export const emailSettingsRoutes = (deps: ApiDeps) => {
  const service = new EmailSettingsService(deps.db.sql);
  const plans = new PlanGuard(deps.planDirectory);
  return new Elysia({ prefix: '/v1/environments', tags: ['environments'] })
    .use(inboxAuth(deps))
    .use(inboxAudit(deps))
    .get('/:id/email-continuity', ({ actor, params }) => service.get(actor, params.id), {
      params: IdParams,
      response: { 200: EmailSettings, ...errors(403, 404) },
      detail: {
        summary: 'Whether the environment answers visitors by email (owner, admin, its API keys)',
        description: 'Never changed: `enabled` true, `updatedAt` null.',
        security,
      },
    })
    .put(
      '/:id/email-continuity',
      async ({ actor, audit, params, body }) => {
        // Switching it off is always allowed; on, only on a plan that has it.
        if (body.enabled) await plans.requireFeature(actor.organizationId, 'emailContinuity');
        return service.put(audit, actor, params.id, body);
      },
      {
        params: IdParams,
        body: EmailSettingsPut,
        response: { 200: EmailSettings, ...errors(402, 403, 404) },
        detail: {
          summary: 'Switch email continuity on or off (owner, admin, its API keys)',
          description:
            "Off: no reply mail is scheduled, those waiting are dropped, and the widget stops asking away visitors for an email. Audited as `environment.email_continuity_changed` (only when it changes). Switching it on is 402 `plan_feature_unavailable` when the organization's plan has no email continuity (`emailContinuity`).",
          security,
        },
      },
    );
};
