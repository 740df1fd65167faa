import type { VisitorLocale } from '@flc/protocol';
import type { Failure } from '../session.ts';

export interface Strings {
  openChat: string;
  closeChat: string;
  title: string;
  subtitle: string;
  messages: string;
  placeholder: string;
  send: string;
  sending: string;
  failed: string;
  retry: string;
  earlier: string;
  typing: string;
  offline: string;
  reconnecting: string;
  booting: string;
  unread: (n: number) => string;
  prechatTitle: string;
  prechatSubmit: string;
  choose: string;
  requiredMark: string;
  fieldError: (message: string) => string;
  prechatFix: (n: number) => string;
  ratingTitle: string;
  ratingComment: string;
  ratingSubmit: string;
  ratingThanks: string;
  stars: (n: number) => string;
  edit: string;
  editMessage: string;
  editLabel: string;
  delete: string;
  deleteMessage: string;
  confirmDelete: string;
  save: string;
  cancel: string;
  edited: string;
  /** Under the visitor's own reply by mail. */
  viaEmail: string;
  deleted: string;
  changeFailed: string;
  attachments: string;
  attach: string;
  attaching: string;
  attachFailed: string;
  /** A file's link: its name and size (already in the visitor's units). */
  download: (name: string, size: string) => string;
  fileSize: (bytes: number) => string;
  /** The subtitle while agents are online and the environment says how soon they answer. */
  replyIn: (minutes: number) => string;
  awayEmail: string;
  /** Away, in an environment that answers nobody by email. */
  awayLater: string;
  /** Closed: when it opens again, already in the visitor's words (`Monday 9:00 AM`). */
  awayUntil: (when: string) => string;
  emailLabel: string;
  emailSave: string;
  emailSaved: (email: string) => string;
  emailInvalid: string;
  failures: Record<Failure, string>;
}

const en: Strings = {
  openChat: 'Open chat',
  closeChat: 'Close chat',
  title: 'Chat with us',
  subtitle: 'We usually answer within a few minutes',
  messages: 'Messages',
  placeholder: 'Write a message…',
  send: 'Send',
  sending: 'Sending…',
  failed: 'Not sent.',
  retry: 'Retry',
  earlier: 'Show earlier messages',
  typing: 'Support is typing…',
  offline: "You're offline. Messages will be sent when you're back online.",
  reconnecting: 'Reconnecting…',
  booting: 'Connecting…',
  unread: (n) => `${n} unread ${n === 1 ? 'message' : 'messages'}`,
  prechatTitle: 'Before we start',
  prechatSubmit: 'Start chat',
  choose: 'Choose…',
  requiredMark: '(required)',
  fieldError: (message) => `${message}.`,
  prechatFix: (n) => `Please fix ${n === 1 ? 'the highlighted field' : `${n} highlighted fields`}.`,
  ratingTitle: 'How was this conversation?',
  ratingComment: 'Anything to add? (optional)',
  ratingSubmit: 'Send rating',
  ratingThanks: 'Thank you for your rating!',
  stars: (n) => `${n} of 5 stars`,
  edit: 'Edit',
  editMessage: 'Edit message',
  editLabel: 'Edit your message',
  delete: 'Delete',
  deleteMessage: 'Delete message',
  confirmDelete: 'Delete this message?',
  save: 'Save',
  cancel: 'Cancel',
  edited: 'Edited',
  viaEmail: 'Sent by email',
  deleted: 'This message was deleted.',
  changeFailed: "This message couldn't be changed.",
  attachments: 'Attachments',
  attach: 'Attach a file',
  attaching: 'Sending the file…',
  attachFailed: "This file couldn't be sent. It may be too large.",
  download: (name, size) => `Download ${name} (${size})`,
  fileSize: (n) => sizeIn(n, ['B', 'KB', 'MB']),
  replyIn: (m) =>
    m < 60
      ? `We usually reply in ${m} ${m === 1 ? 'minute' : 'minutes'}`
      : `We usually reply in ${Math.round(m / 60)} ${Math.round(m / 60) === 1 ? 'hour' : 'hours'}`,
  awayEmail: "We're away right now — leave your email and we'll reply by email",
  awayLater: "We're away right now — we'll reply here when we're back",
  awayUntil: (when) => `We're away until ${when}`,
  emailLabel: 'Your email',
  emailSave: 'Save email',
  emailSaved: (email) => `Thanks! We'll reply to ${email}.`,
  emailInvalid: 'Please enter a valid email address',
  failures: {
    identity:
      "We couldn't verify your identity, so the chat is unavailable. Please sign in again, or contact the site if this goes on.",
    plugin_key: "This chat isn't set up correctly (unknown plugin key), so it is unavailable.",
    origin: "This chat isn't enabled on this website.",
    setup: "This chat isn't set up correctly, so it is unavailable.",
  },
};

