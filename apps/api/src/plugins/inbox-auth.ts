import type { Actor } from '@flc/core';
import { Elysia } from 'elysia';
import type { ApiDeps } from '../deps.ts';
import { unauthorized } from '../lib/errors.ts';
import type { Role } from '../lib/models.ts';
import { noteOrganization } from '../lib/request-context.ts';
import { authenticateApiKey } from './api-key-auth.ts';
import { authenticateAgent } from './auth.ts';

/**
 * The inbox is worked by agents (with their role) and by tenant backends; a visitor never
 * reaches it.
 */
export type InboxActor =
  | (Extract<Actor, { type: 'agent' }> & { role: Role; name: string })
  | Extract<Actor, { type: 'bot' }>;

/**
 * Resolves `actor` from a Bearer agent token, or else from `X-API-Key` + `X-API-Secret` (an API
 * key writes as a `bot`, reaches only its own environment, and is rate limited).
 */
export const inboxAuth = (deps: ApiDeps) => {
  return new Elysia({ name: 'flc/inbox-auth', seed: deps.config }).derive(
    { as: 'scoped' },
    async ({ headers, request }): Promise<{ actor: InboxActor }> => {
      if (headers.authorization !== undefined) {
        const agent = await authenticateAgent(deps, headers.authorization);
        noteOrganization(request, agent.organizationId);
        return { actor: { type: 'agent', ...agent } };
      }
      if (headers['x-api-key'] !== undefined || headers['x-api-secret'] !== undefined) {
        const key = await authenticateApiKey(deps, headers['x-api-key'], headers['x-api-secret']);
        noteOrganization(request, key.organizationId);
        return { actor: { type: 'bot', ...key } };
      }
      throw unauthorized('Send a Bearer agent token, or X-API-Key and X-API-Secret');
    },
  );
};

/** Security requirements of inbox routes, for the OpenAPI document. */
export const inboxSecurity: Record<string, string[]>[] = [
  { bearer: [] },
  { apiKey: [], apiSecret: [] },
];
