import type { SessionView } from '../session.ts';
import type { TimelineItem } from '../timeline.ts';
import { AwayPanel, subtitleOf } from './away-view.ts';
import { brandProperties } from './contrast.ts';
import { el } from './dom.ts';
import type { Strings } from './i18n/index.ts';
import { type LineActions, MessageLine } from './message-line.ts';
import { styles } from './styles.ts';
import { SurveyPanel } from './survey-view.ts';

export interface ViewActions extends LineActions {
  toggle(open: boolean): void;
  send(body: string): void;
  /** Uploads and sends a file with the composer's text as its caption; false when refused. */
  attach(file: File, caption: string): Promise<boolean>;
  typing(): void;
  earlier(): void;
  answer(values: Record<string, string | boolean>): void;
  rate(score: number, comment: string): void;
  leaveEmail(email: string): void;
}

const CLIP =
  '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" aria-hidden="true"><path d="M21 11.5l-8.5 8.5a5 5 0 0 1-7-7L14 4.5a3.5 3.5 0 0 1 5 5L10.5 18a2 2 0 0 1-3-3L15 7.5"/></svg>';

const ICON =
  '<svg viewBox="0 0 24 24" fill="currentColor" aria-hidden="true"><path d="M12 3C6.5 3 2 6.9 2 11.7c0 2.6 1.3 4.9 3.4 6.5L4.6 22l4.3-2.3c1 .3 2 .4 3.1.4 5.5 0 10-3.9 10-8.7S17.5 3 12 3z"/></svg>';

/** The launcher and the panel, in a shadow root so the host page's CSS never reaches them. */
export class View {
  readonly host = el('div', { 'data-flc-widget': '' });
  private readonly root = el('div', { class: 'w' });
  private readonly launcher = el('button', {
    class: 'launcher',
    type: 'button',
    'aria-expanded': 'false',
    'aria-controls': 'flc-panel',
  });
  private readonly launcherText = el('span', { hidden: true });
  private readonly badge = el('span', { class: 'badge', 'aria-hidden': 'true', hidden: true });
  private readonly panel = el('div', {
    class: 'panel',
    id: 'flc-panel',
    role: 'dialog',
    'aria-modal': 'false',
    'aria-labelledby': 'flc-title',
    hidden: true,
  });
  private readonly banner = el('div', { class: 'banner', role: 'status', hidden: true });
  private readonly alert = el('div', { class: 'alert', role: 'alert', hidden: true });
  /** What became of the last file the visitor picked (sending, or refused). */
  private readonly fileNote = el('div', { class: 'st fnote', role: 'status' });
  private readonly picker = el('input', { type: 'file', hidden: true, tabindex: '-1' });
  private readonly log = el('div', {
    class: 'log',
    role: 'log',
    'aria-live': 'polite',
    tabindex: '0',
  });
  private readonly note = el('p', { class: 'note', hidden: true });
  private readonly earlier = el('button', { class: 'earlier', type: 'button', hidden: true });
  private readonly greeting = el('div', { class: 'm', hidden: true });
  private readonly typingLine = el('div', { class: 'typing' });
  private readonly form = el('form', { hidden: true });
  /** `dir=auto`: what the visitor types runs in its own direction, whatever the widget's. */
  private readonly input = el('textarea', { rows: '1', maxlength: '4000', dir: 'auto' });
  private readonly lines = new Map<string, MessageLine>();
  private readonly survey: SurveyPanel;
  private readonly away: AwayPanel;
  private readonly subtitle = el('p', {});
  private open = false;
  private unread = 0;

