import type { TimelineItem } from '../timeline.ts';
import { el } from './dom.ts';
import type { Strings } from './i18n/index.ts';

export interface LineActions {
  retry(key: string): void;
  /** True once the server took the change. */
  edit(seq: number, body: string): Promise<boolean>;
  remove(seq: number): Promise<boolean>;
  /** Where an attachment's link (a path on the API) is fetched from. */
  attachmentUrl(path: string): string;
}

type Mode = 'view' | 'editing' | 'confirming';

/**
 * One message in the log. The visitor's own, while its edit window is open, offers Edit (in
 * place: Enter saves, Escape cancels) and Delete (asks first); an edited one says so, a deleted
 * one keeps its place. Redrawn only when what it shows changed, keeping focus where the visitor
 * was: on the field, the confirmation, or back on the button that started it.
 */
export class MessageLine {
  readonly node: HTMLElement;
  private item: TimelineItem;
  private shown = '';
  private mode: Mode = 'view';
  private busy = false;
  private failed = false;
  private draft = '';

  constructor(
    private readonly t: Strings,
    private readonly actions: LineActions,
    item: TimelineItem,
    private readonly named: boolean,
  ) {
    this.node = el('div', { 'data-k': item.key });
    this.item = item;
    this.update(item);
  }

  /** The timeline changed (or time passed): redraws when this line looks different now. */
  update(item: TimelineItem, now = Date.now()): void {
    this.item = item;
    // Deleted (here or elsewhere) while being edited: nothing is left to edit.
    if (item.deleted && !this.busy) this.mode = 'view';
    const files = item.attachments.map((a) => a.id);
    const shown = [
      item.status,
      item.body,
      item.edited,
      item.deleted,
      item.viaEmail,
      files,
      this.changeable(now),
    ];
    const key = JSON.stringify([...shown, this.mode, this.busy, this.failed]);
    if (key === this.shown) return;
    this.shown = key;
    this.draw();
  }

  private changeable(now: number): boolean {
    const { status, seq, changeableUntil } = this.item;
    return status === 'sent' && seq !== null && changeableUntil !== null && now < changeableUntil;
  }

  private set(mode: Mode, focus: string | null): void {
    this.mode = mode;
    this.update(this.item);
    if (focus) this.node.querySelector<HTMLElement>(focus)?.focus();
  }

  private draw(): void {
    const { item, t } = this;
    const status = item.status === 'sent' ? '' : ` ${item.status}`;
    this.node.className = `m${item.mine ? ' mine' : ''}${status}`;
    const parts: HTMLElement[] = [];
    if (this.named) parts.push(el('div', { class: 'who', dir: 'auto' }, item.senderName ?? ''));
    if (item.deleted) parts.push(el('div', { class: 'b del' }, t.deleted));
    else if (this.mode === 'editing') parts.push(this.editor());
    // A message of files alone has no text to show.
    else if (item.body !== '' || item.attachments.length === 0) {
      // People write in their own direction: an Arabic visitor's reply in an English widget too.
      parts.push(el('div', { class: 'b', dir: 'auto' }, item.body));
    }
    if (item.attachments.length > 0 && !item.deleted) parts.push(this.attachments());
    if (item.edited && this.mode !== 'editing') parts.push(el('div', { class: 'st' }, t.edited));
    if (item.viaEmail && !item.deleted) parts.push(el('div', { class: 'st' }, t.viaEmail));
    if (item.status === 'sending') parts.push(el('div', { class: 'st' }, t.sending));
    if (item.status === 'failed') {
      const retry = this.button(t.retry, () => this.actions.retry(item.key));
      parts.push(el('div', { class: 'st', role: 'alert' }, t.failed, retry));
    }
    if (this.failed) parts.push(el('div', { class: 'st err', role: 'alert' }, t.changeFailed));
    if (this.mode === 'confirming') parts.push(this.confirmation());
    else if (this.mode === 'view' && this.changeable(Date.now())) {
      parts.push(
        el(
          'div',
          { class: 'acts' },
          this.button(t.edit, () => this.startEditing(), {
            'data-a': 'edit',
            'aria-label': t.editMessage,
          }),
          this.button(t.delete, () => this.set('confirming', '.no'), {
            'data-a': 'delete',
            'aria-label': t.deleteMessage,
          }),
        ),
      );
    }
    this.node.replaceChildren(...parts);
  }

