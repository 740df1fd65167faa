/** Every word of the unsubscribe pages, in English and Korean, picked by `Accept-Language`. */
const WORDS = {
  en: {
    title: 'Emails about this conversation',
    ask: 'Stop getting emails about this conversation?',
    button: 'Stop emails',
    done: 'You will get no more emails about this conversation.',
    chat: 'You can still reply in the chat on the website.',
  },
  ko: {
    title: '이 대화에 관한 이메일',
    ask: '이 대화에 관한 이메일을 그만 받으시겠어요?',
    button: '이메일 그만 받기',
    done: '이 대화에 관한 이메일을 더 이상 보내지 않습니다.',
    chat: '웹사이트의 채팅에서는 계속 답장할 수 있습니다.',
  },
} as const;

type Language = keyof typeof WORDS;

/** The visitor's language: Korean when the browser prefers it over English, else English. */
export function languageOf(acceptLanguage: string | null | undefined): Language {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.split('=')[1] ?? 1);
      return { tag: tag.split('-')[0] ?? '', q: Number.isFinite(q) ? q : 0 };
    })
    .filter((l) => l.tag === 'en' || l.tag === 'ko')
    .sort((a, b) => b.q - a.q);
  return ranked[0]?.tag === 'ko' ? 'ko' : 'en';
}

const escapeHtml = (s: string) =>
  s
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');

function page(language: Language, content: string): Response {
  const words = WORDS[language];
  const html = `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(words.title)}</title></head>
<body style="font-family: sans-serif; line-height: 1.5; max-width: 32rem; margin: 3rem auto; padding: 0 1rem">
<main>
<h1 style="font-size: 1.25rem">${escapeHtml(words.title)}</h1>
${content}
</main>
</body></html>`;
  return new Response(html, {
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
  const words = WORDS[language];
  return page(
    language,
    `<p>${escapeHtml(words.ask)}</p>
<form method="post" action="?token=${encodeURIComponent(token)}">
<button type="submit" style="font-size: 1rem; padding: 0.5rem 1rem">${escapeHtml(words.button)}</button>
</form>`,
  );
}

export function donePage(language: Language): Response {
  const words = WORDS[language];
  return page(
    language,
    `<p role="status">${escapeHtml(words.done)}</p>
<p>${escapeHtml(words.chat)}</p>`,
  );
}
