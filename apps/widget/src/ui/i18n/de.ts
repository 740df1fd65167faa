import { plural, replyTime, sizeIn } from './format.ts';
import type { Strings } from './strings.ts';

const lang = 'de';

export const de: Strings = {
  lang,
  dir: 'ltr',
  openChat: 'Chat öffnen',
  closeChat: 'Chat schließen',
  title: 'Schreiben Sie uns',
  subtitle: 'Wir antworten meist innerhalb weniger Minuten',
  messages: 'Nachrichten',
  placeholder: 'Nachricht schreiben…',
  send: 'Senden',
  sending: 'Wird gesendet…',
  failed: 'Nicht gesendet.',
  retry: 'Erneut versuchen',
  earlier: 'Ältere Nachrichten anzeigen',
  typing: 'Der Support schreibt…',
  offline: 'Sie sind offline. Nachrichten werden gesendet, sobald Sie wieder online sind.',
  reconnecting: 'Verbindung wird wiederhergestellt…',
  booting: 'Verbindung wird hergestellt…',
  unread: (n) =>
    plural(lang, n, { one: '# ungelesene Nachricht', other: '# ungelesene Nachrichten' }),
  prechatTitle: 'Bevor es losgeht',
  prechatSubmit: 'Chat starten',
  choose: 'Bitte wählen…',
  requiredMark: '(Pflichtfeld)',
  fieldError: (message) => `${message}.`,
  prechatFix: (n) =>
    plural(lang, n, {
      one: 'Bitte korrigieren Sie das markierte Feld.',
      other: 'Bitte korrigieren Sie die # markierten Felder.',
    }),
  ratingTitle: 'Wie war dieses Gespräch?',
  ratingComment: 'Möchten Sie noch etwas ergänzen? (optional)',
  ratingSubmit: 'Bewertung senden',
  ratingThanks: 'Vielen Dank für Ihre Bewertung!',
  stars: (n) => plural(lang, n, { one: '# von 5 Sternen', other: '# von 5 Sternen' }),
  edit: 'Bearbeiten',
  editMessage: 'Nachricht bearbeiten',
  editLabel: 'Ihre Nachricht bearbeiten',
  delete: 'Löschen',
  deleteMessage: 'Nachricht löschen',
  confirmDelete: 'Diese Nachricht löschen?',
  save: 'Speichern',
  cancel: 'Abbrechen',
  edited: 'Bearbeitet',
  viaEmail: 'Per E-Mail gesendet',
  deleted: 'Diese Nachricht wurde gelöscht.',
  changeFailed: 'Diese Nachricht konnte nicht geändert werden.',
  attachments: 'Anhänge',
  attach: 'Datei anhängen',
  attaching: 'Datei wird gesendet…',
  attachFailed: 'Diese Datei konnte nicht gesendet werden. Möglicherweise ist sie zu groß.',
  download: (name, size) => `${name} herunterladen (${size})`,
  fileSize: sizeIn(lang, ['B', 'KB', 'MB']),
  replyIn: replyTime(
    lang,
    {
      one: 'Wir antworten meist innerhalb von # Minute',
      other: 'Wir antworten meist innerhalb von # Minuten',
    },
    {
      one: 'Wir antworten meist innerhalb von # Stunde',
      other: 'Wir antworten meist innerhalb von # Stunden',
    },
  ),
  awayEmail:
    'Wir sind gerade nicht erreichbar – hinterlassen Sie Ihre E-Mail-Adresse, dann antworten wir per E-Mail',
  awayLater: 'Wir sind gerade nicht erreichbar – wir antworten hier, sobald wir zurück sind',
  awayUntil: (when) => `Wir sind bis ${when} nicht erreichbar`,
  emailLabel: 'Ihre E-Mail-Adresse',
  emailSave: 'E-Mail-Adresse speichern',
  emailSaved: (email) => `Danke! Wir antworten an ${email}.`,
  emailInvalid: 'Bitte geben Sie eine gültige E-Mail-Adresse ein',
  failures: {
    identity:
      'Wir konnten Ihre Identität nicht überprüfen, daher ist der Chat nicht verfügbar. Bitte melden Sie sich erneut an oder wenden Sie sich an die Website, falls das Problem bestehen bleibt.',
    plugin_key:
      'Dieser Chat ist nicht richtig eingerichtet (unbekannter Plugin-Schlüssel) und daher nicht verfügbar.',
    origin: 'Dieser Chat ist auf dieser Website nicht aktiviert.',
    setup: 'Dieser Chat ist nicht richtig eingerichtet und daher nicht verfügbar.',
  },
};
