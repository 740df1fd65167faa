export { RATING_LINK_DAYS, RatingLinks, type RatingTokenCheck } from './links.ts';
export { type TranscriptMailInput, transcriptMail } from './mail.ts';
export type { DueTranscript, TranscriptQueue } from './ports.ts';
export {
  startTranscriptMailer,
  type TranscriptMailer,
  type TranscriptMailerOptions,
} from './sender.ts';
