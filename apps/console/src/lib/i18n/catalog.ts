/**
 * The shape every catalog shares. Each feature keeps its messages in `i18n.en.ts` (the source,
 * ICU MessageFormat) and `i18n.ko.ts` (a `Translation` of it: a missing or stray key is a type
 * error); catalog.en.ts and catalog.ko.ts put the features together under their namespaces.
 */

/** A feature's messages: key → ICU message. */
export type Messages = Readonly<Record<string, string>>;

/** The same keys as the English source, each translated. */
export type Translation<Source extends Messages> = { readonly [K in keyof Source]: string };

/** Namespaces (features) → their messages. */
export type Namespaces = Readonly<Record<string, Messages>>;

/** `inbox.title`: a namespace and one of its keys. */
export type KeysOf<N extends Namespaces> = {
  [NS in keyof N & string]: `${NS}.${keyof N[NS] & string}`;
}[keyof N & string];

/** The flat id → message map react-intl reads. */
export function flatten(namespaces: Namespaces): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [ns, messages] of Object.entries(namespaces)) {
    for (const [key, message] of Object.entries(messages)) out[`${ns}.${key}`] = message;
  }
  return out;
}
