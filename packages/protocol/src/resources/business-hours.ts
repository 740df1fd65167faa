import { type Static, Type as T } from '@sinclair/typebox';
import { Nullable, Timestamp } from './common.ts';

/** How much an environment's business hours may hold. */
export const businessHoursLimits = {
  maxIntervalsPerDay: 6,
  maxHolidays: 100,
  maxAwayMessageChars: 1000,
  maxReplyTimeMinutes: 10_080,
} as const;

/** The weekdays, Monday first: the keys of `weekly`. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const clock = (description: string) =>
  T.String({ pattern: '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$', description });

export const BusinessInterval = T.Object({
  start: clock('Opens, `HH:MM` in the time zone'),
  end: clock('Closes, `HH:MM` after `start` (`24:00`: midnight at the end of the day)'),
});
export type BusinessInterval = Static<typeof BusinessInterval>;

const day = T.Array(BusinessInterval, {
  maxItems: businessHoursLimits.maxIntervalsPerDay,
  description: 'Ascending and not overlapping; empty: closed all day',
});

export const WeeklyHours = T.Object(
  {
    mon: day,
    tue: day,
    wed: day,
    thu: day,
    fri: day,
    sat: day,
    sun: day,
  },
  {
    description:
      'Open intervals per weekday, in wall-clock time of `timeZone` (so they follow its daylight saving changes). An interval ends the day it starts: Monday 22:00–02:00 is Monday 22:00–24:00 and Tuesday 00:00–02:00.',
  },
);
export type WeeklyHours = Static<typeof WeeklyHours>;

/** What an owner or admin sets: all of it at once. */
export const BusinessHoursPut = T.Object({
  enabled: T.Boolean({ description: 'Off: always open (the widget is never closed)' }),
  timeZone: T.String({
    minLength: 1,
    maxLength: 64,
    description: 'An IANA time zone such as `Europe/Berlin` (422 when unknown)',
  }),
  weekly: WeeklyHours,
  holidays: T.Array(
    T.String({
      pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
      description: '`YYYY-MM-DD` in the time zone',
    }),
    {
      maxItems: businessHoursLimits.maxHolidays,
      uniqueItems: true,
      description: 'Dates closed all day',
    },
  ),
  hideOutsideHours: T.Boolean({
    description: 'Hide the widget while closed and no agent is online',
  }),
  awayMessage: Nullable(
    T.String({ minLength: 1, maxLength: businessHoursLimits.maxAwayMessageChars }),
    {
      description:
        'Sent once as a `system` message when a visitor writes while nobody can answer; null: none',
    },
  ),
  replyTimeMinutes: Nullable(
    T.Integer({ minimum: 1, maximum: businessHoursLimits.maxReplyTimeMinutes }),
    { description: 'How soon agents usually answer, shown by the widget; null: not said' },
  ),
});
export type BusinessHoursPut = Static<typeof BusinessHoursPut>;

export const BusinessHours = T.Composite([
  BusinessHoursPut,
  T.Object({ updatedAt: Nullable(Timestamp, { description: 'Null: never set' }) }),
]);
export type BusinessHours = Static<typeof BusinessHours>;

export const AvailabilityState = T.Union(
  [T.Literal('online'), T.Literal('away'), T.Literal('closed')],
  {
    description:
      '`online`: an agent of the organization is online (and not away); `away`: within business hours (or none set) but nobody online; `closed`: outside business hours and nobody online',
  },
);
export type AvailabilityState = Static<typeof AvailabilityState>;

/** Whether anyone can answer the visitor now, as the widget boot tells it. */
export const WidgetAvailability = T.Object(
  {
    state: AvailabilityState,
    nextOpenAt: T.Optional(
      T.String({ format: 'date-time', description: 'Closed: when business hours start again' }),
    ),
    replyTimeMinutes: T.Optional(
      T.Integer({ minimum: 1, description: 'How soon agents usually answer' }),
    ),
    hidden: T.Optional(
      T.Boolean({
        description: 'True: the environment hides the widget now (closed, nobody online)',
      }),
    ),
  },
  {
    description:
      "Whether anyone can answer now, from the environment's business hours and its agents' presence at boot time; the visitor's socket then gets each change as an `availability` frame (docs/PROTOCOL.md)",
  },
);
export type WidgetAvailability = Static<typeof WidgetAvailability>;
