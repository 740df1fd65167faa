import type { WidgetLanguage } from '@flc/protocol';

/** What the widget language card says, together so it can be translated. */
export const widgetLanguageStrings = {
  title: 'Widget language',
  label: 'Language',
  hint: 'Automatic: each visitor gets the widget in the first of their browser’s languages it speaks, else English. A language: every visitor gets the widget, and its emails, in that language.',
  saving: 'Saving…',
  saved: 'Saved',
  failed: 'The language was not saved. Try again.',
} as const;

/**
 * The choices, each language by its own name (what its speakers look for) and in English; every
 * language of the widget must be here (a missing one is a type error).
 */
export const widgetLanguageNames: Record<WidgetLanguage, { name: string; lang?: string }> = {
  auto: { name: 'Automatic (the visitor’s browser chooses)' },
  en: { name: 'English', lang: 'en' },
  ko: { name: '한국어 (Korean)', lang: 'ko' },
  ja: { name: '日本語 (Japanese)', lang: 'ja' },
  'zh-Hans': { name: '简体中文 (Chinese, Simplified)', lang: 'zh-Hans' },
  es: { name: 'Español (Spanish)', lang: 'es' },
  fr: { name: 'Français (French)', lang: 'fr' },
  de: { name: 'Deutsch (German)', lang: 'de' },
  ar: { name: 'العربية (Arabic)', lang: 'ar' },
};
