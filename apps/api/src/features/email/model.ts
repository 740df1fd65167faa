import { Id } from '@flc/protocol/resources';
import { t } from 'elysia';

export const InboundMailResult = t.Object({
  status: t.Union([t.Literal('appended'), t.Literal('duplicate'), t.Literal('ignored')], {
    description:
      '`appended`: the reply is now a visitor message of the conversation; `duplicate`: a mail with this Message-ID was already appended (nothing new); `ignored`: an automatic answer (out of office, bounce), never appended',
  }),
  conversationId: t.Union([Id, t.Null()]),
  seq: t.Union([t.Integer({ minimum: 1 }), t.Null()], {
    description: "The visitor message's seq; null when ignored",
  }),
});
export type InboundMailResult = typeof InboundMailResult.static;

export const UnsubscribeQuery = t.Object({
  token: t.String({
    minLength: 1,
    maxLength: 100,
    description: "The signed token of the mail's unsubscribe link",
  }),
});

export const RatingLinkQuery = t.Object({
  token: t.String({
    minLength: 1,
    maxLength: 100,
    description: "The signed token of a transcript's rating links (expires after 30 days)",
  }),
  score: t.Optional(
    t.Numeric({ minimum: 1, maximum: 5, multipleOf: 1, description: 'The score chosen, 1 to 5' }),
  ),
});
