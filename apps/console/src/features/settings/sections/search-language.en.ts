export default {
  title: 'Search',
  label: 'Search language',
  hint: 'How messages are split into words: with a stemming language, “refunds” finds “refund”. Languages without a stemmer (Korean, Japanese, Chinese) match whole words. A change re-indexes past messages in the background.',
  readOnly: 'Only owners and admins can change it.',
  saving: 'Saving…',
  saved: 'Saved',
  failed: 'The language was not saved. Try again.',
  simple: 'Simple (whole words, any language)',
} as const;
