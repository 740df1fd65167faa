/** The forms of a counted phrase by plural category (`Intl.PluralRules`); `#` is the number. */
export type Forms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** `n` in the language's digits and separators (Arabic-Indic digits in `ar`). */
export const numberIn = (lang: string, n: number, digits = 0): string =>
  new Intl.NumberFormat(lang, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(n);

/** The form `n` takes in `lang`: one/other in English, six forms in Arabic, one in Japanese. */
export function plural(lang: string, n: number, forms: Forms): string {
  const form = forms[new Intl.PluralRules(lang).select(n)] ?? forms.other;
  return form.replaceAll('#', numberIn(lang, n));
}

/** "We usually reply in …": minutes under an hour, else whole hours, each with its plural. */
export const replyTime =
  (lang: string, minutes: Forms, hours: Forms) =>
  (m: number): string =>
    m < 60 ? plural(lang, m, minutes) : plural(lang, Math.round(m / 60), hours);

/** A file's size in the largest unit it reaches (512 B, 3.4 KB, 12 MB), in the visitor's digits. */
export const sizeIn =
  (lang: string, [b, kb, mb]: readonly [string, string, string]) =>
  (bytes: number): string => {
    const one = (n: number) => (n < 10 ? numberIn(lang, n, 1) : numberIn(lang, n));
    if (bytes < 1024) return `${numberIn(lang, bytes)} ${b}`;
    if (bytes < 1024 * 1024) return `${one(bytes / 1024)} ${kb}`;
    return `${one(bytes / (1024 * 1024))} ${mb}`;
  };

/**
 * Text of unknown direction (an address, a file name) inside a sentence, isolated (FSI … PDI) so
 * a Latin address keeps its order in an Arabic sentence and the sentence keeps its own.
 */
export const isolate = (text: string): string => `\u2068${text}\u2069`;
