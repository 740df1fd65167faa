import { type Static, Type as T } from '@sinclair/typebox';

/** An agent mentioned in a note: the socket's `mention` frame carries the same object. */
export { Mention } from '../frames.ts';

import { Mention } from '../frames.ts';

/** GET /v1/me/mentions: a page, newest first, and how many of the agent's are unread. */
export const MentionPage = T.Object({
  items: T.Array(Mention),
  nextCursor: T.Union([T.String(), T.Null()]),
  unread: T.Integer({ minimum: 0, description: "The agent's unread mentions, all pages" }),
});
export type MentionPage = Static<typeof MentionPage>;

/** POST /v1/me/mentions/read: all of them, or those of one conversation. */
export const MentionsRead = T.Object({
  conversationId: T.Optional(
    T.String({ format: 'uuid', description: 'Only the mentions in this conversation' }),
  ),
});
export type MentionsRead = Static<typeof MentionsRead>;

export const MentionsReadResult = T.Object({
  read: T.Integer({ minimum: 0, description: 'Mentions marked read now' }),
  unread: T.Integer({ minimum: 0, description: "The agent's unread mentions left" }),
});
export type MentionsReadResult = Static<typeof MentionsReadResult>;
