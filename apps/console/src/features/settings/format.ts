import { currentLocale, t } from '../../lib/i18n/index.tsx';

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "5 min ago", "3 h ago", "2 days ago", then the date. */
export function relativeTime(iso: string | null, now = Date.now()): string {
  if (!iso) return t('settings.never');
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '—';
  const s = Math.round((now - then) / 1000);
  if (s < 0) return inTime(-s);
  if (s < 45) return t('settings.justNow');
  if (s < HOUR) return t('settings.minutesAgo', { n: Math.max(1, Math.round(s / MINUTE)) });
  if (s < DAY) return t('settings.hoursAgo', { n: Math.round(s / HOUR) });
  if (s < 30 * DAY) return t('settings.daysAgo', { n: Math.round(s / DAY) });
  return shortDate(iso);
}

function inTime(s: number): string {
  if (s < 45) return t('settings.inAMoment');
  if (s < HOUR) return t('settings.inMinutes', { n: Math.max(1, Math.round(s / MINUTE)) });
  if (s < DAY) return t('settings.inHours', { n: Math.round(s / HOUR) });
  return t('settings.inDays', { n: Math.round(s / DAY) });
}

export const shortDate = (iso: string) =>
  new Date(iso).toLocaleDateString(currentLocale(), {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  });

export const dateTime = (iso: string) =>
  new Date(iso).toLocaleString(currentLocale(), {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });

/** A role's name: Owner, Admin, Agent. */
export const roleLabel = (role: string) => t('settings.role', { role });

export const initials = (name: string) =>
  name
    .trim()
    .split(/\s+/)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('') || '?';

/** A hidden secret as dots ending in its hint ("…1a2b" → "••••…1a2b"), or dots alone. */
export const maskedSecret = (hint: string | undefined, dots = 28) =>
  `${'•'.repeat(dots)}${hint?.replace(/^…/, '') ?? ''}`;
