import { type Static, Type as T } from '@sinclair/typebox';
import { Nullable, Timestamp } from './common.ts';

/** An environment's email continuity: whether its visitors are answered by mail. */
export const EmailSettings = T.Object({
  enabled: T.Boolean({
    description:
      "On (the default): team replies a visitor has not seen are mailed to the contact, and the widget asks an away visitor for an email. Off: no reply mail is scheduled and the widget asks for none (mails already sent can still be answered; the server's FLC_INBOUND_MAIL_DOMAIN must be set for any mail at all)",
  }),
  updatedAt: Nullable(Timestamp, { description: 'Last change; null: never changed' }),
});
export type EmailSettings = Static<typeof EmailSettings>;

export const EmailSettingsPut = T.Object({ enabled: T.Boolean() });
export type EmailSettingsPut = Static<typeof EmailSettingsPut>;
