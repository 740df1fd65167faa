import { Mention } from '@flc/protocol/resources';
import { Elysia, t } from 'elysia';
import type { ApiDeps } from '../../deps.ts';
import { errors, IdParams } from '../../lib/models.ts';
import { agentAuth } from '../../plugins/auth.ts';
import { MentionPage, MentionsQuery, MentionsRead, MentionsReadResult } from './model.ts';
import { MentionService } from './service.ts';

const security = [{ bearer: [] }];

/** The calling agent's mentions in private notes (`@handle`); live as `mention` frames. */
export const mentionRoutes = (deps: ApiDeps) => {
  const service = new MentionService(deps.db.sql);
  return new Elysia({ prefix: '/v1/me/mentions', tags: ['mentions'] })
    .use(agentAuth(deps))
    .get('', ({ agent, query }) => service.list(agent, query), {
      query: MentionsQuery,
      response: { 200: MentionPage, ...errors(400) },
      detail: {
        summary: 'Your mentions in private notes, newest first, with how many are unread',
        security,
      },
    })
    .post('/:id/read', ({ agent, params }) => service.markRead(agent, params.id), {
      params: IdParams,
      response: { 200: Mention, ...errors(404) },
      detail: { summary: 'Mark one of your mentions read', security },
    })
    .post('/read', ({ agent, body }) => service.markAllRead(agent, body ?? undefined), {
      body: t.Optional(MentionsRead),
      response: { 200: MentionsReadResult },
      detail: {
        summary: 'Mark all your mentions read, or those in one conversation',
        security,
      },
    });
};
