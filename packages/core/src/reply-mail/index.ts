export { ReplyAddresses } from './addresses.ts';
export { type ReplyMailInput, replyMail } from './mail.ts';
export type {
  DueReplyMail,
  MailSender,
  OutgoingMail,
  ReplyMailQueue,
  ReplySent,
} from './ports.ts';
export { type ReplyMailer, type ReplyMailerOptions, startReplyMailer } from './sender.ts';
export { type MailWords, mailCatalogs, mailWords } from './words.ts';
