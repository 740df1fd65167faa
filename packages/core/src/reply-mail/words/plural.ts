/** The forms of a counted phrase by plural category (`Intl.PluralRules`); `#` is the number. */
export type Forms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** The form `n` takes in `lang`: one/other in English, six forms in Arabic. */
export function plural(lang: string, n: number, forms: Forms): string {
  const form = forms[new Intl.PluralRules(lang).select(n)] ?? forms.other;
  return form.replaceAll('#', new Intl.NumberFormat(lang).format(n));
}
