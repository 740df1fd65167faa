export default {
  history: 'Messages',
  loadOlder: 'Load older messages',
  loadingOlder: 'Loading older messages',
  start: 'Start of the conversation',
  loadNewer: 'Load newer messages',
  loadingNewer: 'Loading newer messages',
  newBelow: 'New messages ↓',
  found: 'Found message',
  viaEmail: 'via email',
  viaEmailHint: 'The visitor replied to a notification email; answers are mailed back',
  announce: 'New message from {name}: {body}',
  announceFile: 'New attachment from {name}',
} as const;
