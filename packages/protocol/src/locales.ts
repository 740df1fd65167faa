import { type Static, Type as T } from '@sinclair/typebox';

/**
 * The languages the widget speaks (its catalogs) and the platform mails visitors in. A visitor's
 * `locale` is one of these or nothing: English is the fallback everywhere. `zh-Hans` is Chinese
 * in simplified characters (mainland China, Singapore); traditional Chinese is not offered yet.
 */
export const VisitorLocale = T.Union(
  [
    T.Literal('en'),
    T.Literal('ko'),
    T.Literal('ja'),
    T.Literal('zh-Hans'),
    T.Literal('es'),
    T.Literal('fr'),
    T.Literal('de'),
    T.Literal('ar'),
  ],
  { description: "The visitor's language: the widget's catalog, and the language of its mails" },
);
export type VisitorLocale = Static<typeof VisitorLocale>;
export const visitorLocales: readonly VisitorLocale[] = VisitorLocale.anyOf.map((l) => l.const);

/** The languages written right to left: their pages and the widget get `dir="rtl"`. */
const rightToLeft: ReadonlySet<string> = new Set<VisitorLocale>(['ar']);

/** The writing direction of a language, for `dir` on a page, a mail or the widget's root. */
export const directionOf = (locale: VisitorLocale | null | undefined): 'ltr' | 'rtl' =>
  locale && rightToLeft.has(locale) ? 'rtl' : 'ltr';

/**
 * An environment's widget language: `auto` (the default) lets each visitor's browser choose
 * among the widget's languages; a language makes the widget speak it to every visitor.
 */
export const WidgetLanguage = T.Union([T.Literal('auto'), ...VisitorLocale.anyOf], {
  description:
    "The widget's language: `auto` (the visitor's browser chooses, English when it asks for none of the widget's languages), or one language every visitor gets",
});
export type WidgetLanguage = Static<typeof WidgetLanguage>;
