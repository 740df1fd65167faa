import { t } from 'elysia';
import { Id, Timestamp } from '../../lib/models.ts';

export const ApiKey = t.Object({
  id: Id,
  environmentId: Id,
  name: t.String(),
  key: t.String({ description: 'Public half of the credential (`X-API-Key`)' }),
  createdAt: Timestamp,
  lastUsedAt: t.Nullable(Timestamp, { description: 'Minute resolution' }),
  revokedAt: t.Nullable(Timestamp),
});
export type ApiKey = typeof ApiKey.static;

export const ApiKeyCreated = t.Composite([
  ApiKey,
  t.Object({
    secret: t.String({
      description: '`X-API-Secret`: shown only in this answer, stored hashed',
    }),
  }),
]);

export const ApiKeyCreate = t.Object({ name: t.String({ minLength: 1, maxLength: 120 }) });
export const KeyParams = t.Object({ id: Id, keyId: Id });

/** What a tenant backend learns about its own credential. */
export const ApiKeySelf = t.Object({
  id: Id,
  name: t.String(),
  organizationId: Id,
  environment: t.Object({ id: Id, name: t.String() }),
  lastUsedAt: t.Nullable(Timestamp),
});

export interface ApiKeyRow {
  id: string;
  environment_id: string;
  name: string;
  key: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export const apiKeyColumns = 'id, environment_id, name, key, created_at, last_used_at, revoked_at';

export const toApiKey = (r: ApiKeyRow): ApiKey => ({
  id: r.id,
  environmentId: r.environment_id,
  name: r.name,
  key: r.key,
  createdAt: r.created_at.toISOString(),
  lastUsedAt: r.last_used_at?.toISOString() ?? null,
  revokedAt: r.revoked_at?.toISOString() ?? null,
});
