export default {
  modeLegend: 'Write',
  modeReply: 'Reply',
  modeNote: 'Private note',
  replyLabel: 'Reply',
  noteLabel: 'Private note',
  replyPlaceholder: 'Reply to {name}…',
  notePlaceholder: 'Only your team sees this. Type @ to mention a teammate…',
  send: 'Send',
  addNote: 'Add note',
  noteBadge: 'Private note',
  noteHint: 'Not shown to the visitor',
  keySend: 'send',
  keyAdd: 'add',
  keyNewLine: 'new line',
  pickerLabel: 'Mention a teammate',
  pickerStatus:
    '{n, plural, =0 {No teammate matches} one {# teammate matches; up and down to choose, Enter to mention} other {# teammates match; up and down to choose, Enter to mention}}',
} as const;
