import type { AwayReplyClaims } from '@flc/core';
import type { Sql } from './database.ts';

/** The `away_replies` table: one row per conversation, moved on by each away message it got. */
export class PostgresAwayReplyClaims implements AwayReplyClaims {
  constructor(private readonly sql: Sql) {}

  async claim(
    organizationId: string,
    conversationId: string,
    seq: number,
    teamSeq: number,
  ): Promise<boolean> {
    // Only one of racing claims moves the row: the others then see an answer after the team's.
    const rows = await this.sql`
      insert into away_replies (conversation_id, organization_id, answered_seq)
      values (${conversationId}, ${organizationId}, ${seq})
      on conflict (conversation_id) do update set
        answered_seq = excluded.answered_seq, replied_at = now()
        where away_replies.answered_seq < ${teamSeq}
          and away_replies.answered_seq < excluded.answered_seq
      returning answered_seq`;
    return rows.length > 0;
  }
}
