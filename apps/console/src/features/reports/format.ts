import { t } from '../../lib/i18n/index.tsx';

/** A duration in seconds, to the unit that reads best: 45 s, 12 min, 3 h 5 min, 2 d 4 h. */
export function duration(seconds: number | null): string {
  if (seconds === null) return t('reports.none');
  const s = Math.round(seconds);
  if (s < 60) return t('reports.seconds', { n: s });
  const minutes = Math.round(s / 60);
  if (minutes < 60) return t('reports.minutesShort', { n: minutes });
  if (minutes < 24 * 60)
    return t('reports.hoursShort', { h: Math.floor(minutes / 60), m: minutes % 60 });
  const hours = Math.round(minutes / 60);
  return t('reports.daysShort', { d: Math.floor(hours / 24), h: hours % 24 });
}

export const average = (value: number | null) =>
  value === null ? t('reports.none') : t('reports.averageOf5', { average: value.toFixed(2) });
