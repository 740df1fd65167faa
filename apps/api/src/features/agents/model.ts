import { t } from 'elysia';
import { Role } from '../../lib/models.ts';

export const AgentCreate = t.Object({
  email: t.String({ format: 'email', maxLength: 254 }),
  name: t.String({ minLength: 1, maxLength: 120 }),
  role: Role,
});
export type AgentCreate = typeof AgentCreate.static;

/** 'invited' is not settable: an invited agent becomes active only by accepting its invite. */
export const AgentPatch = t.Object({
  role: t.Optional(Role),
  status: t.Optional(t.Union([t.Literal('active'), t.Literal('disabled')])),
});
export type AgentPatch = typeof AgentPatch.static;
