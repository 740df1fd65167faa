export default {
  heading: 'Personal data',
  intro: 'For a person’s access or erasure request: everything about this contact, or nothing.',
  export: 'Export data',
  exporting: 'Exporting…',
  erase: 'Erase contact…',
  eraseTitle: 'Erase {name}?',
  eraseBody:
    'The contact, every conversation with them and every message and note in those conversations are deleted from every store. This cannot be undone.',
  eraseConfirm: 'Erase everything',
  exportFailed: 'The export failed: {message}',
  fileName: 'contact-{id}.json',
} as const;
