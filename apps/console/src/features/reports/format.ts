import { reportStrings as t } from './strings.ts';

/** A duration in seconds, to the unit that reads best: 45 s, 12 min, 3 h 5 min, 2 d 4 h. */
export function duration(seconds: number | null): string {
  if (seconds === null) return t.none;
  const s = Math.round(seconds);
  if (s < 60) return t.seconds(s);
  const minutes = Math.round(s / 60);
  if (minutes < 60) return t.minutesShort(minutes);
  if (minutes < 24 * 60) return t.hoursShort(Math.floor(minutes / 60), minutes % 60);
  const hours = Math.round(minutes / 60);
  return t.daysShort(Math.floor(hours / 24), hours % 24);
}

export const average = (value: number | null) =>
  value === null ? t.none : t.averageOf5(value.toFixed(2));
