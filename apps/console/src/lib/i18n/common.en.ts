/** Words every feature uses, and the shapes of dates and times (lib/format.ts). */
export default {
  appName: 'Fast Light Chat',
  save: 'Save',
  saving: 'Saving…',
  saved: 'Saved',
  cancel: 'Cancel',
  close: 'Close',
  delete: 'Delete',
  edit: 'Edit',
  retry: 'Try again',
  loading: 'Loading…',
  copy: 'Copy',
  copied: 'Copied',
  none: '—',
  language: 'Language',
  unexpected: 'Something went wrong.',
} as const;
