import type { VisitorLocale } from '@flc/protocol';
import { ar } from './words/ar.ts';
import { de } from './words/de.ts';
import { es } from './words/es.ts';
import { fr } from './words/fr.ts';
import { ja } from './words/ja.ts';
import { zhHans } from './words/zh-hans.ts';

/**
 * Every word the platform mails a visitor, and of the pages its links open, in each language the
 * widget speaks (`visitorLocales`). A visitor is written to in the language its widget last used;
 * English when it never said.
 */
export interface MailWords {
  subject: (organization: string) => string;
  greeting: (name: string | null) => string;
  replied: (organization: string, count: number) => string;
  earlier: string;
  you: string;
  attached: string;
  answer: string;
  unsubscribe: string;
  unsubscribeLink: string;
  /** The unsubscribe page. */
  pageTitle: string;
  pageAsk: string;
  pageButton: string;
  pageDone: string;
  pageChat: string;
  /** The transcript mailed when a conversation is closed, and its rating page. */
  transcriptSubject: (organization: string) => string;
  transcriptIntro: (organization: string) => string;
  howDidWeDo: string;
  /** The five scores' names, 1 to 5. */
  scores: readonly [string, string, string, string, string];
  rateTitle: string;
  rateScore: string;
  rateComment: string;
  rateSend: string;
  rateThanks: string;
  rateAlready: string;
  rateExpired: string;
  rateInvalid: string;
  rateNotClosed: string;
  rateInvalidForm: string;
}

const en: MailWords = {
  subject: (organization) => `Your conversation with ${organization}`,
  greeting: (name) => (name ? `Hello ${name},` : 'Hello,'),
  replied: (organization, count) =>
    count === 1
      ? `${organization} replied to your conversation:`
      : `${organization} sent you ${count} replies in your conversation:`,
  earlier: 'Earlier in the conversation:',
  you: 'You',
  attached: 'Attached:',
  answer: 'Reply to this email to answer: your reply is added to the conversation.',
  unsubscribe: 'No more emails about this conversation:',
  unsubscribeLink: 'Stop these emails',
  pageTitle: 'Emails about this conversation',
  pageAsk: 'Stop getting emails about this conversation?',
  pageButton: 'Stop emails',
  pageDone: 'You will get no more emails about this conversation.',
  pageChat: 'You can still reply in the chat on the website.',
  transcriptSubject: (organization) => `Your conversation with ${organization} (transcript)`,
  transcriptIntro: (organization) =>
    `Your conversation with ${organization} was closed. Here is what was said:`,
  howDidWeDo: 'How did we do?',
  scores: ['1 – Very poor', '2 – Poor', '3 – Okay', '4 – Good', '5 – Excellent'],
  rateTitle: 'Rate your conversation',
  rateScore: 'Your rating',
  rateComment: 'Anything you would like to add? (optional)',
  rateSend: 'Send rating',
  rateThanks: 'Thank you: your rating was recorded.',
  rateAlready: 'This conversation has already been rated. Thank you!',
  rateExpired: 'This rating link has expired.',
  rateInvalid: 'This rating link is not valid.',
  rateNotClosed: 'This conversation was reopened: it can be rated once it is closed again.',
  rateInvalidForm: 'Choose a score from 1 to 5; a comment has at most 1,000 characters.',
};

const ko: MailWords = {
  subject: (organization) => `[${organization}] 문의하신 대화에 답장이 왔습니다`,
  greeting: (name) => (name ? `${name}님, 안녕하세요.` : '안녕하세요.'),
  replied: (organization, count) =>
    count === 1
      ? `${organization}에서 대화에 답장했습니다:`
      : `${organization}에서 대화에 답장 ${count}개를 보냈습니다:`,
  earlier: '이전 대화:',
  you: '나',
  attached: '첨부:',
  answer: '이 이메일에 회신하면 답장이 대화에 추가됩니다.',
  unsubscribe: '이 대화에 관한 이메일을 그만 받으려면:',
  unsubscribeLink: '이메일 그만 받기',
  pageTitle: '이 대화에 관한 이메일',
  pageAsk: '이 대화에 관한 이메일을 그만 받으시겠어요?',
  pageButton: '이메일 그만 받기',
  pageDone: '이 대화에 관한 이메일을 더 이상 보내지 않습니다.',
  pageChat: '웹사이트의 채팅에서는 계속 답장할 수 있습니다.',
  transcriptSubject: (organization) => `[${organization}] 대화 기록`,
  transcriptIntro: (organization) => `${organization}와(과)의 대화가 종료되었습니다. 대화 내용:`,
  howDidWeDo: '상담은 어떠셨나요?',
  scores: ['1 – 매우 불만족', '2 – 불만족', '3 – 보통', '4 – 만족', '5 – 매우 만족'],
  rateTitle: '대화 평가하기',
  rateScore: '평가',
  rateComment: '더 남기실 말씀이 있나요? (선택)',
  rateSend: '평가 보내기',
  rateThanks: '감사합니다. 평가가 저장되었습니다.',
  rateAlready: '이 대화는 이미 평가되었습니다. 감사합니다!',
  rateExpired: '이 평가 링크는 만료되었습니다.',
  rateInvalid: '올바른 평가 링크가 아닙니다.',
  rateNotClosed: '이 대화가 다시 열렸습니다. 다시 종료되면 평가할 수 있습니다.',
  rateInvalidForm: '1부터 5까지 점수를 선택하세요. 의견은 최대 1,000자입니다.',
};

/** One per language of the widget: a language without its catalog is a type error. */
export const mailCatalogs: Record<VisitorLocale, MailWords> = {
  en,
  ko,
  ja,
  'zh-Hans': zhHans,
  es,
  fr,
  de,
  ar,
};

/** The words of a language; English for none (or one this build does not know). */
export function mailWords(locale: VisitorLocale | null | undefined): MailWords {
  return (locale && mailCatalogs[locale]) || en;
}
