import type { WidgetLanguage } from '@flc/protocol';

/**
 * The choices, each language by its own name (what its speakers look for) and in English; every
 * language of the widget must be here (a missing one is a type error). `auto` is named by the
 * catalogs (`widgetLanguage.automatic`); the names of the languages are the same in every
 * console language.
 */
export const widgetLanguageNames: Record<WidgetLanguage, { name: string; lang?: string }> = {
  auto: { name: '' },
  en: { name: 'English', lang: 'en' },
  ko: { name: '한국어 (Korean)', lang: 'ko' },
  ja: { name: '日本語 (Japanese)', lang: 'ja' },
  'zh-Hans': { name: '简体中文 (Chinese, Simplified)', lang: 'zh-Hans' },
  es: { name: 'Español (Spanish)', lang: 'es' },
  fr: { name: 'Français (French)', lang: 'fr' },
  de: { name: 'Deutsch (German)', lang: 'de' },
  ar: { name: 'العربية (Arabic)', lang: 'ar' },
};
