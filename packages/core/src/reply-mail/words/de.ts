import type { MailWords } from '../words.ts';
import { plural } from './plural.ts';

export const de: MailWords = {
  subject: (organization) => `Ihre Unterhaltung mit ${organization}`,
  greeting: (name) => (name ? `Hallo ${name},` : 'Hallo,'),
  replied: (organization, count) =>
    plural('de', count, {
      one: `${organization} hat auf Ihre Unterhaltung geantwortet:`,
      other: `${organization} hat Ihnen # Antworten in Ihrer Unterhaltung geschickt:`,
    }),
  earlier: 'Zuvor in der Unterhaltung:',
  you: 'Sie',
  attached: 'Anhang:',
  answer: 'Antworten Sie einfach auf diese E-Mail: Ihre Antwort wird der Unterhaltung hinzugefügt.',
  unsubscribe: 'Keine weiteren E-Mails zu dieser Unterhaltung:',
  unsubscribeLink: 'Diese E-Mails abbestellen',
  pageTitle: 'E-Mails zu dieser Unterhaltung',
  pageAsk: 'Keine E-Mails mehr zu dieser Unterhaltung erhalten?',
  pageButton: 'E-Mails abbestellen',
  pageDone: 'Sie erhalten keine E-Mails mehr zu dieser Unterhaltung.',
  pageChat: 'Sie können weiterhin im Chat auf der Website antworten.',
  transcriptSubject: (organization) => `Ihre Unterhaltung mit ${organization} (Verlauf)`,
  transcriptIntro: (organization) =>
    `Ihre Unterhaltung mit ${organization} wurde beendet. Hier ist der Verlauf:`,
  howDidWeDo: 'Wie zufrieden waren Sie mit uns?',
  scores: ['1 – Sehr schlecht', '2 – Schlecht', '3 – In Ordnung', '4 – Gut', '5 – Ausgezeichnet'],
  rateTitle: 'Unterhaltung bewerten',
  rateScore: 'Ihre Bewertung',
  rateComment: 'Möchten Sie noch etwas ergänzen? (optional)',
  rateSend: 'Bewertung senden',
  rateThanks: 'Vielen Dank: Ihre Bewertung wurde gespeichert.',
  rateAlready: 'Diese Unterhaltung wurde bereits bewertet. Vielen Dank!',
  rateExpired: 'Dieser Bewertungslink ist abgelaufen.',
  rateInvalid: 'Dieser Bewertungslink ist ungültig.',
  rateNotClosed:
    'Diese Unterhaltung wurde wieder geöffnet: Sie können sie bewerten, sobald sie erneut beendet ist.',
  rateInvalidForm:
    'Wählen Sie eine Bewertung von 1 bis 5; ein Kommentar hat höchstens 1.000 Zeichen.',
};
