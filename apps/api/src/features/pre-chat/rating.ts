import {
  type Actor,
  type ConversationRepository,
  scopeOf,
  toConversationResource,
  uuidv7,
} from '@flc/core';
import { type ConversationRating, preChatLimits, type RatingCreate } from '@flc/protocol/resources';
import type { Sql } from '@flc/storage/postgres';
import { withEvents } from '../../domain/webhook-events.ts';
import { ApiError, conflict, notFound, validation } from '../../lib/errors.ts';
import type { VisitorActor } from '../../plugins/visitor-auth.ts';

interface RatingRow {
  conversation_id: string;
  score: number;
  comment: string | null;
  assignee_id: string | null;
  rated_at: Date;
}

const ratingColumns = 'conversation_id, score, comment, assignee_id, rated_at';

export const toRating = (r: RatingRow): ConversationRating => ({
  conversationId: r.conversation_id,
  score: r.score,
  comment: r.comment,
  assigneeId: r.assignee_id,
  ratedAt: r.rated_at.toISOString(),
});

/** Satisfaction ratings: given by the visitor once a conversation is closed, read by the team. */
export class RatingService {
  constructor(
    private readonly sql: Sql,
    private readonly conversations: ConversationRepository,
  ) {}

  /** The conversation's rating, or null; its conversation must be in the actor's reach (404). */
  async get(actor: Actor, conversationId: string) {
    await this.conversations.get(scopeOf(actor), conversationId);
    const [row] = await this.sql<RatingRow[]>`
      select ${this.sql.unsafe(ratingColumns)} from conversation_ratings
      where conversation_id = ${conversationId}`;
    return { rating: row ? toRating(row) : null };
  }

  /**
   * Rates a closed conversation (409 otherwise), or changes the rating within
   * `ratingChangeDays` of the first one (409 after). Records `conversation.rated` with it.
   */
  async rate(
    visitor: VisitorActor,
    conversationId: string,
    input: RatingCreate,
    /** A rating link of a mail: rates once, a second time is 409 `already_rated`. */
    once = false,
  ) {
    const comment = input.comment?.trim() || null;
    if (input.comment && !comment) {
      throw validation('The comment is blank', [{ path: '/comment', message: 'Blank' }]);
    }
    const conversation = await this.conversations.get(scopeOf(visitor), conversationId);
    const row = await withEvents(this.sql, async (tx) => {
      const [current] = await tx<{ status: string; assignee_id: string | null }[]>`
        select status, assignee_id from conversations where id = ${conversationId} for update`;
      if (!current) throw notFound('Conversation');
      if (current.status !== 'closed') {
        throw new ApiError(409, 'not_closed', 'Only a closed conversation can be rated');
      }
      const [rated] = await tx<RatingRow[]>`
        insert into conversation_ratings
          (conversation_id, organization_id, environment_id, score, comment, assignee_id)
        values (${conversationId}, ${conversation.organization_id},
                ${conversation.environment_id}, ${input.score}, ${comment},
                ${current.assignee_id})
        on conflict (conversation_id) do update set
          score = excluded.score, comment = excluded.comment, rated_at = now()
          where not ${once} and conversation_ratings.first_rated_at
                > now() - make_interval(days => ${preChatLimits.ratingChangeDays})
        returning ${tx.unsafe(ratingColumns)}`;
      if (!rated && once) {
        throw new ApiError(409, 'already_rated', 'This conversation is already rated');
      }
      if (!rated) throw conflict('This rating can no longer be changed');
      const rating = toRating(rated);
      const event = {
        id: uuidv7(),
        type: 'conversation.rated' as const,
        organizationId: conversation.organization_id,
        environmentId: conversation.environment_id,
        subjectId: conversationId,
        occurredAt: rating.ratedAt,
        data: { conversation: toConversationResource(conversation), rating },
      };
      return { value: rating, events: [event] };
    });
    return row;
  }

  /**
   * A rating sent through a transcript's link (the signed token named the conversation): the
   * conversation's own contact rates it, by the widget's path, once.
   */
  async rateByMail(conversationId: string, input: RatingCreate) {
    const [row] = await this.sql<
      { contact_id: string; organization_id: string; environment_id: string }[]
    >`select contact_id, organization_id, environment_id from conversations
      where id = ${conversationId}`;
    if (!row) throw notFound('Conversation');
    const visitor: VisitorActor = {
      type: 'visitor',
      id: row.contact_id,
      organizationId: row.organization_id,
      environmentId: row.environment_id,
    };
    return this.rate(visitor, conversationId, input, true);
  }
}
