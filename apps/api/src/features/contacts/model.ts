import { Contact, Conversation, Message } from '@flc/protocol/resources';
import { t } from 'elysia';
import { Id, ListQuery } from '../../lib/models.ts';

export const ContactsQuery = t.Composite([
  ListQuery,
  t.Object({
    environmentId: t.Optional(Id),
    label: t.Optional(
      t.String({
        format: 'uuid',
        description: "Only those carrying this label (its id); another organization's matches none",
      }),
    ),
  }),
]);
export type ContactsQuery = typeof ContactsQuery.static;

export const ExternalIdParams = t.Object({
  externalId: t.String({ minLength: 1, maxLength: 200, description: "The tenant's id" }),
});

export const ContactUpsert = t.Object({
  name: t.Optional(t.Nullable(t.String({ minLength: 1, maxLength: 120 }))),
  email: t.Optional(t.Nullable(t.String({ format: 'email', maxLength: 254 }))),
  attributes: t.Optional(
    t.Record(t.String(), t.Unknown(), {
      maxProperties: 100,
      description: 'Merged key by key into the stored attributes; a null value removes its key',
    }),
  ),
});
export type ContactUpsert = typeof ContactUpsert.static;

/** A data subject's export: everything the tenant holds about the contact. */
export const ContactExport = t.Object({
  exportedAt: t.String({ format: 'date-time' }),
  contact: Contact,
  conversations: t.Array(Conversation),
  messages: t.Array(Message, {
    description: 'Every message and note of those conversations, by conversation, ascending seq',
  }),
});
