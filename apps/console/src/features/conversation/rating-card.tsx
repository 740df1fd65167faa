import type { Conversation } from '@flc/protocol/resources';
import { errorText } from '../../lib/i18n/errors.ts';
import { currentLocale, t } from '../../lib/i18n/index.tsx';
import { useRating } from './api/get-rating.ts';

/** The visitor's satisfaction rating: stars for the eye, the score in words for everyone. */
export function RatingCard({ conversation }: { conversation: Conversation }) {
  const rating = useRating(conversation.id);
  const r = rating.data;
  return (
    <section className="panel-section rating-card" aria-labelledby="rating-heading">
      <h3 id="rating-heading">{t('rating.heading')}</h3>
      {rating.isPending ? (
        <div className="ui-skeleton ui-skeleton-block" />
      ) : rating.isError ? (
        <p className="error panel-note">
          {t('rating.failed', { message: errorText(rating.error) })}
        </p>
      ) : r ? (
        <>
          <p className="rating-stars">
            <span aria-hidden="true">{'★'.repeat(r.score) + '☆'.repeat(5 - r.score)}</span>
            <span className="rating-score">{t('rating.score', { n: r.score })}</span>
          </p>
          {r.comment ? (
            <blockquote className="rating-comment" aria-label={t('rating.comment')}>
              {r.comment}
            </blockquote>
          ) : null}
          <p className="muted panel-note">
            <time dateTime={r.ratedAt}>
              {t('rating.ratedAt', { when: new Date(r.ratedAt).toLocaleString(currentLocale()) })}
            </time>
          </p>
        </>
      ) : (
        <p className="muted panel-note">
          {conversation.status === 'closed' ? t('rating.none') : t('rating.noneOpen')}
        </p>
      )}
    </section>
  );
}
