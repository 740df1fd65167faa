export {
  createMailer,
  describeMail,
  type Mail,
  type MailConfig,
  type Mailer,
  smtpMailer,
} from './mailer.ts';
