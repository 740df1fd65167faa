import { type Static, Type as T } from '@sinclair/typebox';
import { Id, Nullable, Timestamp } from './common.ts';

/** How many fields a pre-chat form holds, and how long its texts may be. */
export const preChatLimits = {
  maxFields: 10,
  maxOptions: 20,
  maxIntroChars: 500,
  maxLabelChars: 80,
  maxValueChars: 500,
  maxCommentChars: 1000,
  /** A rating can be changed for this long after it was first given. */
  ratingChangeDays: 7,
} as const;

export const PreChatFieldType = T.Union(
  [T.Literal('text'), T.Literal('email'), T.Literal('select'), T.Literal('checkbox')],
  { description: '`select` needs `options`; `checkbox` answers true or false' },
);
export type PreChatFieldType = Static<typeof PreChatFieldType>;

export const PreChatField = T.Object({
  key: T.String({
    pattern: '^[a-z][a-z0-9_]{0,39}$',
    description:
      "`name` and `email` fill the contact's own fields (types text and email); any other key is stored as a contact attribute",
  }),
  label: T.String({ minLength: 1, maxLength: preChatLimits.maxLabelChars }),
  type: PreChatFieldType,
  required: T.Boolean(),
  options: T.Optional(
    T.Array(T.String({ minLength: 1, maxLength: preChatLimits.maxLabelChars }), {
      minItems: 1,
      maxItems: preChatLimits.maxOptions,
      uniqueItems: true,
      description: 'The choices of a `select`, in order; only there',
    }),
  ),
});
export type PreChatField = Static<typeof PreChatField>;

/** What an owner or admin sets: the whole form at once. */
export const PreChatFormPut = T.Object({
  enabled: T.Boolean({ description: 'The widget shows the form' }),
  intro: T.String({ maxLength: preChatLimits.maxIntroChars }),
  fields: T.Array(PreChatField, {
    maxItems: preChatLimits.maxFields,
    description: 'In the order the widget shows them; keys are unique',
  }),
  csatEnabled: T.Boolean({
    description: 'The widget asks the visitor to rate a conversation once it is closed',
  }),
});
export type PreChatFormPut = Static<typeof PreChatFormPut>;

export const PreChatForm = T.Composite([
  PreChatFormPut,
  T.Object({ updatedAt: Nullable(Timestamp, { description: 'Null: never set' }) }),
]);
export type PreChatForm = Static<typeof PreChatForm>;

/** What the visitor filled in: a string per text, email or select field, a boolean per checkbox. */
export const PreChatSubmit = T.Object({
  values: T.Record(
    T.String(),
    T.Union([T.String({ maxLength: preChatLimits.maxValueChars }), T.Boolean()]),
    {
      maxProperties: preChatLimits.maxFields,
    },
  ),
});
export type PreChatSubmit = Static<typeof PreChatSubmit>;

export const RatingCreate = T.Object({
  score: T.Integer({ minimum: 1, maximum: 5, description: '1 (bad) to 5 (great)' }),
  comment: T.Optional(
    Nullable(T.String({ minLength: 1, maxLength: preChatLimits.maxCommentChars })),
  ),
});
export type RatingCreate = Static<typeof RatingCreate>;

/** The visitor's satisfaction rating of a closed conversation. */
export const ConversationRating = T.Object({
  conversationId: Id,
  score: T.Integer({ minimum: 1, maximum: 5 }),
  comment: Nullable(T.String()),
  assigneeId: Nullable(Id, { description: 'The agent assigned when the conversation closed' }),
  ratedAt: Timestamp,
});
export type ConversationRating = Static<typeof ConversationRating>;
