/**
 * The console's translations, on FormatJS (react-intl): ICU MessageFormat messages (plurals and
 * selects in the message, so English and Korean have the same keys), typed ids, and Intl for
 * dates and numbers in the chosen language. Components call `useT()`; plain modules that format
 * for the page (dates, errors) read `currentLocale()` / `t()` after the provider set them.
 */
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { createIntl, createIntlCache, type IntlShape, RawIntlProvider, useIntl } from 'react-intl';
import { type EnglishNamespaces, en } from './catalog.en.ts';
import { flatten, type KeysOf } from './catalog.ts';
import { initialLocale, type Locale, saveLocale } from './locale.ts';

export type MessageKey = KeysOf<EnglishNamespaces>;
type Primitive = string | number | boolean | null | undefined | Date;
export type MessageValues = Record<string, Primitive>;
/** Values that may be elements, and tags (`<b>…</b>` in a message) rendered by a function. */
export type RichValues = Record<
  string,
  Primitive | ReactNode | ((chunks: ReactNode[]) => ReactNode)
>;

declare global {
  namespace FormatjsIntl {
    interface Message {
      ids: MessageKey;
    }
  }
}

const cache = createIntlCache();
const english = flatten(en);

async function loadMessages(locale: Locale): Promise<Record<string, string>> {
  if (locale === 'en') return english;
  const { ko } = await import('./catalog.ko.ts');
  return flatten(ko);
}

const make = (locale: Locale, messages: Record<string, string>) =>
  createIntl({ locale, defaultLocale: 'en', messages }, cache);

let current: IntlShape = make('en', english);

/** The language the page is in now. */
export const currentLocale = (): Locale => current.locale as Locale;

export type Translate = ((key: MessageKey, values?: MessageValues) => string) & {
  /** A message with elements in it: `<link>…</link>` tags and element values. */
  rich: (key: MessageKey, values: RichValues) => ReactNode;
};

function translator(intl: IntlShape): Translate {
  const plain = (key: MessageKey, values?: MessageValues) =>
    intl.formatMessage({ id: key }, values);
  const rich = (key: MessageKey, values: RichValues) =>
    intl.formatMessage({ id: key }, values as Record<string, ReactNode>);
  return Object.assign(plain, { rich });
}

/** Translate outside React (errors, formatting helpers): in the language the page is in now. */
export const t: Translate = Object.assign(
  (key: MessageKey, values?: MessageValues) => translator(current)(key, values),
  { rich: (key: MessageKey, values: RichValues) => translator(current).rich(key, values) },
);

function apply(intl: IntlShape): void {
  current = intl;
  if (globalThis.document) document.documentElement.lang = intl.locale;
}

/** Before the first render: the chosen language's catalog (Korean is a separate chunk). */
export async function bootI18n(locale: Locale = initialLocale()): Promise<void> {
  apply(make(locale, await loadMessages(locale)));
}

interface LocaleState {
  locale: Locale;
  setLocale: (locale: Locale) => Promise<void>;
}

const LocaleContext = createContext<LocaleState | null>(null);

/**
 * The language's state, held by the App itself so a switch re-renders the whole tree it builds
 * (components that call the module's `t` too), in place: nothing is reloaded or remounted.
 */
export function useI18nState(): { intl: IntlShape; state: LocaleState } {
  const [intl, setIntl] = useState(() => current);
  const setLocale = useCallback(async (locale: Locale) => {
    saveLocale(locale);
    const next = make(locale, await loadMessages(locale));
    apply(next);
    setIntl(next);
  }, []);
  const state = useMemo(
    () => ({ locale: intl.locale as Locale, setLocale }),
    [intl.locale, setLocale],
  );
  return { intl, state };
}

export function I18nProvider({
  i18n: { intl, state },
  children,
}: {
  i18n: ReturnType<typeof useI18nState>;
  children: ReactNode;
}) {
  return (
    <LocaleContext.Provider value={state}>
      <RawIntlProvider value={intl}>{children}</RawIntlProvider>
    </LocaleContext.Provider>
  );
}

export function useLocale(): LocaleState {
  const state = useContext(LocaleContext);
  if (!state) throw new Error('useLocale outside I18nProvider');
  return state;
}

/** The translate function for this render, in the language chosen now. */
export function useT(): Translate {
  const intl = useIntl();
  return useMemo(() => translator(intl), [intl]);
}
