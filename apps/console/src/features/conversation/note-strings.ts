/** What the console says about private notes and mentions, together so it can be translated. */
export const noteStrings = {
  modeLegend: 'Write',
  modeReply: 'Reply',
  modeNote: 'Private note',
  replyLabel: 'Reply',
  noteLabel: 'Private note',
  replyPlaceholder: (name: string) => `Reply to ${name}…`,
  notePlaceholder: 'Only your team sees this. Type @ to mention a teammate…',
  send: 'Send',
  addNote: 'Add note',
  noteBadge: 'Private note',
  noteHint: 'Not shown to the visitor',
  keySend: 'send',
  keyAdd: 'add',
  pickerLabel: 'Mention a teammate',
  pickerStatus: (n: number) =>
    n === 0
      ? 'No teammate matches'
      : `${n} ${n === 1 ? 'teammate matches' : 'teammates match'}; up and down to choose, Enter to mention`,
} as const;
