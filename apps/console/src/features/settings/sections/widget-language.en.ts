export default {
  title: 'Widget language',
  label: 'Language',
  hint: 'Automatic: each visitor gets the widget in the first of their browser’s languages it speaks, else English. A language: every visitor gets the widget, and its emails, in that language.',
  automatic: 'Automatic (the visitor’s browser chooses)',
  saving: 'Saving…',
  saved: 'Saved',
  failed: 'The language was not saved. Try again.',
} as const;
