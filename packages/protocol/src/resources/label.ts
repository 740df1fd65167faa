import { type Static, Type as T } from '@sinclair/typebox';
import { Id, Nullable, Timestamp } from './common.ts';

/** How many labels an organization has, and a conversation or a contact carries, at most. */
export const labelLimits = { perOrganization: 500, perConversation: 20, perContact: 20 } as const;

const LabelName = T.String({
  minLength: 1,
  maxLength: 40,
  // No space at either end: "VIP " and "VIP" would look alike and be told apart.
  pattern: '^\\S(.*\\S)?$',
  description: 'Unique in the organization, whatever the case; no space at either end',
});
const LabelDescription = T.String({ minLength: 1, maxLength: 200 });

export const Label = T.Object({
  id: Id,
  name: T.String({ minLength: 1, maxLength: 40 }),
  color: T.String({ pattern: '^#[0-9a-f]{6}$', description: '`#rrggbb`, lower case' }),
  description: Nullable(T.String({ maxLength: 200 })),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Label = Static<typeof Label>;

export const LabelColor = T.String({
  pattern: '^#[0-9a-fA-F]{6}$',
  description: 'Any `#rrggbb` color; stored lower case. Clients pick text colors that contrast',
});

export const LabelCreate = T.Object({
  name: LabelName,
  color: LabelColor,
  description: T.Optional(Nullable(LabelDescription)),
});
export type LabelCreate = Static<typeof LabelCreate>;

export const LabelPatch = T.Object({
  name: T.Optional(LabelName),
  color: T.Optional(LabelColor),
  description: T.Optional(Nullable(LabelDescription, { description: 'null removes it' })),
});
export type LabelPatch = Static<typeof LabelPatch>;

/** Every label of the organization, by name: few enough for one answer (see labelLimits). */
export const LabelList = T.Object({ items: T.Array(Label) });
export type LabelList = Static<typeof LabelList>;