const ko: Strings = {
  openChat: '채팅 열기',
  closeChat: '채팅 닫기',
  title: '무엇을 도와드릴까요?',
  subtitle: '보통 몇 분 안에 답변해 드려요',
  messages: '메시지',
  placeholder: '메시지를 입력하세요…',
  send: '보내기',
  sending: '보내는 중…',
  failed: '전송 실패.',
  retry: '다시 시도',
  earlier: '이전 메시지 보기',
  typing: '상담원이 입력 중…',
  offline: '오프라인 상태입니다. 다시 연결되면 메시지가 전송됩니다.',
  reconnecting: '다시 연결하는 중…',
  booting: '연결하는 중…',
  unread: (n) => `읽지 않은 메시지 ${n}개`,
  prechatTitle: '시작하기 전에',
  prechatSubmit: '채팅 시작',
  choose: '선택하세요…',
  requiredMark: '(필수)',
  fieldError: (message) => `${message}.`,
  prechatFix: (n) => `표시된 항목 ${n}개를 확인해 주세요.`,
  ratingTitle: '이번 상담은 어떠셨나요?',
  ratingComment: '남기실 말씀이 있나요? (선택)',
  ratingSubmit: '평가 보내기',
  ratingThanks: '평가해 주셔서 감사합니다!',
  stars: (n) => `별 5개 중 ${n}개`,
  edit: '수정',
  editMessage: '메시지 수정',
  editLabel: '수정할 내용',
  delete: '삭제',
  deleteMessage: '메시지 삭제',
  confirmDelete: '이 메시지를 삭제할까요?',
  save: '저장',
  cancel: '취소',
  edited: '수정됨',
  viaEmail: '이메일로 보냄',
  deleted: '삭제된 메시지입니다.',
  changeFailed: '메시지를 변경하지 못했습니다.',
  attachments: '첨부 파일',
  attach: '파일 첨부',
  attaching: '파일을 보내는 중…',
  attachFailed: '파일을 보내지 못했습니다. 파일이 너무 클 수 있습니다.',
  download: (name, size) => `${name} 내려받기 (${size})`,
  fileSize: (n) => sizeIn(n, ['B', 'KB', 'MB']),
  replyIn: (m) =>
    m < 60 ? `보통 ${m}분 안에 답변해 드려요` : `보통 ${Math.round(m / 60)}시간 안에 답변해 드려요`,
  awayEmail: '지금은 자리에 없어요 — 이메일을 남겨 주시면 이메일로 답변해 드릴게요',
  awayLater: '지금은 자리에 없어요 — 돌아오면 여기에서 답변해 드릴게요',
  awayUntil: (when) => `${when}까지 자리를 비워요`,
  emailLabel: '이메일',
  emailSave: '이메일 남기기',
  emailSaved: (email) => `감사합니다! ${email}(으)로 답변해 드릴게요.`,
  emailInvalid: '올바른 이메일 주소를 입력해 주세요',
  failures: {
    identity:
      '본인 확인에 실패해 채팅을 사용할 수 없습니다. 다시 로그인하시거나, 문제가 계속되면 사이트에 문의해 주세요.',
    plugin_key: '채팅 설정이 올바르지 않아(알 수 없는 플러그인 키) 사용할 수 없습니다.',
    origin: '이 웹사이트에서는 채팅을 사용할 수 없습니다.',
    setup: '채팅 설정이 올바르지 않아 사용할 수 없습니다.',
  },
};

/** Korean for `ko` and `ko-*`, English otherwise. */
/** The catalog for a browser's language: Korean for any `ko…`, else English. */
export function localeFor(language: string | undefined): VisitorLocale {
  return language?.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

export function stringsFor(language: string | undefined): Strings {
  return localeFor(language) === 'ko' ? ko : en;
}

/** A file's size in the largest unit it reaches: 512 B, 3.4 KB, 12 MB. */
function sizeIn(bytes: number, [b, kb, mb]: readonly [string, string, string]): string {
  const one = (n: number) => (n < 10 ? n.toFixed(1) : String(Math.round(n)));
  if (bytes < 1024) return `${bytes} ${b}`;
  if (bytes < 1024 * 1024) return `${one(bytes / 1024)} ${kb}`;
  return `${one(bytes / (1024 * 1024))} ${mb}`;
}
