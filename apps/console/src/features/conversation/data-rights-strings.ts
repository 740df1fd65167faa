/** What the console says about a contact's data rights, together so it can be translated. */
export const dataRightsStrings = {
  heading: 'Personal data',
  intro: 'For a person’s access or erasure request: everything about this contact, or nothing.',
  export: 'Export data',
  exporting: 'Exporting…',
  erase: 'Erase contact…',
  eraseTitle: (name: string) => `Erase ${name}?`,
  eraseBody:
    'The contact, every conversation with them and every message and note in those conversations are deleted from every store. This cannot be undone.',
  eraseConfirm: 'Erase everything',
  exportFailed: (message: string) => `The export failed: ${message}`,
  fileName: (id: string) => `contact-${id}.json`,
} as const;
