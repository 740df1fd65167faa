export { type InboundMail, parseInboundMail } from './inbound.ts';
export {
  addressOf,
  createMailer,
  describeMail,
  type Mail,
  type MailConfig,
  type Mailer,
  smtpMailer,
} from './mailer.ts';
export { replyText } from './reply-text.ts';
