import { describe, expect, test } from 'bun:test';
import type { WeeklyHours } from '@flc/protocol/resources';
import { availabilityOf } from './availability.ts';
import { type Hours, instantOfWall, isOpen, isTimeZone, nextOpenAt } from './business-hours.ts';

const closedWeek = (): WeeklyHours => ({
  mon: [],
  tue: [],
  wed: [],
  thu: [],
  fri: [],
  sat: [],
  sun: [],
});
const nineToSix = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '18:00' },
];
const weekdays = (intervals = nineToSix): WeeklyHours => ({
  ...closedWeek(),
  mon: intervals,
  tue: intervals,
  wed: intervals,
  thu: intervals,
  fri: intervals,
});
const hours = (over: Partial<Hours> = {}): Hours => ({
  enabled: true,
  timeZone: 'Europe/Berlin',
  weekly: weekdays(),
  holidays: [],
  ...over,
});
const at = (iso: string) => new Date(iso);
const iso = (d: Date | null) => d?.toISOString() ?? null;

describe('isOpen', () => {
  test('off: always open', () => {
    const off = hours({ enabled: false, weekly: closedWeek() });
    expect(isOpen(off, at('2026-12-06T03:00:00Z'))).toBe(true);
    expect(iso(nextOpenAt(off, at('2026-12-06T03:00:00Z')))).toBe('2026-12-06T03:00:00.000Z');
  });

  test('several intervals a day, in the zone, ends exclusive', () => {
    const h = hours();
    // Berlin is UTC+1 in winter: 09:00 there is 08:00Z.
    expect(isOpen(h, at('2026-12-07T07:59:59Z'))).toBe(false);
    expect(isOpen(h, at('2026-12-07T08:00:00Z'))).toBe(true);
    expect(isOpen(h, at('2026-12-07T10:59:59Z'))).toBe(true);
    expect(isOpen(h, at('2026-12-07T11:00:00Z'))).toBe(false); // 12:00, lunch
    expect(isOpen(h, at('2026-12-07T12:00:00Z'))).toBe(true); // 13:00
    expect(isOpen(h, at('2026-12-07T17:00:00Z'))).toBe(false); // 18:00
    expect(isOpen(h, at('2026-12-06T10:00:00Z'))).toBe(false); // Sunday
  });

  test('the weekday is the zone’s, not UTC’s', () => {
    // Monday 00:30 in Tokyo is Sunday 15:30Z.
    const tokyo = hours({
      timeZone: 'Asia/Tokyo',
      weekly: { ...closedWeek(), mon: [{ start: '00:00', end: '01:00' }] },
    });
    expect(isOpen(tokyo, at('2026-12-06T15:30:00Z'))).toBe(true);
    expect(isOpen(tokyo, at('2026-12-07T15:30:00Z'))).toBe(false);
  });

  test('a holiday is closed all day in the zone', () => {
    const h = hours({ holidays: ['2026-12-24'] });
    expect(isOpen(h, at('2026-12-24T09:00:00Z'))).toBe(false);
    expect(isOpen(h, at('2026-12-23T09:00:00Z'))).toBe(true);
    // 23:30Z on the 23rd is already the 24th in Berlin.
    const late = hours({
      holidays: ['2026-12-24'],
      weekly: weekdays([{ start: '00:00', end: '24:00' }]),
    });
    expect(isOpen(late, at('2026-12-23T22:59:00Z'))).toBe(true);
    expect(isOpen(late, at('2026-12-23T23:00:00Z'))).toBe(false);
    expect(isOpen(late, at('2026-12-23T23:30:00Z'))).toBe(false);
  });

  test('an overnight shift is two intervals, one each side of midnight', () => {
    const h = hours({
      weekly: {
        ...closedWeek(),
        mon: [{ start: '22:00', end: '24:00' }],
        tue: [{ start: '00:00', end: '02:00' }],
      },
    });
    expect(isOpen(h, at('2026-12-07T21:30:00Z'))).toBe(true); // Mon 22:30
    expect(isOpen(h, at('2026-12-07T23:30:00Z'))).toBe(true); // Tue 00:30
    expect(isOpen(h, at('2026-12-08T01:00:00Z'))).toBe(false); // Tue 02:00
    expect(iso(nextOpenAt(h, at('2026-12-07T23:30:00Z')))).toBe('2026-12-07T23:30:00.000Z');
  });

  test('wall-clock hours follow daylight saving (Berlin, New York)', () => {
    const h = hours();
    // Berlin summer (UTC+2): 09:00 is 07:00Z.
    expect(isOpen(h, at('2026-07-06T07:00:00Z'))).toBe(true);
    expect(isOpen(h, at('2026-07-06T06:59:00Z'))).toBe(false);
    const ny = hours({ timeZone: 'America/New_York' });
    expect(isOpen(ny, at('2026-07-06T13:00:00Z'))).toBe(true); // 09:00 EDT
    expect(isOpen(ny, at('2026-12-07T13:00:00Z'))).toBe(false); // 08:00 EST
    expect(isOpen(ny, at('2026-12-07T14:00:00Z'))).toBe(true); // 09:00 EST
  });
});

