import type { MailWords } from '../words.ts';
import { plural } from './plural.ts';

export const es: MailWords = {
  subject: (organization) => `Tu conversación con ${organization}`,
  greeting: (name) => (name ? `Hola, ${name}:` : 'Hola:'),
  replied: (organization, count) =>
    plural('es', count, {
      one: `${organization} ha respondido a tu conversación:`,
      other: `${organization} te ha enviado # respuestas en tu conversación:`,
    }),
  earlier: 'Antes en la conversación:',
  you: 'Tú',
  attached: 'Adjunto:',
  answer: 'Responde a este correo para contestar: tu respuesta se añadirá a la conversación.',
  unsubscribe: 'No recibir más correos sobre esta conversación:',
  unsubscribeLink: 'Dejar de recibir estos correos',
  pageTitle: 'Correos sobre esta conversación',
  pageAsk: '¿Quieres dejar de recibir correos sobre esta conversación?',
  pageButton: 'Dejar de recibir correos',
  pageDone: 'No recibirás más correos sobre esta conversación.',
  pageChat: 'Puedes seguir respondiendo en el chat del sitio web.',
  transcriptSubject: (organization) => `Tu conversación con ${organization} (transcripción)`,
  transcriptIntro: (organization) =>
    `Tu conversación con ${organization} se ha cerrado. Esto es lo que se dijo:`,
  howDidWeDo: '¿Qué tal te hemos atendido?',
  scores: ['1 – Muy mal', '2 – Mal', '3 – Normal', '4 – Bien', '5 – Excelente'],
  rateTitle: 'Valora tu conversación',
  rateScore: 'Tu valoración',
  rateComment: '¿Quieres añadir algo? (opcional)',
  rateSend: 'Enviar valoración',
  rateThanks: 'Gracias: hemos registrado tu valoración.',
  rateAlready: 'Esta conversación ya se ha valorado. ¡Gracias!',
  rateExpired: 'Este enlace de valoración ha caducado.',
  rateInvalid: 'Este enlace de valoración no es válido.',
  rateNotClosed:
    'Esta conversación se ha vuelto a abrir: podrás valorarla cuando se cierre de nuevo.',
  rateInvalidForm:
    'Elige una puntuación del 1 al 5; el comentario puede tener como máximo 1000 caracteres.',
};
