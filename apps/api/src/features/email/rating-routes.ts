import { mailWords, RatingLinks } from '@flc/core';
import type { VisitorLocale } from '@flc/protocol';
import { preChatLimits, type RatingCreate } from '@flc/protocol/resources';
import { Elysia } from 'elysia';
import type { ApiDeps } from '../../deps.ts';
import { ApiError } from '../../lib/errors.ts';
import { errorSchema } from '../../lib/models.ts';
import { RatingService } from '../pre-chat/rating.ts';
import { RatingLinkQuery } from './model.ts';
import { ratingDonePage, ratingFormPage, ratingTroublePage } from './rating-page.ts';
import { languageOf } from './unsubscribe-page.ts';

/** The page's form, as the raw bytes json-bodies hands over; null when not a valid rating. */
function formOf(body: unknown): RatingCreate | null {
  const text = body instanceof ArrayBuffer ? new TextDecoder().decode(body) : '';
  const fields = new URLSearchParams(text);
  const score = Number(fields.get('score') ?? '');
  const comment = fields.get('comment')?.trim() ?? '';
  // The limits of the documented form (the POST's requestBody).
  if (!Number.isInteger(score) || score < 1 || score > 5) return null;
  if (comment.length > preChatLimits.maxCommentChars) return null;
  return { score, comment: comment || null };
}

const htmlAnswer = (description: string) => ({
  description,
  content: { 'text/html': { schema: { type: 'string' as const } } },
});

const ANSWERS = {
  200: htmlAnswer('The page'),
  404: htmlAnswer('Not a rating link of this server (or its conversation is gone)'),
  409: htmlAnswer('Already rated, or reopened since'),
  410: htmlAnswer('The link expired'),
  422: {
    description:
      'The form again, saying what is wrong (a page); a query without a token or with a score outside 1–5: the JSON error',
    content: {
      'text/html': { schema: { type: 'string' as const } },
      'application/json': { schema: errorSchema },
    },
  },
};

/**
 * The "How did we do?" links of a closed conversation's transcript mail. GET shows the chosen
 * score with an optional comment box and records nothing (mail scanners open links); POST
 * records the rating through the widget's rating path, once per conversation.
 */
export const ratingMailRoutes = (deps: ApiDeps) => {
  const links = new RatingLinks(deps.jwtSecret);
  const ratings = new RatingService(deps.db.sql, deps.conversations);

  /** The contact's own language when its widget said one, else the browser's. */
  const languageFor = async (conversationId: string | null, request: Request) => {
    const [row] = conversationId
      ? await deps.db.sql<{ locale: VisitorLocale | null }[]>`
          select ct.locale from conversations c join contacts ct on ct.id = c.contact_id
          where c.id = ${conversationId}`
      : [];
    return row?.locale ?? languageOf(request.headers.get('accept-language'));
  };

  const checked = async (token: string, request: Request) => {
    const check = links.check(token);
    if (!check.ok) {
      return { trouble: ratingTroublePage(await languageFor(null, request), check.reason) };
    }
    const language = await languageFor(check.conversationId, request);
    return { conversationId: check.conversationId, language };
  };

  const detail = (summary: string, description: string) => ({
    summary,
    description,
    responses: ANSWERS,
  });

  return new Elysia({ prefix: '/v1/email', tags: ['email'] })
    .get(
      '/rating',
      async ({ query, request }) => {
        const link = await checked(query.token, request);
        if ('trouble' in link) return link.trouble;
        return ratingFormPage(link.language, query.token, query.score);
      },
      {
        query: RatingLinkQuery,
        detail: detail(
          "A transcript's rating link: a page with the chosen score and a comment box",
          "No credentials: the signed token is the permission (404 page for one this server did not sign, 410 once expired: tokens last 30 days). Records nothing: the page's form posts to the same address. In the contact's language (the widget's `locale`), else the first language of `Accept-Language` the platform speaks (English otherwise). No script (CSP `default-src 'none'`).",
        ),
      },
    )
    .post(
      '/rating',
      async ({ query, body, request }) => {
        const link = await checked(query.token, request);
        if ('trouble' in link) return link.trouble;
        const form = formOf(body);
        if (!form) {
          const words = mailWords(link.language);
          return ratingFormPage(link.language, query.token, query.score, words.rateInvalidForm);
        }
        try {
          const rating = await ratings.rateByMail(link.conversationId, form);
          return ratingDonePage(link.language, rating.score);
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          if (error.code === 'already_rated') return ratingTroublePage(link.language, 'already');
          if (error.code === 'not_closed') return ratingTroublePage(link.language, 'notClosed');
          if (error.status === 404) return ratingTroublePage(link.language, 'invalid');
          throw error;
        }
      },
      {
        query: RatingLinkQuery,
        detail: {
          ...detail(
            'Rate a closed conversation from its transcript mail (form post)',
            "Records the rating as the widget does (`conversation.rated` webhook, read on `GET /v1/conversations/{id}`), but once: a conversation already rated answers a 409 page saying so, as does one reopened since it was closed. 404 / 410 pages as for GET; the form again with 422 for a score outside 1–5 or a comment over 1,000 characters. The body is the page's form (`application/x-www-form-urlencoded`; any other type is 415).",
          ),
          requestBody: {
            required: true,
            content: {
              'application/x-www-form-urlencoded': {
                schema: {
                  type: 'object',
                  required: ['score'],
                  properties: {
                    score: { type: 'integer', minimum: 1, maximum: 5 },
                    comment: { type: 'string', maxLength: preChatLimits.maxCommentChars },
                  },
                },
              },
            },
          },
        },
      },
    );
};
