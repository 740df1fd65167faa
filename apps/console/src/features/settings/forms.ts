import { t } from '../../lib/i18n/index.tsx';
/** Checks the settings forms make before asking the API (which checks again, answering 422). */

/** Scheme, host and port as a browser sends it in `Origin`, or null: the API's rule, early. */
export function normalizeOrigin(raw: string): string | null {
  const trimmed = raw.trim();
  if (!/^https?:\/\/[^/?#@\s]+\/?$/i.test(trimmed)) return null;
  try {
    return new URL(trimmed).origin;
  } catch {
    return null;
  }
}

/** One origin per line; the bad ones are named before the API is asked. */
export function parseOrigins(text: string): { origins: string[]; bad: string[] } {
  const origins: string[] = [];
  const bad: string[] = [];
  for (const line of text.split(/[\n,]/)) {
    if (!line.trim()) continue;
    const origin = normalizeOrigin(line);
    if (origin === null) bad.push(line.trim());
    else if (!origins.includes(origin)) origins.push(origin);
  }
  return { origins, bad };
}

/** The checks made before asking the API (which adds its own, like refusing private hosts). */
export function validateWebhook(url: string, events: readonly string[]): Record<string, string> {
  const problems: Record<string, string> = {};
  try {
    const parsed = new URL(url.trim());
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      problems.url = t('keys.urlScheme');
    }
  } catch {
    problems.url = url.trim() ? t('keys.urlAbsolute') : t('errors.required');
  }
  if (events.length === 0) problems.events = t('keys.oneEvent');
  return problems;
}
