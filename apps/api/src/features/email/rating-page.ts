import { mailWords } from '@flc/core';
import type { VisitorLocale } from '@flc/protocol';
import { preChatLimits } from '@flc/protocol/resources';
import { escapeHtml, page } from './unsubscribe-page.ts';

/** The outcomes of a rating link the page tells in words, with their HTTP status. */
export type RatingTrouble = 'invalid' | 'expired' | 'already' | 'notClosed';

const statusOf: Record<RatingTrouble, number> = {
  invalid: 404,
  expired: 410,
  already: 409,
  notClosed: 409,
};

const title = (language: VisitorLocale) => mailWords(language).rateTitle;

/**
 * The page a transcript's score link opens: the score chosen (changeable), an optional comment,
 * and a button that posts them. Opening it records nothing, so a mail scanner following every
 * link rates nothing.
 */
export function ratingFormPage(
  language: VisitorLocale,
  token: string,
  score: number | undefined,
  problem?: string,
): Response {
  const words = mailWords(language);
  const options = words.scores
    .map((label, i) => {
      const value = i + 1;
      const checked = value === score ? ' checked' : '';
      return `<div><input type="radio" id="score-${value}" name="score" value="${value}" required${checked}>
<label for="score-${value}">${escapeHtml(label)}</label></div>`;
    })
    .join('\n');
  return page(
    language,
    `${problem ? `<p role="alert">${escapeHtml(problem)}</p>` : ''}
<form method="post" action="?token=${encodeURIComponent(token)}">
<fieldset style="border: none; padding: 0; margin: 0 0 1rem">
<legend style="font-weight: bold; margin-bottom: 0.5rem">${escapeHtml(words.rateScore)}</legend>
${options}
</fieldset>
<div style="margin-bottom: 1rem">
<label for="comment" style="display: block; margin-bottom: 0.25rem">${escapeHtml(words.rateComment)}</label>
<textarea id="comment" name="comment" rows="4" maxlength="${preChatLimits.maxCommentChars}" style="width: 100%; font: inherit"></textarea>
</div>
<button type="submit" style="font-size: 1rem; padding: 0.5rem 1rem">${escapeHtml(words.rateSend)}</button>
</form>`,
    { title: title(language), status: problem ? 422 : 200 },
  );
}

export function ratingDonePage(language: VisitorLocale, score: number): Response {
  const words = mailWords(language);
  return page(
    language,
    `<p role="status">${escapeHtml(words.rateThanks)}</p>
<p>${escapeHtml(words.rateScore)}: ${escapeHtml(words.scores[score - 1] ?? String(score))}</p>`,
    { title: title(language) },
  );
}

export function ratingTroublePage(language: VisitorLocale, trouble: RatingTrouble): Response {
  const words = mailWords(language);
  const text = {
    invalid: words.rateInvalid,
    expired: words.rateExpired,
    already: words.rateAlready,
    notClosed: words.rateNotClosed,
  }[trouble];
  return page(language, `<p role="alert">${escapeHtml(text)}</p>`, {
    title: title(language),
    status: statusOf[trouble],
  });
}
