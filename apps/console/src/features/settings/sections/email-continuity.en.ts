export default {
  title: 'Email replies',
  description:
    'Replies a visitor has not seen are mailed to them, and their answers by mail come back into the conversation (when the server has inbound mail set up).',
  toggle: 'Answer visitors by email',
  hintOn: 'Away visitors are asked for their email in the widget.',
  hintOff: 'No reply is mailed, and the widget asks nobody for an email.',
  saving: 'Saving…',
  savedOn: 'Email replies are on',
  savedOff: 'Email replies are off',
  failed: 'Not saved. Try again.',
  loadFailed: 'The setting could not be loaded: {message}',
} as const;
