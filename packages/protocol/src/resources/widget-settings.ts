import { type Static, Type as T } from '@sinclair/typebox';
import { Nullable } from './common.ts';

const Color = T.String({ pattern: '^#[0-9a-fA-F]{6}$', description: 'Hex color, e.g. #2563eb' });
const Position = T.Union([T.Literal('left'), T.Literal('right')]);
const Greeting = T.String({ minLength: 1, maxLength: 500 });
const LauncherText = T.String({ minLength: 1, maxLength: 60 });

/** The widget's appearance as it boots: every field resolved, defaults filled in. */
export const WidgetSettings = T.Object({
  color: Color,
  position: Position,
  greeting: Nullable(Greeting, { description: 'First line the widget shows; null: none' }),
  launcherText: Nullable(LauncherText, { description: "The launcher's label; null: icon only" }),
});
export type WidgetSettings = Static<typeof WidgetSettings>;

/** Changes field by field; `null` puts a field back to its default. */
export const WidgetSettingsPatch = T.Object(
  {
    color: T.Optional(Nullable(Color)),
    position: T.Optional(Nullable(Position)),
    greeting: T.Optional(Nullable(Greeting)),
    launcherText: T.Optional(Nullable(LauncherText)),
  },
  { additionalProperties: false },
);
export type WidgetSettingsPatch = Static<typeof WidgetSettingsPatch>;
