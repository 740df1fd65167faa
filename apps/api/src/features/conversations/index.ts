import { toMessageResource } from '@flc/core';
import {
  Conversation,
  ConversationPatch,
  Message,
  MessageCreate,
  MessagePage,
} from '@flc/protocol/resources';
import { Elysia } from 'elysia';
import type { ApiDeps } from '../../deps.ts';
import { errors, IdParams, LabelTargetParams, MessagesQuery, page } from '../../lib/models.ts';
import { requestIdOf, traceparentOf } from '../../lib/request-context.ts';
import { inboxAuth, inboxSecurity as security } from '../../plugins/inbox-auth.ts';
import { RatingService } from '../pre-chat/rating.ts';
import { ConversationsQuery, RatedConversation } from './model.ts';
import { InboxService } from './service.ts';

export const conversationRoutes = (deps: ApiDeps) => {
  const inbox = new InboxService(deps.conversations, deps.conversationService);
  const ratings = new RatingService(deps.db.sql, deps.conversations);
  const { messages } = deps;
  return new Elysia({ prefix: '/v1/conversations', tags: ['inbox'] })
    .use(inboxAuth(deps))
    .get('', ({ actor, query }) => inbox.list(actor, query), {
      query: ConversationsQuery,
      response: { 200: page(Conversation), ...errors(400) },
      detail: {
        summary: 'Conversations, newest activity first (an API key sees its environment only)',
        security,
      },
    })
    .get(
      '/:id',
      async ({ actor, params }) => ({
        ...(await inbox.get(actor, params.id)),
        ...(await ratings.get(actor, params.id)),
      }),
      {
        params: IdParams,
        response: { 200: RatedConversation, ...errors(404) },
        detail: {
          summary: "One conversation, with the visitor's satisfaction rating (null: none yet)",
          security,
        },
      },
    )
    .patch('/:id', ({ actor, params, body }) => inbox.patch(actor, params.id, body), {
      params: IdParams,
      body: ConversationPatch,
      response: { 200: Conversation, ...errors(404) },
      detail: {
        summary: 'Change the status, the team or the assignee; agents see it live',
        description:
          '422 for an assignee that is not an active agent of the organization, a team of another organization, or an assignee outside the team given with it. Unassigning (or closing) in an environment that assigns automatically runs an assignment round; a round never gives a conversation back to the agent unassigned from it by hand.',
        security,
      },
    })
    .put(
      '/:id/labels/:labelId',
      ({ actor, params }) => inbox.label(actor, params.id, params.labelId, true),
      {
        params: LabelTargetParams,
        response: { 200: Conversation, ...errors(404, 409) },
        detail: {
          summary:
            'Put a label on; agents see it live, webhooks get conversation.labels_changed (409: it carries 20)',
          description:
            "Idempotent: a label that is on already changes nothing and sends no event. 404 for a conversation outside the caller's reach or a label of another organization.",
          security,
        },
      },
    )
    .delete(
      '/:id/labels/:labelId',
      ({ actor, params }) => inbox.label(actor, params.id, params.labelId, false),
      {
        params: LabelTargetParams,
        response: { 200: Conversation, ...errors(404) },
        detail: {
          summary: 'Take a label off; agents see it live, webhooks get conversation.labels_changed',
          description: 'Idempotent: a label that is not on changes nothing and sends no event.',
          security,
        },
      },
    )
    .get(
      '/:id/messages',
      ({ actor, params, query }) =>
        messages.history(actor, params.id, { ...query, limit: query.limit ?? 20 }),
      {
        params: IdParams,
        query: MessagesQuery,
        response: { 200: MessagePage, ...errors(404) },
        detail: { summary: 'Stored messages by seq range, ascending', security },
      },
    )
    .post(
      '/:id/messages',
      async ({ actor, params, body, request, set }) => {
        const { message } = await messages.append(actor, {
          conversationId: params.id,
          ...body,
          requestId: requestIdOf(request),
          traceparent: traceparentOf(request),
        });
        set.status = 201;
        return toMessageResource(message);
      },
      {
        params: IdParams,
        body: MessageCreate,
        response: { 201: Message, ...errors(402, 404) },
        detail: {
          summary:
            'Send as the agent, or as `bot` with an API key; a repeated cid returns the first',
          description:
            'Messages and notes count towards the plan\'s messages a month (`messagesPerMonth`), across every process: past it, 402 `plan_limit_reached` ("Your plan allows N messages a month"). A retried cid counts again.',
          security,
        },
      },
    );
};
