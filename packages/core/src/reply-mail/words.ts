import type { VisitorLocale } from '@flc/protocol';

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
};

const catalogs: Record<VisitorLocale, MailWords> = { en, ko };

/** The words of a language; English for none (or one this build does not know). */
export function mailWords(locale: VisitorLocale | null | undefined): MailWords {
  return (locale && catalogs[locale]) || en;
}
