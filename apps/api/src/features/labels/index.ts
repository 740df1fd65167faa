import { Label, LabelCreate, LabelList, LabelPatch } from '@flc/protocol/resources';
import { Elysia, t } from 'elysia';
import type { ApiDeps } from '../../deps.ts';
import { errors, IdParams } from '../../lib/models.ts';
import { agentAudit } from '../../plugins/audit-context.ts';
import { agentAuth, requireManager } from '../../plugins/auth.ts';
import { inboxAuth, inboxSecurity } from '../../plugins/inbox-auth.ts';
import { LabelService } from './service.ts';

const security = [{ bearer: [] }];

/** Every agent reads the labels, and so does an API key (to label what its backend syncs). */
const readRoutes = (deps: ApiDeps, service: LabelService) =>
  new Elysia({ prefix: '/v1/labels', tags: ['labels'] })
    .use(inboxAuth(deps))
    .get('', ({ actor }) => service.list(actor.organizationId), {
      response: { 200: LabelList },
      detail: { summary: 'Every label of the organization, by name', security: inboxSecurity },
    })
    .get('/:id', ({ actor, params }) => service.get(actor.organizationId, params.id), {
      params: IdParams,
      response: { 200: Label, ...errors(404) },
      detail: { summary: 'One label', security: inboxSecurity },
    });

/** Owners and admins create, rename, recolor and delete them; each change is audited. */
const manageRoutes = (deps: ApiDeps, service: LabelService) =>
  new Elysia({ prefix: '/v1/labels', tags: ['labels'] })
    .use(agentAuth(deps))
    .use(agentAudit(deps))
    .post(
      '',
      async ({ agent, audit, body, set }) => {
        requireManager(agent);
        const label = await service.create(audit, agent.organizationId, body);
        set.status = 201;
        return label;
      },
      {
        body: LabelCreate,
        response: { 201: Label, ...errors(403, 409) },
        detail: {
          summary: 'Create a label (owner, admin); 409 for a name in use, whatever its case',
          security,
        },
      },
    )
    .patch(
      '/:id',
      ({ agent, audit, params, body }) => {
        requireManager(agent);
        return service.update(audit, agent.organizationId, params.id, body);
      },
      {
        params: IdParams,
        body: LabelPatch,
        response: { 200: Label, ...errors(403, 404, 409) },
        detail: { summary: 'Rename, recolor or describe a label (owner, admin)', security },
      },
    )
    .delete(
      '/:id',
      async ({ agent, audit, params, set }) => {
        requireManager(agent);
        await service.delete(audit, agent.organizationId, params.id);
        set.status = 204;
      },
      {
        params: IdParams,
        response: {
          204: t.Void({ description: 'Deleted, and taken off every conversation and contact' }),
          ...errors(403, 404),
        },
        detail: { summary: 'Delete a label (owner, admin)', security },
      },
    );

export const labelRoutes = (deps: ApiDeps) => {
  const service = new LabelService(deps.db.sql);
  return new Elysia().use(readRoutes(deps, service)).use(manageRoutes(deps, service));
};
