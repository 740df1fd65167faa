import type { WidgetSettings } from '@flc/protocol/resources';

export const defaultWidgetSettings: WidgetSettings = {
  color: '#2563eb',
  position: 'right',
  greeting: null,
  launcherText: null,
};

/** Only the fields a tenant set are stored; the others follow the defaults, even if they change. */
export const resolveWidgetSettings = (stored: Partial<WidgetSettings>): WidgetSettings => ({
  ...defaultWidgetSettings,
  ...stored,
});