describe('nextOpenAt', () => {
  test('later today, after lunch, and over the weekend', () => {
    const h = hours();
    expect(iso(nextOpenAt(h, at('2026-12-07T06:00:00Z')))).toBe('2026-12-07T08:00:00.000Z');
    expect(iso(nextOpenAt(h, at('2026-12-07T11:30:00Z')))).toBe('2026-12-07T12:00:00.000Z');
    // Friday 18:00 → Monday 09:00.
    expect(iso(nextOpenAt(h, at('2026-12-11T17:00:00Z')))).toBe('2026-12-14T08:00:00.000Z');
  });

  test('skips holidays', () => {
    const h = hours({ holidays: ['2026-12-24', '2026-12-25'] });
    expect(iso(nextOpenAt(h, at('2026-12-23T18:00:00Z')))).toBe('2026-12-28T08:00:00.000Z');
  });

  test('across the change to summer time: Berlin in March', () => {
    const h = hours();
    // Friday 27 March 2026 18:00 CET → Monday 30 March 09:00 CEST (07:00Z).
    expect(iso(nextOpenAt(h, at('2026-03-27T17:00:00Z')))).toBe('2026-03-30T07:00:00.000Z');
    // A start inside the skipped hour (02:30 on 29 March) opens when the clock reaches it: 03:00.
    const night = hours({ weekly: { ...closedWeek(), sun: [{ start: '02:30', end: '05:00' }] } });
    expect(iso(nextOpenAt(night, at('2026-03-28T12:00:00Z')))).toBe('2026-03-29T01:00:00.000Z');
    // An interval wholly inside the gap never happens that day.
    const lost = hours({ weekly: { ...closedWeek(), sun: [{ start: '02:10', end: '02:50' }] } });
    expect(iso(nextOpenAt(lost, at('2026-03-28T12:00:00Z')))).toBe('2026-04-05T00:10:00.000Z');
  });

  test('across the change to winter time: Berlin in October, the repeated hour', () => {
    const h = hours();
    // Friday 23 October 2026 18:00 CEST → Monday 26 October 09:00 CET (08:00Z).
    expect(iso(nextOpenAt(h, at('2026-10-23T16:00:00Z')))).toBe('2026-10-26T08:00:00.000Z');
    // 02:30 happens twice on 25 October: the first one counts.
    const night = hours({ weekly: { ...closedWeek(), sun: [{ start: '02:30', end: '04:00' }] } });
    expect(iso(nextOpenAt(night, at('2026-10-24T12:00:00Z')))).toBe('2026-10-25T00:30:00.000Z');
    expect(isOpen(night, at('2026-10-25T01:30:00Z'))).toBe(true); // the second 02:30
  });

  test('New York: March and November changes', () => {
    const ny = hours({ timeZone: 'America/New_York' });
    // Friday 6 March 2026 18:00 EST → Monday 9 March 09:00 EDT (13:00Z).
    expect(iso(nextOpenAt(ny, at('2026-03-06T23:00:00Z')))).toBe('2026-03-09T13:00:00.000Z');
    // Friday 30 October 18:00 EDT → Monday 2 November 09:00 EST (14:00Z).
    expect(iso(nextOpenAt(ny, at('2026-10-30T22:00:00Z')))).toBe('2026-11-02T14:00:00.000Z');
  });

  test('an empty week, or holidays on every open day: never', () => {
    expect(nextOpenAt(hours({ weekly: closedWeek() }), at('2026-12-07T10:00:00Z'))).toBeNull();
    const once = hours({
      weekly: { ...closedWeek(), mon: nineToSix },
      holidays: [],
    });
    expect(iso(nextOpenAt(once, at('2026-12-08T10:00:00Z')))).toBe('2026-12-14T08:00:00.000Z');
  });

  test('instantOfWall: the wall time in the zone, UTC for UTC', () => {
    expect(instantOfWall('UTC', Date.UTC(2026, 0, 1, 9))).toBe(Date.UTC(2026, 0, 1, 9));
    expect(instantOfWall('Asia/Seoul', Date.UTC(2026, 0, 1, 9))).toBe(Date.UTC(2026, 0, 1, 0));
  });

  test('isTimeZone knows IANA zones only', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Asia/Seoul')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});

describe('availabilityOf', () => {
  const h = { ...hours(), hideOutsideHours: true, replyTimeMinutes: 15 };
  test('an online agent answers whatever the hours', () => {
    expect(availabilityOf(h, true, at('2026-12-06T10:00:00Z'))).toEqual({
      state: 'online',
      replyTimeMinutes: 15,
    });
  });
  test('within hours, nobody online: away; no hours set: away', () => {
    expect(availabilityOf(h, false, at('2026-12-07T10:00:00Z'))).toEqual({
      state: 'away',
      replyTimeMinutes: 15,
    });
    expect(availabilityOf(null, false, at('2026-12-07T10:00:00Z'))).toEqual({ state: 'away' });
  });
  test('outside hours: closed, with when it opens, hidden when asked', () => {
    expect(availabilityOf(h, false, at('2026-12-06T10:00:00Z'))).toEqual({
      state: 'closed',
      nextOpenAt: '2026-12-07T08:00:00.000Z',
      replyTimeMinutes: 15,
      hidden: true,
    });
    const shown = { ...h, hideOutsideHours: false, replyTimeMinutes: null, weekly: closedWeek() };
    expect(availabilityOf(shown, false, at('2026-12-06T10:00:00Z'))).toEqual({ state: 'closed' });
  });
});
