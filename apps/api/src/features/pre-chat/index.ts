import {
  ConversationRating,
  PreChatForm,
  PreChatFormPut,
  PreChatSubmit,
  RatingCreate,
  WidgetContact,
} from '@flc/protocol/resources';
import { Elysia } from 'elysia';
import type { ApiDeps } from '../../deps.ts';
import { toWidgetContact } from '../../domain/contact.ts';
import { errors, IdParams } from '../../lib/models.ts';
import { requireObjectFieldsOf } from '../../lib/object-fields.ts';
import { inboxAuth, inboxSecurity as security } from '../../plugins/inbox-auth.ts';
import { visitorAuth } from '../../plugins/visitor-auth.ts';
import { RatingService } from './rating.ts';
import { PreChatFormService } from './service.ts';
import { submitPreChat } from './submit.ts';

/** Owners and admins set an environment's pre-chat form; API keys of it read it. */
export const preChatFormRoutes = (deps: ApiDeps) => {
  const service = new PreChatFormService(deps.db.sql);
  return new Elysia({ prefix: '/v1/environments', tags: ['environments'] })
    .use(inboxAuth(deps))
    .get('/:id/pre-chat-form', ({ actor, params }) => service.get(actor, params.id), {
      params: IdParams,
      response: { 200: PreChatForm, ...errors(403, 404) },
      detail: {
        summary: "The environment's pre-chat form and rating switch (owner, admin, its API keys)",
        security,
      },
    })
    .put('/:id/pre-chat-form', ({ actor, params, body }) => service.put(actor, params.id, body), {
      params: IdParams,
      transform: requireObjectFieldsOf(PreChatFormPut),
      body: PreChatFormPut,
      response: { 200: PreChatForm, ...errors(403, 404) },
      detail: {
        summary: 'Set the pre-chat form and rating switch, whole (owner, admin)',
        description:
          '422 for a duplicate key, `name`/`email` with another type than text/email, options on anything but a select, more than 10 fields. API keys read only (404 here).',
        security: [{ bearer: [] }],
      },
    });
};

const visitorSecurity = [{ visitorSession: [] }];

/** The visitor's side: answering the pre-chat form and rating a closed conversation. */
export const preChatWidgetRoutes = (deps: ApiDeps) => {
  const ratings = new RatingService(deps.db.sql, deps.conversations);
  return new Elysia({ prefix: '/v1/widget', tags: ['widget'] })
    .use(visitorAuth(deps))
    .post(
      '/pre-chat',
      async ({ visitor, body }) =>
        toWidgetContact(await submitPreChat(deps.db.sql, visitor, body.values)),
      {
        body: PreChatSubmit,
        response: { 200: WidgetContact, ...errors(403, 409) },
        detail: {
          summary: "Answer the environment's pre-chat form; the values go on the visitor's contact",
          description:
            '422 with one detail per field at fault (required, email format, select option, unknown key); 409 when the form is off. Webhooks get contact.updated when anything changed.',
          security: visitorSecurity,
        },
      },
    )
    .post(
      '/conversations/:id/rating',
      ({ visitor, params, body }) => ratings.rate(visitor, params.id, body),
      {
        params: IdParams,
        body: RatingCreate,
        response: { 200: ConversationRating, ...errors(403, 404, 409) },
        detail: {
          summary: 'Rate a closed conversation 1–5, with an optional comment',
          description:
            'One rating per conversation; rating again changes it within 7 days of the first (409 `conflict` after, and 409 `not_closed` while the conversation is not closed). Webhooks get conversation.rated.',
          security: visitorSecurity,
        },
      },
    );
};

export { RatingService };
