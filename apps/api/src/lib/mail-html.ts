/** Text made safe to put in the HTML part of a mail (names and links are the users'). */
export const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** On one line: a name that goes into a subject or a sentence keeps no line breaks. */
export const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
