import type { PreChatView, RatingView } from '../survey.ts';
import { el } from './dom.ts';
import type { Strings } from './i18n/index.ts';

interface SurveyActions {
  answer(values: Record<string, string | boolean>): void;
  rate(score: number, comment: string): void;
}

type Input = HTMLInputElement | HTMLSelectElement;

/**
 * The pre-chat form and the rating prompt, below the messages. Each field has its label, its
 * error is tied to it (`aria-describedby`, `aria-invalid`) and announced; the first field at
 * fault takes the focus.
 */
export class SurveyPanel {
  readonly node = el('div', { class: 'sv' });
  private shownForm: PreChatView | null = null;
  private shownRating: RatingView | null = null;

  constructor(
    private readonly t: Strings,
    private readonly actions: SurveyActions,
  ) {}

  render(prechat: PreChatView | null, rating: RatingView | null): void {
    if (prechat === this.shownForm && rating === this.shownRating) return;
    const sameForm = prechat !== null && this.shownForm?.fields === prechat.fields;
    this.shownForm = prechat;
    this.shownRating = rating;
    if (prechat) {
      if (!sameForm) this.node.replaceChildren(this.preChat(prechat));
      this.showErrors(prechat);
    } else if (rating) {
      this.node.replaceChildren(this.rating(rating));
    } else {
      this.node.replaceChildren();
    }
  }

  private preChat(form: PreChatView): HTMLFormElement {
    const t = this.t;
    const node = el('form', { class: 'pc', 'aria-labelledby': 'flc-pc-title', novalidate: true });
    node.append(el('h3', { id: 'flc-pc-title' }, t.prechatTitle));
    if (form.intro) node.append(el('p', { class: 'intro', dir: 'auto' }, form.intro));
    for (const f of form.fields) {
      const id = `flc-f-${f.key}`;
      const attrs = { id, name: f.key, 'aria-describedby': `${id}-e`, required: f.required };
      let input: Input;
      if (f.type === 'select') {
        input = el('select', attrs, el('option', { value: '' }, t.choose));
        for (const o of f.options ?? []) input.append(el('option', { value: o }, o));
      } else {
        input = el('input', {
          ...attrs,
          type: f.type === 'email' ? 'email' : f.type === 'checkbox' ? 'checkbox' : 'text',
          ...(f.key === 'email' ? { autocomplete: 'email' } : {}),
          ...(f.key === 'name' ? { autocomplete: 'name' } : {}),
          // Addresses read left to right; other answers run in the visitor's own direction.
          ...(f.type === 'email' ? { dir: 'ltr' } : f.type === 'text' ? { dir: 'auto' } : {}),
        });
      }
      const label = el('label', { for: id }, f.label, f.required ? ` ${t.requiredMark}` : '');
      const row = el('div', { class: f.type === 'checkbox' ? 'fr ck' : 'fr' });
      if (f.type === 'checkbox') row.append(input, label);
      else row.append(label, input);
      row.append(el('p', { class: 'fe', id: `${id}-e` }));
      node.append(row);
    }
    node.append(
      el('p', { class: 'fe', role: 'alert', id: 'flc-pc-alert' }),
      el('button', { class: 'go', type: 'submit' }, t.prechatSubmit),
    );
    node.addEventListener('submit', (e) => {
      e.preventDefault();
      const values: Record<string, string | boolean> = {};
      for (const f of form.fields) {
        const input = node.querySelector<HTMLInputElement>(`#flc-f-${f.key}`);
        if (!input) continue;
        const value = f.type === 'checkbox' ? input.checked : input.value;
        if (value !== '' && value !== false) values[f.key] = value;
      }
      this.actions.answer(values);
    });
    return node;
  }

  private showErrors(form: PreChatView): void {
    let first: HTMLElement | null = null;
    for (const f of form.fields) {
      const input = this.node.querySelector<HTMLElement>(`#flc-f-${f.key}`);
      const out = this.node.querySelector<HTMLElement>(`#flc-f-${f.key}-e`);
      const message = form.errors[f.key];
      if (!input || !out) continue;
      out.textContent = message ? this.t.fieldError(message) : '';
      input.setAttribute('aria-invalid', String(Boolean(message)));
      if (message && !first) first = input;
    }
    const alert = this.node.querySelector<HTMLElement>('#flc-pc-alert');
    const faults = Object.keys(form.errors).length;
    if (alert) alert.textContent = faults ? (form.errors[''] ?? this.t.prechatFix(faults)) : '';
    const submit = this.node.querySelector<HTMLButtonElement>('button[type=submit]');
    if (submit) submit.disabled = form.busy;
    first?.focus();
  }

  private rating(r: RatingView): HTMLElement {
    const t = this.t;
    if (r.sent) return el('p', { class: 'thanks', role: 'status' }, t.ratingThanks);
    const node = el('form', { class: 'rt', 'aria-labelledby': 'flc-rt-title' });
    const stars = el('fieldset', {}, el('legend', { id: 'flc-rt-title' }, t.ratingTitle));
    for (let n = 1; n <= 5; n++) {
      const id = `flc-rt-${n}`;
      stars.append(
        el('input', { type: 'radio', name: 'score', value: String(n), id, required: true }),
        el(
          'label',
          { for: id, title: t.stars(n) },
          el('span', { 'aria-hidden': 'true' }, '★'),
          el('span', { class: 'sr' }, t.stars(n)),
        ),
      );
    }
    const comment = el('textarea', { id: 'flc-rt-c', rows: '2', maxlength: '1000', dir: 'auto' });
    node.append(
      stars,
      el('label', { for: 'flc-rt-c' }, t.ratingComment),
      comment,
      el('p', { class: 'fe', role: 'alert' }, r.error ?? ''),
      el('button', { class: 'go', type: 'submit', disabled: r.busy }, t.ratingSubmit),
    );
    node.addEventListener('submit', (e) => {
      e.preventDefault();
      const picked = node.querySelector<HTMLInputElement>('input[name=score]:checked');
      if (picked) this.actions.rate(Number(picked.value), comment.value);
    });
    return node;
  }
}
