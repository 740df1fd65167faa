import type { Failure } from '../../session.ts';

/** Every word the widget shows or announces, in one language; a missing key is a type error. */
export interface Strings {
  /** The BCP 47 tag of the catalog: the root's `lang`, and the locale of `Intl` formats. */
  lang: string;
  /** Its writing direction: the root's `dir`, which mirrors the whole layout. */
  dir: 'ltr' | 'rtl';
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
