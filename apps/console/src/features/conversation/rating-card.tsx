import type { Conversation } from '@flc/protocol/resources';
import { useRating } from './api/get-rating.ts';
import { ratingStrings as t } from './rating-strings.ts';

/** The visitor's satisfaction rating: stars for the eye, the score in words for everyone. */
export function RatingCard({ conversation }: { conversation: Conversation }) {
  const rating = useRating(conversation.id);
  const r = rating.data;
  return (
    <section className="panel-section rating-card" aria-labelledby="rating-heading">
      <h3 id="rating-heading">{t.heading}</h3>
      {rating.isPending ? (
        <div className="ui-skeleton ui-skeleton-block" />
      ) : rating.isError ? (
        <p className="error panel-note">{t.failed(rating.error.message)}</p>
      ) : r ? (
        <>
          <p className="rating-stars">
            <span aria-hidden="true">{'★'.repeat(r.score) + '☆'.repeat(5 - r.score)}</span>
            <span className="rating-score">{t.score(r.score)}</span>
          </p>
          {r.comment ? (
            <blockquote className="rating-comment" aria-label={t.comment}>
              {r.comment}
            </blockquote>
          ) : null}
          <p className="muted panel-note">
            <time dateTime={r.ratedAt}>{t.ratedAt(new Date(r.ratedAt).toLocaleString())}</time>
          </p>
        </>
      ) : (
        <p className="muted panel-note">{conversation.status === 'closed' ? t.none : t.noneOpen}</p>
      )}
    </section>
  );
}
