const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "5 min ago", "3 h ago", "2 days ago", then the date. */
export function relativeTime(iso: string | null, now = Date.now()): string {
  if (!iso) return 'Never';
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '—';
  const s = Math.round((now - then) / 1000);
  if (s < 0) return inTime(-s);
  if (s < 45) return 'just now';
  if (s < HOUR) return `${Math.max(1, Math.round(s / MINUTE))} min ago`;
  if (s < DAY) return `${Math.round(s / HOUR)} h ago`;
  if (s < 30 * DAY) {
    const d = Math.round(s / DAY);
    return `${d} day${d === 1 ? '' : 's'} ago`;
  }
  return shortDate(iso);
}

function inTime(s: number): string {
  if (s < 45) return 'in a moment';
  if (s < HOUR) return `in ${Math.max(1, Math.round(s / MINUTE))} min`;
  if (s < DAY) return `in ${Math.round(s / HOUR)} h`;
  return `in ${Math.round(s / DAY)} days`;
}

export const shortDate = (iso: string) =>
  new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

export const dateTime = (iso: string) =>
  new Date(iso).toLocaleString(undefined, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });

export const ROLE_LABELS = { owner: 'Owner', admin: 'Admin', agent: 'Agent' } as const;

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
