import { type Static, Type as T } from '@sinclair/typebox';
import { WidgetLanguage } from '../locales.ts';
import { Id, Timestamp } from './common.ts';
import { WidgetSettings, WidgetSettingsPatch } from './widget-settings.ts';

export const Environment = T.Object({
  id: Id,
  name: T.String(),
  pluginKey: T.String({ description: 'Public key the widget boots with (`X-Plugin-Key`)' }),
  identitySecretHint: T.Optional(
    T.String({
      description:
        'The last characters of the identity secret, to tell secrets apart (owners and admins only); the secret itself: POST /v1/environments/:id/identity-secret/reveal',
    }),
  ),
  allowedOrigins: T.Array(T.String(), {
    description: 'Origins the widget may boot from; empty means any',
  }),
  widgetSettings: WidgetSettings,
  widgetLanguage: WidgetLanguage,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Environment = Static<typeof Environment>;

const IdentitySecretValue = T.String({
  description: 'HMAC key of identity verification (`memberHash`); keep it on your server',
});

/** Answers that hand the identity secret out: creating, rotating and revealing it. */
export const EnvironmentWithSecret = T.Composite([
  Environment,
  T.Object({ identitySecret: IdentitySecretValue }),
]);
export type EnvironmentWithSecret = Static<typeof EnvironmentWithSecret>;
export const IdentitySecret = T.Object({ identitySecret: IdentitySecretValue });

/** Bounds the row and the per-boot origin check; one environment serves a handful of sites. */
export const MAX_ORIGINS = 50;

const Name = T.String({ minLength: 1, maxLength: 120 });
/** Shape only; the API checks each entry is an origin and reports it by index. */
const Origins = T.Array(T.String({ maxLength: 300 }), { maxItems: MAX_ORIGINS });

export const EnvironmentCreate = T.Object({
  name: Name,
  allowedOrigins: T.Optional(Origins),
  widgetSettings: T.Optional(WidgetSettingsPatch),
  widgetLanguage: T.Optional(WidgetLanguage),
});
export type EnvironmentCreate = Static<typeof EnvironmentCreate>;

export const EnvironmentPatch = T.Object({
  name: T.Optional(Name),
  allowedOrigins: T.Optional(Origins),
  widgetSettings: T.Optional(WidgetSettingsPatch),
  widgetLanguage: T.Optional(WidgetLanguage),
});
export type EnvironmentPatch = Static<typeof EnvironmentPatch>;
