import type { Availability, EmailView } from '../away.ts';
import { el } from './dom.ts';
import type { Strings } from './i18n/index.ts';

/** The header's subtitle: how soon agents answer, that they are away, or until when (by default in the catalog's locale). */
export function subtitleOf(
  t: Strings,
  a: Availability | null,
  locale?: string,
  emailReplies = true,
): string {
  if (!a) return t.subtitle;
  if (a.state === 'online') return a.replyTimeMinutes ? t.replyIn(a.replyTimeMinutes) : t.subtitle;
  if (a.state === 'closed' && a.nextOpenAt)
    return t.awayUntil(whenOf(a.nextOpenAt, locale ?? t.lang));
  return emailReplies ? t.awayEmail : t.awayLater;
}

/** A time within the week by its weekday (`Monday 9:00 AM`), a later one with its date. */
export function whenOf(iso: string, locale?: string, now = Date.now()): string {
  const at = new Date(iso);
  const soon = at.getTime() - now < 6 * 86_400_000;
  const format = new Intl.DateTimeFormat(
    locale,
    soon
      ? { weekday: 'long', hour: 'numeric', minute: '2-digit' }
      : { month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit' },
  );
  return format.format(at);
}

/**
 * The email field while nobody can answer: labelled, its fault tied to it (`aria-describedby`,
 * `aria-invalid`) and announced, the thanks announced once saved.
 */
export class AwayPanel {
  readonly node = el('div', { class: 'sv aw' });
  private shown: EmailView | null = null;
  private form: HTMLFormElement | null = null;

  constructor(
    private readonly t: Strings,
    private readonly leave: (email: string) => void,
  ) {}

  render(email: EmailView | null): void {
    if (email === this.shown) return;
    this.shown = email;
    if (!email) {
      this.form = null;
      this.node.replaceChildren();
      return;
    }
    if (email.saved) {
      this.form = null;
      this.node.replaceChildren(
        el('p', { class: 'thanks', role: 'status' }, this.t.emailSaved(email.saved)),
      );
      return;
    }
    const form = this.form ?? this.build();
    const input = form.querySelector<HTMLInputElement>('#flc-em');
    const error = form.querySelector<HTMLElement>('#flc-em-e');
    const save = form.querySelector<HTMLButtonElement>('button');
    if (error) error.textContent = email.error ?? '';
    input?.setAttribute('aria-invalid', String(email.error !== null));
    if (save) save.disabled = email.busy;
    if (email.error) input?.focus();
  }

  private build(): HTMLFormElement {
    const t = this.t;
    const input = el('input', {
      id: 'flc-em',
      type: 'email',
      name: 'email',
      autocomplete: 'email',
      // Addresses are Latin and read left to right, in an Arabic widget too.
      dir: 'ltr',
      required: true,
      maxlength: '254',
      'aria-describedby': 'flc-em-e',
    });
    const form = el(
      'form',
      { class: 'em', novalidate: true },
      el('div', { class: 'fr' }, el('label', { for: 'flc-em' }, t.emailLabel), input),
      el('p', { class: 'fe', id: 'flc-em-e', role: 'alert' }),
      el('button', { class: 'go', type: 'submit' }, t.emailSave),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.leave(input.value);
    });
    this.form = form;
    this.node.replaceChildren(form);
    return form;
  }
}
