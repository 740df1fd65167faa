import { plural, replyTime, sizeIn } from './format.ts';
import type { Strings } from './strings.ts';

const lang = 'fr';
/** French puts a no-break space before `?`, `!` and `:`. */
const nb = '\u00a0';

export const fr: Strings = {
  lang,
  dir: 'ltr',
  openChat: 'Ouvrir le chat',
  closeChat: 'Fermer le chat',
  title: 'Discutez avec nous',
  subtitle: 'Nous répondons généralement en quelques minutes',
  messages: 'Messages',
  placeholder: 'Écrivez un message…',
  send: 'Envoyer',
  sending: 'Envoi en cours…',
  failed: 'Non envoyé.',
  retry: 'Réessayer',
  earlier: 'Afficher les messages précédents',
  typing: 'Le support est en train d’écrire…',
  offline: 'Vous êtes hors ligne. Les messages seront envoyés dès votre retour en ligne.',
  reconnecting: 'Reconnexion…',
  booting: 'Connexion…',
  unread: (n) => plural(lang, n, { one: '# message non lu', other: '# messages non lus' }),
  prechatTitle: 'Avant de commencer',
  prechatSubmit: 'Démarrer le chat',
  choose: 'Choisissez…',
  requiredMark: '(obligatoire)',
  fieldError: (message) => `${message}.`,
  prechatFix: (n) =>
    plural(lang, n, {
      one: 'Veuillez corriger le champ signalé.',
      other: 'Veuillez corriger les # champs signalés.',
    }),
  ratingTitle: `Comment s’est passée cette conversation${nb}?`,
  ratingComment: `Quelque chose à ajouter${nb}? (facultatif)`,
  ratingSubmit: 'Envoyer la note',
  ratingThanks: `Merci pour votre note${nb}!`,
  stars: (n) => plural(lang, n, { one: '# étoile sur 5', other: '# étoiles sur 5' }),
  edit: 'Modifier',
  editMessage: 'Modifier le message',
  editLabel: 'Modifiez votre message',
  delete: 'Supprimer',
  deleteMessage: 'Supprimer le message',
  confirmDelete: `Supprimer ce message${nb}?`,
  save: 'Enregistrer',
  cancel: 'Annuler',
  edited: 'Modifié',
  viaEmail: 'Envoyé par e-mail',
  deleted: 'Ce message a été supprimé.',
  changeFailed: 'Ce message n’a pas pu être modifié.',
  attachments: 'Pièces jointes',
  attach: 'Joindre un fichier',
  attaching: 'Envoi du fichier…',
  attachFailed: 'Ce fichier n’a pas pu être envoyé. Il est peut-être trop volumineux.',
  download: (name, size) => `Télécharger ${name} (${size})`,
  fileSize: sizeIn(lang, ['o', 'Ko', 'Mo']),
  replyIn: replyTime(
    lang,
    {
      one: 'Nous répondons généralement en # minute',
      other: 'Nous répondons généralement en # minutes',
    },
    {
      one: 'Nous répondons généralement en # heure',
      other: 'Nous répondons généralement en # heures',
    },
  ),
  awayEmail:
    'Nous sommes absents pour le moment — laissez votre e-mail et nous vous répondrons par e-mail',
  awayLater: 'Nous sommes absents pour le moment — nous vous répondrons ici à notre retour',
  // "jusqu'à lundi" but "jusqu'au 24 décembre": a colon fits the weekday and the date alike.
  awayUntil: (when) => `Nous sommes absents. Retour prévu${nb}: ${when}`,
  emailLabel: 'Votre e-mail',
  emailSave: 'Enregistrer l’e-mail',
  emailSaved: (email) => `Merci${nb}! Nous vous répondrons à ${email}.`,
  emailInvalid: 'Veuillez saisir une adresse e-mail valide',
  failures: {
    identity: `Nous n’avons pas pu vérifier votre identité${nb}: le chat n’est donc pas disponible. Reconnectez-vous ou, si le problème persiste, contactez le site.`,
    plugin_key: `Ce chat n’est pas correctement configuré (clé de plugin inconnue)${nb}: il n’est donc pas disponible.`,
    origin: 'Ce chat n’est pas activé sur ce site web.',
    setup: `Ce chat n’est pas correctement configuré${nb}: il n’est donc pas disponible.`,
  },
};
