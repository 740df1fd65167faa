import { WidgetContact, WidgetConversation, WidgetSettings } from '@flc/protocol/resources';
import { t } from 'elysia';
import { Timestamp } from '../../lib/models.ts';

export const BootBody = t.Object({
  memberId: t.Optional(
    t.String({ minLength: 1, maxLength: 200, description: "The tenant's id of a logged-in user" }),
  ),
  memberHash: t.Optional(
    t.String({
      minLength: 1,
      maxLength: 128,
      description: 'Hex HMAC-SHA256(identitySecret, memberId), computed by the tenant backend',
    }),
  ),
  visitorToken: t.Optional(
    t.String({
      minLength: 1,
      maxLength: 200,
      description: 'From an earlier boot: an anonymous visitor gets its contact back',
    }),
  ),
  profile: t.Optional(
    t.Object({
      name: t.Optional(t.String({ minLength: 1, maxLength: 120 })),
      email: t.Optional(t.String({ format: 'email', maxLength: 254 })),
    }),
  ),
});
export type BootBody = typeof BootBody.static;

export const BootResponse = t.Object({
  sessionToken: t.String({
    description: 'Bearer token of the widget routes and the socket; boot again when it expires',
  }),
  sessionExpiresAt: Timestamp,
  visitorToken: t.Nullable(
    t.String({
      description:
        "Keep it (e.g. in localStorage) and send it on the next boot. Identified visitors are found by memberId instead: they get back the anonymous token they sent, or null, so logging out never leaves the member's contact on the device",
    }),
  ),
  contact: WidgetContact,
  settings: WidgetSettings,
  conversations: t.Array(WidgetConversation, { description: 'The 20 most recently active' }),
});

/** Opening a conversation takes no input yet; the object leaves room for some. */
export const ConversationOpen = t.Object({});
