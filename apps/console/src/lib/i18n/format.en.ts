/** Relative times and names lib/format.ts builds; the dates themselves come from Intl. */
export default {
  now: 'now',
  minutesShort: '{n}m',
  hoursShort: '{n}h',
  dayTime: '{day}, {time}',
  today: 'Today',
  yesterday: 'Yesterday',
  tomorrowAt: 'tomorrow, {time}',
  visitor: 'Visitor {id}',
  snoozedUntil: 'Snoozed until {until}',
  snoozedUntilReply: 'Snoozed until the visitor writes',
  waitSeconds: '{s} s',
  waitMinutes: '{min} min',
  waitMinutesSeconds: '{min} min {s} s',
} as const;
