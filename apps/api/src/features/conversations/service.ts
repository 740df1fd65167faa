import { type ConversationService, scopeOf } from '@flc/core';
import type { ConversationPatch as ConversationPatchBody } from '@flc/protocol/resources';
import type { PostgresConversationStore } from '@flc/storage/postgres';
import { toConversation } from '../../domain/conversation.ts';
import { validation } from '../../lib/errors.ts';
import { activityKey, decodeActivityCursor, toPage } from '../../lib/pagination.ts';
import type { InboxActor } from '../../plugins/inbox-auth.ts';
import type { ConversationsQuery } from './model.ts';

/** The inbox as agents and tenant backends see it: newest activity first. */
export class InboxService {
  constructor(
    private readonly conversations: PostgresConversationStore,
    private readonly service: ConversationService,
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
        labelId: query.label,
      },
      { limit, after: decodeActivityCursor(query.cursor) },
    );
    return toPage(rows, limit, toConversation, activityKey);
  }

  async get(actor: InboxActor, id: string) {
    return toConversation(await this.conversations.get(scopeOf(actor), id));
  }

  /** Status, assignee and snooze, as the shared ConversationService changes them. */
  async patch(actor: InboxActor, id: string, body: ConversationPatchBody) {
    return toConversation(await this.service.change(actor, id, body));
  }

  /** Puts a label on (`on`) or takes it off, as the shared ConversationService does. */
  async label(actor: InboxActor, id: string, labelId: string, on: boolean) {
    return toConversation(await this.service.label(actor, id, labelId, on));
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
