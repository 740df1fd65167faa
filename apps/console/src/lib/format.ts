/** Times as the inbox shows them, in the console's language. `now` is injectable so tests are exact. */
import { currentLocale, t } from './i18n/index.tsx';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "now", "5m", "3h", "Tue", "Jan 3", "Jan 3, 2024": short, for list rows. */
export function shortAgo(iso: string, now = Date.now()): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  const diff = now - at;
  if (diff < MINUTE) return t('format.now');
  if (diff < HOUR) return t('format.minutesShort', { n: Math.floor(diff / MINUTE) });
  if (diff < DAY) return t('format.hoursShort', { n: Math.floor(diff / HOUR) });
  const date = new Date(at);
  if (diff < 6 * DAY) return date.toLocaleDateString(currentLocale(), { weekday: 'short' });
  const sameYear = date.getFullYear() === new Date(now).getFullYear();
  return date.toLocaleDateString(currentLocale(), {
    month: 'short',
    day: 'numeric',
    ...(sameYear ? {} : { year: 'numeric' }),
  });
}

/** "10:42" for a message of today, "Jan 3, 10:42" before. */
export function messageTime(iso: string, now = Date.now()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const time = date.toLocaleTimeString(currentLocale(), { hour: 'numeric', minute: '2-digit' });
  if (new Date(now).toDateString() === date.toDateString()) return time;
  const day = date.toLocaleDateString(currentLocale(), { month: 'short', day: 'numeric' });
  return t('format.dayTime', { day, time });
}

/** The day a group of messages belongs to: "Today", "Yesterday", "Monday, Jan 3". */
export function dayLabel(iso: string, now = Date.now()): string {
  const date = new Date(iso);
  const today = new Date(now);
  if (date.toDateString() === today.toDateString()) return t('format.today');
  if (date.toDateString() === new Date(now - DAY).toDateString()) return t('format.yesterday');
  return date.toLocaleDateString(currentLocale(), {
    weekday: 'long',
    month: 'short',
    day: 'numeric',
    ...(date.getFullYear() === today.getFullYear() ? {} : { year: 'numeric' }),
  });
}

/** A visitor without a name: "Visitor 4f2a" from its contact id, stable across screens. */
export function contactName(contact: { id: string; name?: string | null }): string {
  const name = contact.name?.trim();
  return name ? name : t('format.visitor', { id: contact.id.replace(/-/g, '').slice(-4) });
}

/** When a snooze ends: "4:30 PM" today, "tomorrow, 9:00 AM", "Mon, 9:00 AM", "Jan 12, 9:00 AM". */
export function untilLabel(iso: string, now = Date.now()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const time = date.toLocaleTimeString(currentLocale(), { hour: 'numeric', minute: '2-digit' });
  const today = new Date(now);
  const startOfToday = new Date(today.getFullYear(), today.getMonth(), today.getDate());
  const days = Math.round(
    (new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime() -
      startOfToday.getTime()) /
      DAY,
  );
  if (days === 0) return time;
  if (days === 1) return t('format.tomorrowAt', { time });
  if (days > 1 && days < 7) {
    const day = date.toLocaleDateString(currentLocale(), { weekday: 'short' });
    return t('format.dayTime', { day, time });
  }
  const day = date.toLocaleDateString(currentLocale(), {
    month: 'short',
    day: 'numeric',
    ...(date.getFullYear() === today.getFullYear() ? {} : { year: 'numeric' }),
  });
  return t('format.dayTime', { day, time });
}

/** "Snoozed until tomorrow, 9:00 AM", or until the visitor writes. */
export function snoozedLabel(snoozedUntil: string | null | undefined, now = Date.now()): string {
  return snoozedUntil
    ? t('format.snoozedUntil', { until: untilLabel(snoozedUntil, now) })
    : t('format.snoozedUntilReply');
}
