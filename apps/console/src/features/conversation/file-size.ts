import { currentLocale, t } from '../../lib/i18n/index.tsx';

/** A file's size in the units people read: 512 B, 3.4 KB, 12 MB. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return t('attachments.bytes', { n: bytes });
  if (bytes < 1024 * 1024) return t('attachments.kilobytes', { n: formatUnit(bytes / 1024) });
  return t('attachments.megabytes', { n: formatUnit(bytes / (1024 * 1024)) });
}

const formatUnit = (n: number) =>
  new Intl.NumberFormat(currentLocale(), { maximumFractionDigits: n < 10 ? 1 : 0 }).format(n);
