import { type Static, Type as T } from '@sinclair/typebox';
import { Id, Nullable, Timestamp } from './common.ts';

export const Contact = T.Object({
  id: Id,
  environmentId: Id,
  externalId: Nullable(
    T.String({ description: "The tenant's id for this person (an identified visitor's memberId)" }),
  ),
  name: Nullable(T.String()),
  email: Nullable(T.String()),
  attributes: T.Record(T.String(), T.Unknown(), { description: 'Set by the tenant backend' }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  lastSeenAt: Nullable(Timestamp, { description: 'Last widget boot' }),
  labelIds: T.Array(Id, { description: "The organization's labels on the contact" }),
});
export type Contact = Static<typeof Contact>;

/** What a visitor learns about itself: never the tenant's attributes or ids. */
export const WidgetContact = T.Object({
  id: Id,
  name: Nullable(T.String()),
  email: Nullable(T.String()),
});
export type WidgetContact = Static<typeof WidgetContact>;
