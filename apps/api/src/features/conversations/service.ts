import { announce, type Bus, type PrincipalDirectory, scopeOf } from '@flc/core';
import { type ConversationPatch, PostgresConversationStore, type Sql } from '@flc/storage/postgres';
import { toConversation } from '../../domain/conversation.ts';
import { conversationEvent, withEvents } from '../../domain/webhook-events.ts';
import { validation } from '../../lib/errors.ts';
import { activityKey, decodeActivityCursor, toPage } from '../../lib/pagination.ts';
import type { InboxActor } from '../../plugins/inbox-auth.ts';
import type { ConversationPatch as ConversationPatchBody, ConversationsQuery } from './model.ts';

/** The inbox as agents and tenant backends see it: newest activity first. */
export class InboxService {
  constructor(
    private readonly sql: Sql,
    private readonly bus: Bus,
    private readonly conversations: PostgresConversationStore,
    private readonly principals: PrincipalDirectory,
  ) {}

  async list(actor: InboxActor, query: ConversationsQuery) {
    const limit = query.limit ?? 20;
    const rows = await this.conversations.list(
      scopeOf(actor),
      {
        status: query.status,
        assigneeId: this.assignee(actor, query.assignee),
        environmentId: query.environmentId,
        contactId: query.contactId,
      },
      { limit, after: decodeActivityCursor(query.cursor) },
    );
    return toPage(rows, limit, toConversation, activityKey);
  }

  async get(actor: InboxActor, id: string) {
    return toConversation(await this.conversations.get(scopeOf(actor), id));
  }

  /**
   * Agents working the inbox see the change live (`conversation` event `updated`), webhooks get
   * `conversation.updated` (recorded with the change). Assigns only to an active agent of the
   * conversation's organization (else 422). `snoozedUntil` goes with `status: 'snoozed'` only,
   * in the future (else 422); the snooze waker opens the conversation once it has passed.
   */
  async patch(actor: InboxActor, id: string, body: ConversationPatchBody) {
    const scope = scopeOf(actor);
    const patch: ConversationPatch = {
      status: body.status,
      assigneeId: body.assigneeId,
      snoozedUntil: this.snoozedUntil(body),
    };
    if (patch.status === undefined && patch.assigneeId === undefined) {
      return toConversation(await this.conversations.get(scope, id));
    }
    if (patch.assigneeId) {
      const agent = await this.principals.activeAgent(patch.assigneeId);
      if (agent?.organizationId !== scope.organizationId) {
        throw validation('The request is invalid', [
          { path: 'body.assigneeId', message: 'Not an active agent of this organization' },
        ]);
      }
    }
    // Where in the conversation the status is set: its messages numbered after it reopen it.
    // Asked once the scope reaches it, so the bus never keeps a counter of a foreign id.
    const head =
      patch.status === undefined
        ? 0
        : await this.conversations.get(scope, id).then(() => this.bus.headSeq(id));
    const row = await withEvents(this.sql, async (tx) => {
      const changed = await new PostgresConversationStore(tx).patch(scope, id, patch, head);
      return { value: changed, events: [conversationEvent('conversation.updated', changed)] };
    });
    await announce(this.bus, 'updated', row);
    return toConversation(row);
  }

  /** A future time, and only to snooze (else 422); any other status set clears it. */
  private snoozedUntil(body: ConversationPatchBody): Date | null {
    if (body.snoozedUntil === undefined || body.snoozedUntil === null) return null;
    const fail = (message: string) =>
      validation('The request is invalid', [{ path: 'body.snoozedUntil', message }]);
    if (body.status !== 'snoozed') throw fail('Only with status `snoozed`');
    const until = new Date(body.snoozedUntil);
    if (Number.isNaN(until.getTime())) throw fail('Not a time');
    if (until.getTime() <= Date.now()) throw fail('Must be in the future');
    return until;
  }

  private assignee(actor: InboxActor, assignee: string | undefined): string | null | undefined {
    if (assignee === 'none') return null;
    if (assignee !== 'me') return assignee;
    if (actor.type !== 'agent') {
      throw validation('The request is invalid', [
        { path: 'query.assignee', message: '`me` needs an agent token; an API key is no one' },
      ]);
    }
    return actor.id;
  }
}
