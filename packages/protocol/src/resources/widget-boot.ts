import { type Static, Type as T } from '@sinclair/typebox';
import { VisitorLocale, WidgetLanguage } from '../locales.ts';
import { WidgetAvailability } from './business-hours.ts';
import { Nullable, Timestamp } from './common.ts';
import { WidgetContact } from './contact.ts';
import { WidgetConversation } from './conversation.ts';
import { PreChatField } from './pre-chat.ts';
import { WidgetSettings } from './widget-settings.ts';

/** What the widget sends to `POST /v1/widget/boot`, besides its plugin key. */
export const BootBody = T.Object({
  memberId: T.Optional(
    T.String({ minLength: 1, maxLength: 200, description: "The tenant's id of a logged-in user" }),
  ),
  memberHash: T.Optional(
    T.String({
      minLength: 1,
      maxLength: 128,
      description: 'Hex HMAC-SHA256(identitySecret, memberId), computed by the tenant backend',
    }),
  ),
  visitorToken: T.Optional(
    T.String({
      minLength: 1,
      maxLength: 200,
      description: 'From an earlier boot: an anonymous visitor gets its contact back',
    }),
  ),
  profile: T.Optional(
    T.Object({
      name: T.Optional(T.String({ minLength: 1, maxLength: 120 })),
      email: T.Optional(T.String({ format: 'email', maxLength: 254 })),
    }),
  ),
  /**
   * The browser's language among the widget's, kept on the contact: mails to it are in this
   * language (English while it never said), unless the environment fixed the widget's language.
   */
  locale: T.Optional(VisitorLocale),
});
export type BootBody = Static<typeof BootBody>;

/** The visitor's session, who it is, how the widget looks, and its latest conversations. */
export const BootResponse = T.Object({
  sessionToken: T.String({
    description: 'Bearer token of the widget routes and the socket; boot again when it expires',
  }),
  sessionExpiresAt: Timestamp,
  visitorToken: Nullable(
    T.String({
      description:
        "Keep it (e.g. in localStorage) and send it on the next boot. Identified visitors are found by memberId instead: they get back the anonymous token they sent, or null, so logging out never leaves the member's contact on the device",
    }),
  ),
  contact: WidgetContact,
  settings: WidgetSettings,
  widgetLanguage: WidgetLanguage,
  preChatForm: Nullable(
    T.Object({
      intro: T.String(),
      fields: T.Array(PreChatField),
      complete: T.Boolean({
        description: 'The contact holds every required value already: the widget skips the form',
      }),
    }),
    { description: 'Null: the environment shows no pre-chat form' },
  ),
  csatEnabled: T.Boolean({ description: 'Ask for a rating when a conversation closes' }),
  emailContinuity: T.Boolean({
    description:
      'The environment answers visitors by email (`GET /v1/environments/:id/email-continuity`): only then does the widget ask an away visitor for an email',
  }),
  editWindowSeconds: T.Integer({
    minimum: 0,
    description:
      'How long after sending it the visitor may edit or delete a message (FLC_VISITOR_EDIT_WINDOW_SECONDS; 0: never)',
  }),
  availability: WidgetAvailability,
  conversations: T.Array(WidgetConversation, { description: 'The 20 most recently active' }),
});
export type BootResponse = Static<typeof BootResponse>;

/** What `PUT /v1/widget/contact` sets on the visitor's contact. */
export const WidgetContactPut = T.Object({
  email: T.String({
    format: 'email',
    minLength: 3,
    maxLength: 254,
    description: 'Where agents can answer the visitor by email',
  }),
});
export type WidgetContactPut = Static<typeof WidgetContactPut>;
