import { type Static, Type as T } from '@sinclair/typebox';
import { Id, Nullable, Timestamp } from './common.ts';

export const ApiKey = T.Object({
  id: Id,
  environmentId: Id,
  name: T.String(),
  key: T.String({ description: 'Public half of the credential (`X-API-Key`)' }),
  createdAt: Timestamp,
  lastUsedAt: Nullable(Timestamp, { description: 'Minute resolution' }),
  revokedAt: Nullable(Timestamp),
});
export type ApiKey = Static<typeof ApiKey>;

export const ApiKeyCreated = T.Composite([
  ApiKey,
  T.Object({
    secret: T.String({
      description: '`X-API-Secret`: shown only in this answer, stored hashed',
    }),
  }),
]);
export type ApiKeyCreated = Static<typeof ApiKeyCreated>;

/** What a tenant backend learns about its own credential. */
export const ApiKeySelf = T.Object({
  id: Id,
  name: T.String(),
  organizationId: Id,
  environment: T.Object({ id: Id, name: T.String() }),
  lastUsedAt: Nullable(Timestamp),
});
export type ApiKeySelf = Static<typeof ApiKeySelf>;
