import { type Static, Type as T } from '@sinclair/typebox';
import { Id, Timestamp } from './common.ts';
import { SearchLanguage } from './search.ts';

export const Organization = T.Object({
  id: Id,
  name: T.String(),
  createdAt: Timestamp,
  requireTwoFactor: T.Boolean({
    description: 'Every agent signs in with a second factor (TOTP); set by owners',
  }),
  searchLanguage: SearchLanguage,
});
export type Organization = Static<typeof Organization>;
