import type { BusinessHoursPut, Weekday } from '@flc/protocol/resources';

/** What `isOpen` and `nextOpenAt` read of an environment's business hours. */
export type Hours = Pick<BusinessHoursPut, 'enabled' | 'timeZone' | 'weekly' | 'holidays'>;

/** Monday first, as `Date.getUTCDay()` numbers them from Sunday. */
const BY_UTC_DAY: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MINUTE = 60_000;
const DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** `HH:MM` (up to `24:00`) as minutes after midnight. */
export const minutesOf = (clock: string): number =>
  Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/**
 * The wall-clock time in the zone at an instant, as milliseconds of a UTC date with the same
 * fields: subtracting the instant gives the zone's offset.
 */
function wallOf(timeZone: string, at: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(at)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  return Date.UTC(year, month - 1, day, hour % 24, minute, second);
}

const dateKey = (wall: number) => new Date(wall).toISOString().slice(0, 10);

/**
 * The first instant at which the zone's clock shows `wall` or later: the instant itself when the
 * time exists (the first of the two in a repeated hour of autumn), the end of the gap when
 * spring skips it. Zones change their offset at most once in three days, which the two guesses
 * rely on.
 */
export function instantOfWall(timeZone: string, wall: number): number {
  const guesses = [wall - 36 * 3_600_000, wall + 36 * 3_600_000].map(
    (t) => wall - (wallOf(timeZone, t) - t),
  );
  const exact = guesses.filter((t) => wallOf(timeZone, t) === wall).sort((a, b) => a - b);
  if (exact[0] !== undefined) return exact[0];
  // In a gap: the clock jumps past `wall` between the two guesses; find the minute it does.
  let lo = Math.min(...guesses);
  let hi = Math.max(...guesses);
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (wallOf(timeZone, mid) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Whether the business is open at `at`: always when the hours are off. */
export function isOpen(hours: Hours, at: Date | number): boolean {
  if (!hours.enabled) return true;
  const wall = wallOf(hours.timeZone, typeof at === 'number' ? at : at.getTime());
  if (hours.holidays.includes(dateKey(wall))) return false;
  const weekday = BY_UTC_DAY[new Date(wall).getUTCDay()] as Weekday;
  const minute = (wall % DAY) / MINUTE;
  return hours.weekly[weekday].some(
    (i) => minute >= minutesOf(i.start) && minute < minutesOf(i.end),
  );
}

/**
 * When the business is open next: `at` itself when open then, else the first instant after it
 * when an interval starts (a start skipped by a clock change opens when the clock reaches it).
 * Null when it never opens again within a year and a week (an empty week, or holidays on
 * every open day).
 */
export function nextOpenAt(hours: Hours, at: Date | number): Date | null {
  const from = typeof at === 'number' ? at : at.getTime();
  if (isOpen(hours, from)) return new Date(from);
  const today = wallOf(hours.timeZone, from);
  const midnight = today - (today % DAY);
  for (let d = 0; d <= 373; d++) {
    const date = midnight + d * DAY;
    if (hours.holidays.includes(dateKey(date))) continue;
    const weekday = BY_UTC_DAY[new Date(date).getUTCDay()] as Weekday;
    for (const interval of hours.weekly[weekday]) {
      const start = instantOfWall(hours.timeZone, date + minutesOf(interval.start) * MINUTE);
      if (start > from && isOpen(hours, start)) return new Date(start);
    }
  }
  return null;
}
