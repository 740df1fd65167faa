/** What the conversation's history says around its paging, together so it can be translated. */
export const timelineStrings = {
  history: 'Messages',
  loadOlder: 'Load older messages',
  loadingOlder: 'Loading older messages',
  start: 'Start of the conversation',
  loadNewer: 'Load newer messages',
  loadingNewer: 'Loading newer messages',
  newBelow: 'New messages ↓',
  /** Announced with the message a link or a search hit opened. */
  found: 'Found message',
  /** The mark of a visitor's reply by mail, and what it means. */
  viaEmail: 'via email',
  viaEmailHint: 'The visitor replied to a notification email; answers are mailed back',
} as const;
