export default {
  heading: 'Satisfaction',
  none: 'Not rated yet.',
  noneOpen: 'The visitor is asked to rate once the conversation is closed.',
  score: 'Rated {n} out of 5',
  comment: 'Comment',
  ratedAt: 'Rated {when}',
  failed: 'The rating did not load: {message}',
} as const;
