import type { ApiKey } from '@flc/protocol/resources';
import { t } from 'elysia';
import { Id } from '../../lib/models.ts';

export const ApiKeyCreate = t.Object({ name: t.String({ minLength: 1, maxLength: 120 }) });
export const KeyParams = t.Object({ id: Id, keyId: Id });

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
