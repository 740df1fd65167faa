import { mailWords } from '@flc/core';
import { directionOf, type VisitorLocale, visitorLocales } from '@flc/protocol';
import { acceptedLanguages, negotiateLanguage } from '@flc/protocol/language-match';

// The pages' words are the mails' (one catalog per language, `mailWords`).
type Language = VisitorLocale;

/**
 * The page's language for a browser that the contact's stored language does not decide: the
 * first of its `Accept-Language` (by preference) that the platform speaks, as the widget chooses;
 * else English.
 */
export const languageOf = (acceptLanguage: string | null | undefined): Language =>
  negotiateLanguage(acceptedLanguages(acceptLanguage), visitorLocales, 'en');

export const escapeHtml = (s: string) =>
  s
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');

/** A page of a mail's link: no script, nothing loaded, forms posting back to this server. */
export function page(
  language: Language,
  content: string,
  { status = 200, title = mailWords(language).pageTitle } = {},
): Response {
  const html = `<!doctype html>
<html lang="${language}" dir="${directionOf(language)}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title></head>
<body style="font-family: sans-serif; line-height: 1.5; max-width: 32rem; margin: 3rem auto; padding: 0 1rem">
<main>
<h1 style="font-size: 1.25rem">${escapeHtml(title)}</h1>
${content}
</main>
</body></html>`;
  return new Response(html, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      // Nothing runs, nothing loads; the one form posts back here.
      'content-security-policy':
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    },
  });
}

/** Asks before unsubscribing: a link opened by a mail scanner changes nothing. */
export function askPage(language: Language, token: string): Response {
  const words = mailWords(language);
  return page(
    language,
    `<p>${escapeHtml(words.pageAsk)}</p>
<form method="post" action="?token=${encodeURIComponent(token)}">
<button type="submit" style="font-size: 1rem; padding: 0.5rem 1rem">${escapeHtml(words.pageButton)}</button>
</form>`,
  );
}

export function donePage(language: Language): Response {
  const words = mailWords(language);
  return page(
    language,
    `<p role="status">${escapeHtml(words.pageDone)}</p>
<p>${escapeHtml(words.pageChat)}</p>`,
  );
}
