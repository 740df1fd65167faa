import { SearchPage } from '@flc/protocol/resources';
import { Elysia } from 'elysia';
import type { ApiDeps } from '../../deps.ts';
import { errors } from '../../lib/models.ts';
import { inboxAuth, inboxSecurity as security } from '../../plugins/inbox-auth.ts';
import { SearchQuery } from './model.ts';
import { SearchService } from './service.ts';

export const searchRoutes = (deps: ApiDeps) => {
  const service = new SearchService(deps.db.sql, deps.messageStore);
  return new Elysia({ prefix: '/v1/search', tags: ['search'] })
    .use(inboxAuth(deps))
    .get('', ({ actor, query }) => service.search(actor, query), {
      query: SearchQuery,
      response: { 200: SearchPage, ...errors(400, 404) },
      detail: {
        summary: 'Search messages, notes, contacts and conversations (an API key: its environment)',
        description:
          "Ranked and paged (at most 500 hits per query). `all` lists the 10 best contacts, then the 10 best conversations, then messages and notes. Each hit has a plain-text `snippet` and the `highlights` to mark in it; a message hit names its conversation and seq. The organization's `searchLanguage` decides how messages are split into words. 404 for an environment outside the caller's reach.",
        security,
      },
    });
};
