import { t } from 'elysia';

// The bodies and answers of /v1/auth are @flc/protocol's (resources/auth.ts); only the route's
// own parameters are here.

export const InviteTokenParams = t.Object({ token: t.String({ minLength: 1, maxLength: 200 }) });
