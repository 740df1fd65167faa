import { isTimeZone, minutesOf } from '@flc/core';
import { type BusinessHoursPut, WEEKDAYS } from '@flc/protocol/resources';
import { type ErrorDetail, validation } from '../../lib/errors.ts';

/** A `YYYY-MM-DD` that names a day of the calendar (not 2026-02-30). */
const isCalendarDate = (date: string) => {
  const at = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === date;
};

/**
 * What the schema cannot say: a time zone the runtime knows, each interval ending after it
 * starts, a day's intervals ascending without overlap, holidays that are real dates. Answers
 * 422 with one detail (a JSON pointer into the body) per fault.
 */
export function checkBusinessHours(hours: BusinessHoursPut): void {
  const details: ErrorDetail[] = [];
  if (!isTimeZone(hours.timeZone)) {
    details.push({ path: '/timeZone', message: 'Not a known IANA time zone' });
  }
  for (const day of WEEKDAYS) {
    let previousEnd = -1;
    hours.weekly[day].forEach((interval, i) => {
      const path = `/weekly/${day}/${i}`;
      const start = minutesOf(interval.start);
      const end = minutesOf(interval.end);
      if (start === 1440) details.push({ path: `${path}/start`, message: 'Starts at 24:00' });
      if (end <= start) details.push({ path: `${path}/end`, message: 'Ends before it starts' });
      if (start < previousEnd) {
        details.push({
          path: `${path}/start`,
          message: 'Overlaps or comes before the interval above',
        });
      }
      previousEnd = Math.max(previousEnd, end);
    });
  }
  hours.holidays.forEach((date, i) => {
    if (!isCalendarDate(date)) details.push({ path: `/holidays/${i}`, message: 'Not a date' });
  });
  if (hours.awayMessage !== null && hours.awayMessage.trim() === '') {
    details.push({ path: '/awayMessage', message: 'Empty: use null for none' });
  }
  if (details.length > 0) throw validation('The business hours are not valid', details);
}
