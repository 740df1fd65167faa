import { type Actor, type ChangeRights, toMessageResource } from '@flc/core';
import { Message, MessageChangePage, MessageEdit } from '@flc/protocol/resources';
import { Elysia } from 'elysia';
import type { ApiDeps } from '../../deps.ts';
import { eraseAttachments } from '../../domain/erasure.ts';
import { ChangesQuery, errors, IdParams, MessageParams } from '../../lib/models.ts';
import { type InboxActor, inboxAuth, inboxSecurity } from '../../plugins/inbox-auth.ts';
import { visitorAuth } from '../../plugins/visitor-auth.ts';

/** Owners and admins may change any agent's message or note; everyone else only their own. */
const rightsOf = (actor: InboxActor): ChangeRights => ({
  moderates: actor.type === 'agent' && (actor.role === 'owner' || actor.role === 'admin'),
});
const visitorRights: ChangeRights = { moderates: false };

/** The routes' schemas and documents, the same for the team and for the visitor. */
function schemas(audience: 'team' | 'visitor', security: Record<string, string[]>[]) {
  const whose =
    audience === 'visitor'
      ? 'one of its own messages, within FLC_VISITOR_EDIT_WINDOW_SECONDS of sending it'
      : 'a message the caller wrote (owners and admins: any agent’s message or note)';
  return {
    edit: {
      params: MessageParams,
      body: MessageEdit,
      response: { 200: Message, ...errors(403, 404, 409) },
      detail: {
        summary: `Edit ${whose}`,
        description:
          'The message keeps its seq; the edit is the conversation’s next rev: live as `message.updated`, and `message.updated` (`note.updated` for a note) to webhooks. 409 when it is deleted, or not stored yet (retry).',
        security,
      },
    },
    remove: {
      params: MessageParams,
      response: { 200: Message, ...errors(403, 404, 409) },
      detail: {
        summary: `Delete ${whose}`,
        description:
          'It keeps its place with an empty body and `deletedAt`: live as `message.deleted`, and `message.deleted` (`note.deleted`) to webhooks. 409 when it is deleted already.',
        security,
      },
    },
    changes: {
      params: IdParams,
      query: ChangesQuery,
      response: { 200: MessageChangePage, ...errors(404) },
      detail: {
        summary: 'Edited and deleted messages after a rev',
        description:
          audience === 'visitor'
            ? 'What a resuming widget missed (no notes).'
            : 'What a resuming client missed, notes included.',
        security,
      },
    },
  };
}

/** Edit, delete and the changes after a rev: for the inbox and for the widget. */
export const messageChangeRoutes = (deps: ApiDeps) => {
  const changes = deps.messageChanges;
  /** Deletes the message, then the files it carried: their bytes and their rows. */
  const remove = async (actor: Actor, rights: ChangeRights, id: string, seq: number) => {
    const before = await deps.messages.history(actor, id, { afterSeq: seq - 1, limit: 1 });
    const message = await changes.remove(actor, rights, id, seq);
    const carried = before.items[0]?.seq === seq ? (before.items[0].attachments ?? []) : [];
    await eraseAttachments(
      { blobs: deps.blobs, sql: deps.db.sql },
      message.organizationId,
      carried.map((a) => a.id),
    );
    return toMessageResource(message);
  };
  const team = schemas('team', inboxSecurity);
  const own = schemas('visitor', [{ visitorSession: [] }]);
  const inbox = new Elysia({ prefix: '/v1/conversations', tags: ['inbox'] })
    .use(inboxAuth(deps))
    .patch(
      '/:id/messages/:seq',
      async ({ actor, params, body }) =>
        toMessageResource(
          await changes.edit(actor, rightsOf(actor), params.id, params.seq, body.body),
        ),
      team.edit,
    )
    .delete(
      '/:id/messages/:seq',
      ({ actor, params }) => remove(actor, rightsOf(actor), params.id, params.seq),
      team.remove,
    )
    .get(
      '/:id/changes',
      async ({ actor, params, query }) =>
        page(await changes.since(actor, params.id, query.afterRev ?? 0)),
      team.changes,
    );
  const widget = new Elysia({ prefix: '/v1/widget/conversations', tags: ['widget'] })
    .use(visitorAuth(deps))
    .patch(
      '/:id/messages/:seq',
      async ({ visitor, params, body }) =>
        toMessageResource(
          await changes.edit(visitor, visitorRights, params.id, params.seq, body.body),
        ),
      own.edit,
    )
    .delete(
      '/:id/messages/:seq',
      ({ visitor, params }) => remove(visitor, visitorRights, params.id, params.seq),
      own.remove,
    )
    .get(
      '/:id/changes',
      async ({ visitor, params, query }) =>
        page(await changes.since(visitor, params.id, query.afterRev ?? 0)),
      own.changes,
    );
  return new Elysia().use(inbox).use(widget);
};

const page = ({ changes, headRev }: Awaited<ReturnType<ApiDeps['messageChanges']['since']>>) => ({
  changes: changes.map(toMessageResource),
  headRev,
});
