import type { WidgetLanguage } from '@flc/protocol';
import type { Environment, EnvironmentWithSecret, WidgetSettings } from '@flc/protocol/resources';
import { resolveWidgetSettings } from '../../domain/widget-settings.ts';

export interface EnvironmentRow {
  id: string;
  name: string;
  plugin_key: string;
  identity_secret: string;
  allowed_origins: string[];
  widget_settings: Partial<WidgetSettings>;
  widget_language: WidgetLanguage;
  created_at: Date;
  updated_at: Date;
}

export const environmentColumns =
  'id, name, plugin_key, identity_secret, allowed_origins, widget_settings, widget_language, created_at, updated_at';

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
  widgetLanguage: r.widget_language,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

export const withSecret = (r: EnvironmentRow): EnvironmentWithSecret => ({
  ...toEnvironment(r),
  identitySecret: r.identity_secret,
});