  /** Images inline at their own ratio (their place held while they load), files as downloads. */
  private attachments(): HTMLElement {
    const { t } = this;
    const list = el('ul', { class: 'att', 'aria-label': t.attachments });
    for (const a of this.item.attachments) {
      const href = this.actions.attachmentUrl(a.url);
      if (a.image && a.width && a.height) {
        const img = el('img', {
          src: href,
          alt: a.fileName,
          width: String(a.width),
          height: String(a.height),
          loading: 'lazy',
        });
        img.style.aspectRatio = `${a.width} / ${a.height}`;
        list.append(
          el('li', {}, el('a', { href, target: '_blank', rel: 'noopener noreferrer' }, img)),
        );
      } else {
        const link = el(
          'a',
          { href, download: a.fileName },
          t.download(a.fileName, t.fileSize(a.size)),
        );
        list.append(el('li', {}, link));
      }
    }
    return list;
  }

  private startEditing(): void {
    this.draft = this.item.body;
    this.failed = false;
    this.set('editing', 'textarea');
  }

  private editor(): HTMLElement {
    const { t } = this;
    const input = el('textarea', {
      rows: '2',
      maxlength: '4000',
      dir: 'auto',
      'aria-label': t.editLabel,
    });
    input.value = this.draft;
    input.disabled = this.busy;
    input.addEventListener('input', () => {
      this.draft = input.value;
    });
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.stopPropagation(); // closes the edit, not the panel
        this.cancel();
      } else if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
        e.preventDefault();
        void this.save();
      }
    });
    const form = el(
      'form',
      { class: 'ef' },
      input,
      el(
        'div',
        { class: 'acts' },
        el('button', { type: 'submit', class: 'save' }, t.save),
        this.button(t.cancel, () => this.cancel()),
      ),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.save();
    });
    return form;
  }

  private confirmation(): HTMLElement {
    const { t } = this;
    const yes = this.button(t.delete, () => void this.remove(), { class: 'yes' });
    const no = this.button(t.cancel, () => this.set('view', '[data-a=delete]'), { class: 'no' });
    const label = el('span', {}, t.confirmDelete);
    return el(
      'div',
      { class: 'acts', role: 'group', 'aria-label': t.confirmDelete },
      label,
      yes,
      no,
    );
  }

  private cancel(): void {
    this.failed = false;
    this.set('view', '[data-a=edit]');
  }

  private async save(): Promise<void> {
    const body = this.draft;
    if (this.busy || body.trim() === '') return;
    if (body === this.item.body) return this.cancel();
    const seq = this.item.seq as number;
    this.busy = true;
    this.update(this.item);
    const ok = await this.actions.edit(seq, body);
    this.busy = false;
    this.failed = !ok;
    if (ok) this.set('view', '[data-a=edit]');
    else this.set('editing', 'textarea');
  }

  private async remove(): Promise<void> {
    if (this.busy) return;
    const seq = this.item.seq as number;
    this.busy = true;
    this.update(this.item);
    const ok = await this.actions.remove(seq);
    this.busy = false;
    this.failed = !ok;
    this.set('view', ok ? null : '[data-a=delete]');
    // The buttons are gone with the body: focus stays in the log rather than fall to the page.
    if (ok) this.node.closest<HTMLElement>('.log')?.focus();
  }

  private button(
    text: string,
    onClick: () => void,
    attrs: Record<string, string> = {},
  ): HTMLButtonElement {
    const b = el('button', { type: 'button', ...attrs }, text);
    b.disabled = this.busy;
    b.addEventListener('click', onClick);
    return b;
  }
}
