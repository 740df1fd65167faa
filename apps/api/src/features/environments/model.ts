import {
  type Environment,
  type EnvironmentWithSecret,
  type WidgetSettings,
  WidgetSettingsPatch,
} from '@flc/protocol/resources';
import { t } from 'elysia';
import { resolveWidgetSettings } from '../../domain/widget-settings.ts';
import { MAX_ORIGINS } from './origins.ts';

const Name = t.String({ minLength: 1, maxLength: 120 });
/** Shape only; `normalizeOrigins` checks each entry and reports it by index. */
const Origins = t.Array(t.String({ maxLength: 300 }), { maxItems: MAX_ORIGINS });

export const EnvironmentCreate = t.Object({
  name: Name,
  allowedOrigins: t.Optional(Origins),
  widgetSettings: t.Optional(WidgetSettingsPatch),
});
export const EnvironmentPatch = t.Object({
  name: t.Optional(Name),
  allowedOrigins: t.Optional(Origins),
  widgetSettings: t.Optional(WidgetSettingsPatch),
});

export interface EnvironmentRow {
  id: string;
  name: string;
  plugin_key: string;
  identity_secret: string;
  allowed_origins: string[];
  widget_settings: Partial<WidgetSettings>;
  created_at: Date;
  updated_at: Date;
}

export const environmentColumns =
  'id, name, plugin_key, identity_secret, allowed_origins, widget_settings, created_at, updated_at';

/** Shows this many trailing characters of the secret: enough to compare, useless to forge. */
const HINT_LENGTH = 4;

/** The environment as routine reads show it: the identity secret only as its hint. */
export const toEnvironment = (r: EnvironmentRow): Environment => ({
  id: r.id,
  name: r.name,
  pluginKey: r.plugin_key,
  identitySecretHint: `…${r.identity_secret.slice(-HINT_LENGTH)}`,
  allowedOrigins: r.allowed_origins,
  widgetSettings: resolveWidgetSettings(r.widget_settings),
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

export const withSecret = (r: EnvironmentRow): EnvironmentWithSecret => ({
  ...toEnvironment(r),
  identitySecret: r.identity_secret,
});
