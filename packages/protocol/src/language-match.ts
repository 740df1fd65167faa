// No imports: the widget bundles this file, and TypeBox must stay out of its bundle.

/**
 * Which of `offered` serves a browser's language (a BCP 47 tag): by language, and for a language
 * offered by script (`zh-Hans`) by the script its likely subtags give (`zh`, `zh-CN`, `zh-SG` are
 * simplified; `zh-TW`, `zh-HK`, `zh-Hant` traditional). `ar-EG` is `ar`; a malformed tag, or a
 * language not offered (`pt`), is null.
 */
export function matchLanguage<L extends string>(tag: string, offered: readonly L[]): L | null {
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(tag.trim()).maximize();
  } catch {
    return null;
  }
  const scripted = `${locale.language}-${locale.script}`;
  return offered.find((o) => o === locale.language || o === scripted) ?? null;
}

/** The first of the browser's languages, in its order of preference, that is offered; else `fallback`. */
export function negotiateLanguage<L extends string>(
  tags: readonly string[],
  offered: readonly L[],
  fallback: L,
): L {
  for (const tag of tags) {
    const match = matchLanguage(tag, offered);
    if (match) return match;
  }
  return fallback;
}

/** The tags of an `Accept-Language` header, most wanted first (by `q`, then by order); `*` dropped. */
export function acceptedLanguages(header: string | null | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.split('=')[1] ?? 1);
      return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((l) => l.tag !== '' && l.tag !== '*' && l.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i)
    .map((l) => l.tag);
}
