import { type Static, Type as T } from '@sinclair/typebox';

/**
 * The languages the widget speaks (its catalogs) and the platform mails visitors in. A visitor's
 * `locale` is one of these or nothing: English is the fallback everywhere.
 */
export const VisitorLocale = T.Union([T.Literal('en'), T.Literal('ko')], {
  description: "The visitor's language: the widget's catalog, and the language of its mails",
});
export type VisitorLocale = Static<typeof VisitorLocale>;
export const visitorLocales: readonly VisitorLocale[] = VisitorLocale.anyOf.map((l) => l.const);