  constructor(
    private readonly t: Strings,
    private readonly actions: ViewActions,
  ) {
    const shadow = this.host.attachShadow({ mode: 'open' });
    // The catalog's language and direction: screen readers pronounce it, `rtl` mirrors the layout.
    this.root.lang = t.lang;
    this.root.dir = t.dir;
    const close = el('button', { class: 'x', type: 'button', 'aria-label': t.closeChat }, '×');
    this.launcher.innerHTML = ICON;
    this.launcher.append(this.launcherText, this.badge);
    this.earlier.textContent = t.earlier;
    this.log.setAttribute('aria-label', t.messages);
    this.input.setAttribute('aria-label', t.placeholder);
    this.input.placeholder = t.placeholder;
    const attach = el('button', { class: 'clip', type: 'button', 'aria-label': t.attach });
    attach.innerHTML = CLIP;
    attach.addEventListener('click', () => this.picker.click());
    this.picker.addEventListener('change', () => void this.attachPicked());
    this.form.append(
      attach,
      this.picker,
      this.input,
      el('button', { class: 'go', type: 'submit' }, t.send),
    );
    this.log.append(this.earlier, this.greeting, this.note);
    this.survey = new SurveyPanel(t, actions);
    this.away = new AwayPanel(t, (email) => actions.leaveEmail(email));
    this.subtitle.textContent = t.subtitle;
    this.panel.append(
      el('header', {}, el('div', {}, el('h2', { id: 'flc-title' }, t.title), this.subtitle), close),
      this.banner,
      this.alert,
      this.log,
      this.survey.node,
      this.away.node,
      this.typingLine,
      this.fileNote,
      this.form,
    );
    this.root.append(this.panel, this.launcher);
    shadow.append(el('style', {}, styles), this.root);

    this.launcher.addEventListener('click', () => actions.toggle(!this.open));
    close.addEventListener('click', () => actions.toggle(false));
    this.panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') actions.toggle(false);
    });
    this.earlier.addEventListener('click', () => actions.earlier());
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit();
    });
    this.input.addEventListener('keydown', (e) => {
      // Enter sends, Shift+Enter is a new line; an IME composing Hangul owns its Enter.
      if (e.key !== 'Enter' || e.shiftKey || e.isComposing || e.keyCode === 229) return;
      e.preventDefault();
      this.submit();
    });
    this.input.addEventListener('input', () => {
      this.fit();
      if (this.input.value) actions.typing();
    });
    this.setOpen(false, false);
  }

  setOpen(open: boolean, focus: boolean): void {
    this.open = open;
    this.panel.hidden = !open;
    this.launcher.setAttribute('aria-expanded', String(open));
    this.updateLauncherLabel();
    if (!focus) return;
    if (!open) this.launcher.focus();
    else if (!this.form.hidden) this.input.focus();
    else this.panel.querySelector<HTMLElement>('.x')?.focus();
    if (open) this.scrollToEnd();
  }

  render(v: SessionView): void {
    const s = v.settings;
    if (s) {
      for (const [name, value] of Object.entries(brandProperties(s.color))) {
        this.root.style.setProperty(name, value);
      }
      this.root.classList.toggle('left', s.position === 'left');
      this.launcherText.textContent = s.launcherText ?? '';
      this.launcherText.hidden = !s.launcherText;
      this.greeting.hidden = !s.greeting;
      this.greeting.replaceChildren(el('div', { class: 'b', dir: 'auto' }, s.greeting ?? ''));
    }
    const failed = v.status === 'failed';
    this.alert.hidden = !failed;
    this.alert.textContent = v.failure ? this.t.failures[v.failure] : '';
    this.log.hidden = failed;
    this.form.hidden = v.status !== 'ready' || v.prechat !== null;
    this.survey.render(v.prechat, v.rating);
    // The pre-chat form asks for the email itself: one question at a time.
    this.away.render(failed || v.prechat ? null : v.email);
    this.subtitle.textContent = subtitleOf(this.t, v.availability, undefined, v.emailReplies);
    // Closed with nobody online, an environment may hide the whole widget.
    this.root.hidden = v.availability?.hidden === true;
    this.typingLine.hidden = failed;
    this.note.hidden = v.status !== 'booting';
    this.note.textContent = this.t.booting;
    this.banner.hidden = v.banner === null;
    this.banner.textContent = v.banner === 'offline' ? this.t.offline : this.t.reconnecting;
    this.typingLine.textContent = v.agentTyping ? this.t.typing : '';
    this.earlier.hidden = !v.hasEarlier;
    this.badge.hidden = v.unread === 0 || this.open;
    this.badge.textContent = v.unread > 99 ? '99+' : String(v.unread);
    this.unread = v.unread;
    this.updateLauncherLabel();
    this.renderItems(v.items);
  }

  destroy(): void {
    this.host.remove();
  }

  private updateLauncherLabel(): void {
    const label = this.open ? this.t.closeChat : this.t.openChat;
    const extra = this.unread > 0 && !this.open ? `, ${this.t.unread(this.unread)}` : '';
    this.launcher.setAttribute('aria-label', label + extra);
  }

  /** Keeps one element per item: only new messages enter the log, so only they are announced. */
  private renderItems(items: readonly TimelineItem[]): void {
    const log = this.log;
    const nearEnd = log.scrollHeight - log.scrollTop - log.clientHeight < 48;
    const fromEnd = log.scrollHeight - log.scrollTop;
    const firstBefore = log.querySelector('.m[data-k]');
    const keep = new Set<string>();
    let previous: ChildNode = this.note;
    let mineAdded = false;
    items.forEach((item, i) => {
      keep.add(item.key);
      let line = this.lines.get(item.key);
      if (!line) {
        const prior = items[i - 1];
        const named =
          !item.mine && item.senderName !== null && prior?.senderName !== item.senderName;
        line = new MessageLine(this.t, this.actions, item, named);
        this.lines.set(item.key, line);
        mineAdded ||= item.mine;
      } else {
        line.update(item);
      }
      if (previous.nextSibling !== line.node) previous.after(line.node);
      previous = line.node;
    });
    for (const [key, line] of this.lines) {
      if (keep.has(key)) continue;
      line.node.remove();
      this.lines.delete(key);
    }
    const firstAfter = log.querySelector('.m[data-k]');
    if (nearEnd || mineAdded) this.scrollToEnd();
    else if (firstBefore && firstAfter !== firstBefore) log.scrollTop = log.scrollHeight - fromEnd;
  }

  private async attachPicked(): Promise<void> {
    const file = this.picker.files?.[0];
    this.picker.value = '';
    if (!file) return;
    this.fileNote.textContent = this.t.attaching;
    const sent = await this.actions.attach(file, this.input.value);
    this.fileNote.textContent = sent ? '' : this.t.attachFailed;
    if (!sent) return;
    this.input.value = '';
    this.fit();
    this.input.focus();
  }

  private submit(): void {
    const body = this.input.value;
    if (body.trim() === '') return;
    this.actions.send(body);
    this.input.value = '';
    this.fit();
  }

  private fit(): void {
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(this.input.scrollHeight, 120)}px`;
  }

  private scrollToEnd(): void {
    this.log.scrollTop = this.log.scrollHeight;
  }
}
