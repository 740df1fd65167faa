/** Which language the console speaks: the agent's choice if made, else the browser's. */

export const LOCALES = ['en', 'ko'] as const;
export type Locale = (typeof LOCALES)[number];

/** Each language named in itself, for the language select (never translated). */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', ko: '한국어' };

const STORAGE_KEY = 'flc.console.locale';

export const isLocale = (value: unknown): value is Locale =>
  typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

/** The first of the browser's languages the console has a catalog for: ko* → ko, else en. */
export function pickLocale(languages: readonly string[]): Locale {
  for (const tag of languages) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

/** The agent's saved choice, or what the browser prefers. */
export function initialLocale(): Locale {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    // Storage blocked (a privacy setting): fall back to the browser's languages.
  }
  const nav = globalThis.navigator;
  return pickLocale(nav?.languages?.length ? nav.languages : [nav?.language ?? 'en']);
}

/** Remembered in this browser only: a language is a device habit, not an account setting. */
export function saveLocale(locale: Locale): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembered; the choice still holds until the page is closed.
  }
}
