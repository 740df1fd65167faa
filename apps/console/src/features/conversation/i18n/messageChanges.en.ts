export default {
  edit: 'Edit',
  editMessage: 'Edit message',
  editLabel: 'Edit the message',
  delete: 'Delete',
  deleteMessage: 'Delete message',
  save: 'Save',
  saving: 'Saving…',
  cancel: 'Cancel',
  edited: 'Edited',
  editedAt: 'Edited {time}',
  deleted: 'This message was deleted.',
  deleteTitle: 'Delete this message?',
  deleteNote: 'Delete this note?',
  deleteBody:
    'Its text is removed for everyone, from the history and from search. The conversation keeps its place, marked as deleted.',
  deleteConfirm: 'Delete message',
  failed: 'Not changed: {reason}',
} as const;
