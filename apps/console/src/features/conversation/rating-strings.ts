/** What the console says about satisfaction ratings, together so it can be translated. */
export const ratingStrings = {
  heading: 'Satisfaction',
  none: 'Not rated yet.',
  noneOpen: 'The visitor is asked to rate once the conversation is closed.',
  score: (n: number) => `Rated ${n} out of 5`,
  comment: 'Comment',
  ratedAt: (when: string) => `Rated ${when}`,
  failed: (message: string) => `The rating did not load: ${message}`,
} as const;
