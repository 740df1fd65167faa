import { BusinessHours, BusinessHoursPut } from '@flc/protocol/resources';
import { Elysia } from 'elysia';
import type { ApiDeps } from '../../deps.ts';
import { errors, IdParams } from '../../lib/models.ts';
import { requireObjectFieldsOf } from '../../lib/object-fields.ts';
import { inboxAudit } from '../../plugins/audit-context.ts';
import { inboxAuth, inboxSecurity as security } from '../../plugins/inbox-auth.ts';
import { BusinessHoursService } from './service.ts';

/** Owners, admins and the environment's API keys read and set its business hours. */
export const businessHoursRoutes = (deps: ApiDeps) => {
  const service = new BusinessHoursService(
    deps.db.sql,
    deps.businessHours,
    deps.awayReplies,
    deps.bus,
  );
  return new Elysia({ prefix: '/v1/environments', tags: ['environments'] })
    .use(inboxAuth(deps))
    .use(inboxAudit(deps))
    .get('/:id/business-hours', ({ actor, params }) => service.get(actor, params.id), {
      params: IdParams,
      response: { 200: BusinessHours, ...errors(403, 404) },
      detail: {
        summary: "The environment's business hours and away settings (owner, admin, its API keys)",
        description:
          'Never set: `enabled` false (always open), an empty week in UTC, no away message, `updatedAt` null.',
        security,
      },
    })
    .put(
      '/:id/business-hours',
      ({ actor, audit, params, body }) => service.put(audit, actor, params.id, body),
      {
        params: IdParams,
        transform: requireObjectFieldsOf(BusinessHoursPut),
        body: BusinessHoursPut,
        response: { 200: BusinessHours, ...errors(403, 404) },
        detail: {
          summary: 'Set the business hours and away settings, whole (owner, admin, its API keys)',
          description:
            '422 with a detail per fault: an unknown time zone, a time not `HH:MM`, an interval ending before it starts, intervals of a day out of order or overlapping, more than 6 intervals a day or 100 holidays, a holiday that is no date. Audited as `environment.business_hours_changed`.',
          security,
        },
      },
    );
};
