import { CannedResponse, CannedResponseCreate, CannedResponsePatch } from '@flc/protocol/resources';
import { Elysia, t } from 'elysia';
import type { ApiDeps } from '../../deps.ts';
import { errors, IdParams, page } from '../../lib/models.ts';
import { inboxAudit } from '../../plugins/audit-context.ts';
import { inboxAuth, inboxSecurity as security } from '../../plugins/inbox-auth.ts';
import { CannedResponsesQuery } from './model.ts';
import { CannedResponseService } from './service.ts';

const WHO = [
  'Agents see the organization-wide responses and their own personal ones; another agent’s',
  'personal response is 404 to them. Owners, admins and API keys manage the organization-wide',
  'ones (an agent gets 403); every agent manages its own personal ones; API keys never reach',
  'personal ones.',
].join(' ');

/** Saved replies agents insert with `/shortcut`; every write goes to the audit log. */
export const cannedResponseRoutes = (deps: ApiDeps) => {
  const service = new CannedResponseService(deps.db.sql);
  return new Elysia({ prefix: '/v1/canned-responses', tags: ['canned responses'] })
    .use(inboxAuth(deps))
    .use(inboxAudit(deps))
    .get('', ({ actor, query }) => service.list(actor, query), {
      query: CannedResponsesQuery,
      response: { 200: page(CannedResponse), ...errors(400) },
      detail: {
        summary: 'Canned responses this agent or key sees, by shortcut',
        description: WHO,
        security,
      },
    })
    .post(
      '',
      async ({ actor, audit, body, set }) => {
        const created = await service.create(actor, audit, body);
        set.status = 201;
        return created;
      },
      {
        body: CannedResponseCreate,
        response: { 201: CannedResponse, ...errors(403, 409) },
        detail: {
          summary: 'Save a canned response (organization-wide or personal)',
          description: `${WHO} A shortcut already taken in the same scope, ignoring case, is 409.`,
          security,
        },
      },
    )
    .get('/:id', ({ actor, params }) => service.get(actor, params.id), {
      params: IdParams,
      response: { 200: CannedResponse, ...errors(404) },
      detail: { summary: 'One canned response', description: WHO, security },
    })
    .patch(
      '/:id',
      ({ actor, audit, params, body }) => service.update(actor, audit, params.id, body),
      {
        params: IdParams,
        body: CannedResponsePatch,
        response: { 200: CannedResponse, ...errors(403, 404, 409) },
        detail: { summary: 'Change a canned response', description: WHO, security },
      },
    )
    .delete(
      '/:id',
      async ({ actor, audit, params, set }) => {
        await service.remove(actor, audit, params.id);
        set.status = 204;
      },
      {
        params: IdParams,
        response: { 204: t.Void({ description: 'Deleted' }), ...errors(403, 404) },
        detail: { summary: 'Delete a canned response', description: WHO, security },
      },
    );
};
