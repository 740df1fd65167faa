import { MAX_ISSUER_LENGTH } from '@flc/protocol/resources';
import { t } from 'elysia';

export const StartQuery = t.Object({
  organization: t.String({
    minLength: 1,
    maxLength: 100,
    description: "The connection's slug, or the organization's id",
  }),
});

export const CallbackQuery = t.Object({
  state: t.Optional(t.String({ maxLength: 500 })),
  code: t.Optional(t.String({ maxLength: 4000 })),
  error: t.Optional(t.String({ maxLength: 200 })),
  error_description: t.Optional(t.String({ maxLength: 2000 })),
  iss: t.Optional(t.String({ maxLength: MAX_ISSUER_LENGTH })),
  session_state: t.Optional(t.String({ maxLength: 500 })),
});
