import { asApiError, type BootResponse, type PreChatField, type WidgetApi } from './api.ts';
import type { VisitorAuth } from './auth.ts';

export type PreChatValues = Record<string, string | boolean>;

/** The pre-chat form while the visitor still has to answer it. */
export interface PreChatView {
  intro: string;
  fields: PreChatField[];
  /** By field key; `''` holds a fault of the whole form. */
  errors: Record<string, string>;
  busy: boolean;
}

/** The rating prompt of a closed conversation. */
export interface RatingView {
  conversationId: string;
  sent: boolean;
  busy: boolean;
  error: string | null;
}

export interface SurveyView {
  prechat: PreChatView | null;
  rating: RatingView | null;
}

/**
 * What the widget asks the visitor besides chatting: the pre-chat form before the first message
 * (when the contact lacks a required value), and a rating once its conversation is closed.
 */
export class Survey {
  private prechat: PreChatView | null = null;
  private rating: RatingView | null = null;
  private csat = false;

  constructor(
    private readonly api: WidgetApi,
    private readonly auth: VisitorAuth,
    private readonly changed: () => void,
  ) {}

  view(): SurveyView {
    return { prechat: this.prechat, rating: this.rating };
  }

  booted(b: BootResponse): void {
    this.csat = b.csatEnabled;
    const form = b.preChatForm;
    const fresh = b.conversations.length === 0;
    this.prechat =
      form && !form.complete && fresh
        ? { intro: form.intro, fields: form.fields, errors: {}, busy: false }
        : null;
  }

  /** The form holds the composer back until it is answered. */
  get blocking(): boolean {
    return this.prechat !== null;
  }

  async submit(values: PreChatValues): Promise<void> {
    const form = this.prechat;
    if (!form || form.busy) return;
    this.prechat = { ...form, busy: true, errors: {} };
    this.changed();
    try {
      await this.auth.authed((t) => this.api.preChat(t, values));
      this.prechat = null;
    } catch (error) {
      const e = asApiError(error);
      const errors: Record<string, string> = {};
      for (const d of e.details) errors[d.path.replace(/^\/values\//, '')] = d.message;
      if (e.details.length === 0) errors[''] = e.message;
      this.prechat = { ...form, busy: false, errors };
    }
    this.changed();
  }

  /** The conversation's status changed: closed asks for a rating (when the environment does). */
  status(conversationId: string, status: string): void {
    if (status === 'closed' && this.csat) {
      this.rating = { conversationId, sent: false, busy: false, error: null };
    } else if (this.rating?.conversationId === conversationId && !this.rating.sent) {
      this.rating = null;
    }
    this.changed();
  }

  async rate(score: number, comment: string): Promise<void> {
    const r = this.rating;
    if (!r || r.busy) return;
    this.rating = { ...r, busy: true, error: null };
    this.changed();
    const text = comment.trim();
    try {
      await this.auth.authed((t) =>
        this.api.rate(t, r.conversationId, { score, ...(text ? { comment: text } : {}) }),
      );
      this.rating = { ...r, sent: true, busy: false, error: null };
    } catch (error) {
      this.rating = { ...r, busy: false, error: asApiError(error).message };
    }
    this.changed();
  }
}
