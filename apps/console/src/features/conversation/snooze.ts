/** The snooze menu's choices, from a given now (local time), so tests are exact. */
import { t } from '../../lib/i18n/index.tsx';

export type SnoozePresetId = 'hour' | 'tomorrow' | 'next-week' | 'visitor';

export interface SnoozePreset {
  id: SnoozePresetId;
  label: string;
  /** When it opens again by itself; null: when the visitor writes. */
  until: Date | null;
}

const HOUR = 60 * 60 * 1000;

/** 9:00 local time, `days` days after `now`'s day (DST-safe: built from the calendar). */
const nineAm = (now: Date, days: number) =>
  new Date(now.getFullYear(), now.getMonth(), now.getDate() + days, 9, 0, 0, 0);

/** The next Monday at 9:00, 1 to 7 days ahead: "next week" from any day, a Monday included. */
export function nextWeek(now: Date): Date {
  const daysToMonday = (8 - now.getDay()) % 7 || 7;
  return nineAm(now, daysToMonday);
}

export function snoozePresets(now: Date): SnoozePreset[] {
  return [
    { id: 'hour', label: t('conversation.snoozeHour'), until: new Date(now.getTime() + HOUR) },
    { id: 'tomorrow', label: t('conversation.snoozeTomorrow'), until: nineAm(now, 1) },
    { id: 'next-week', label: t('conversation.snoozeNextWeek'), until: nextWeek(now) },
    { id: 'visitor', label: t('conversation.snoozeVisitor'), until: null },
  ];
}
