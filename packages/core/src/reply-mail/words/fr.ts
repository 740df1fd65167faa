import type { MailWords } from '../words.ts';
import { plural } from './plural.ts';

/** French puts a no-break space before `?`, `!`, `:` and `;`, and between thousands. */
const nb = '\u00a0';

export const fr: MailWords = {
  subject: (organization) => `Votre conversation avec ${organization}`,
  greeting: (name) => (name ? `Bonjour ${name},` : 'Bonjour,'),
  replied: (organization, count) =>
    plural('fr', count, {
      one: `${organization} a répondu à votre conversation${nb}:`,
      other: `${organization} vous a envoyé # réponses dans votre conversation${nb}:`,
    }),
  earlier: `Plus tôt dans la conversation${nb}:`,
  you: 'Vous',
  attached: `Pièce jointe${nb}:`,
  answer: `Répondez à cet e-mail${nb}: votre réponse sera ajoutée à la conversation.`,
  unsubscribe: `Ne plus recevoir d’e-mails sur cette conversation${nb}:`,
  unsubscribeLink: 'Ne plus recevoir ces e-mails',
  pageTitle: 'E-mails sur cette conversation',
  pageAsk: `Ne plus recevoir d’e-mails sur cette conversation${nb}?`,
  pageButton: 'Arrêter les e-mails',
  pageDone: 'Vous ne recevrez plus d’e-mails sur cette conversation.',
  pageChat: 'Vous pouvez toujours répondre dans le chat du site web.',
  transcriptSubject: (organization) => `Votre conversation avec ${organization} (transcription)`,
  transcriptIntro: (organization) =>
    `Votre conversation avec ${organization} a été clôturée. Voici ce qui a été dit${nb}:`,
  howDidWeDo: `Qu’avez-vous pensé de notre échange${nb}?`,
  scores: ['1 – Très mauvais', '2 – Mauvais', '3 – Correct', '4 – Bien', '5 – Excellent'],
  rateTitle: 'Évaluez votre conversation',
  rateScore: 'Votre note',
  rateComment: `Quelque chose à ajouter${nb}? (facultatif)`,
  rateSend: 'Envoyer la note',
  rateThanks: `Merci${nb}: votre note a été enregistrée.`,
  rateAlready: `Cette conversation a déjà été évaluée. Merci${nb}!`,
  rateExpired: 'Ce lien d’évaluation a expiré.',
  rateInvalid: 'Ce lien d’évaluation n’est pas valide.',
  rateNotClosed: `Cette conversation a été rouverte${nb}: vous pourrez l’évaluer une fois qu’elle sera de nouveau clôturée.`,
  rateInvalidForm: `Choisissez une note de 1 à 5${nb}; un commentaire compte au plus 1${nb}000 caractères.`,
};
