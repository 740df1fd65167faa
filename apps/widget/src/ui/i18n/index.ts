import type { VisitorLocale, WidgetLanguage } from '@flc/protocol';
import { matchLanguage, negotiateLanguage } from '@flc/protocol/language-match';
import { ar } from './ar.ts';
import { de } from './de.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { ja } from './ja.ts';
import { ko } from './ko.ts';
import type { Strings } from './strings.ts';
import { zhHans } from './zh-hans.ts';

export type { Strings } from './strings.ts';

/** Every language the widget speaks: a language of the protocol without its catalog is a type error. */
export const catalogs: Record<VisitorLocale, Strings> = {
  en,
  ko,
  ja,
  'zh-Hans': zhHans,
  es,
  fr,
  de,
  ar,
};

const offered = Object.keys(catalogs) as VisitorLocale[];

/** One of the browser's languages (BCP 47) the widget speaks, or null: see `matchLanguage`. */
export const localeOf = (tag: string): VisitorLocale | null => matchLanguage(tag, offered);

/**
 * The first of the browser's languages (`navigator.languages`, in order) the widget speaks;
 * English last.
 */
export const negotiate = (languages: readonly string[]): VisitorLocale =>
  negotiateLanguage(languages, offered, 'en');

/**
 * The environment's language when it fixed one (every visitor gets the language of the tenant's
 * site and team), else the browser's (also before any boot said).
 */
export const widgetLocale = (
  setting: WidgetLanguage | null | undefined,
  browser: VisitorLocale,
): VisitorLocale => (setting && setting !== 'auto' && setting in catalogs ? setting : browser);

export const stringsOf = (locale: VisitorLocale): Strings => catalogs[locale];
