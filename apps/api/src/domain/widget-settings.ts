import { t } from 'elysia';

const Color = t.String({ pattern: '^#[0-9a-fA-F]{6}$', description: 'Hex color, e.g. #2563eb' });
const Position = t.Union([t.Literal('left'), t.Literal('right')]);
const Greeting = t.String({ minLength: 1, maxLength: 500 });
const LauncherText = t.String({ minLength: 1, maxLength: 60 });

/** The widget's appearance as it boots: every field resolved, defaults filled in. */
export const WidgetSettings = t.Object({
  color: Color,
  position: Position,
  greeting: t.Nullable(Greeting, { description: 'First line the widget shows; null: none' }),
  launcherText: t.Nullable(LauncherText, { description: "The launcher's label; null: icon only" }),
});
export type WidgetSettings = typeof WidgetSettings.static;

/** Changes field by field; `null` puts a field back to its default. */
export const WidgetSettingsPatch = t.Object(
  {
    color: t.Optional(t.Nullable(Color)),
    position: t.Optional(t.Nullable(Position)),
    greeting: t.Optional(t.Nullable(Greeting)),
    launcherText: t.Optional(t.Nullable(LauncherText)),
  },
  { additionalProperties: false },
);
export type WidgetSettingsPatch = typeof WidgetSettingsPatch.static;

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
