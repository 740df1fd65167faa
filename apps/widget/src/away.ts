import { asApiError, type BootResponse, type WidgetApi } from './api.ts';
import type { VisitorAuth } from './auth.ts';

export type Availability = BootResponse['availability'];

/** The email field shown while nobody can answer and the contact has no email. */
export interface EmailView {
  /** The address once saved. */
  saved: string | null;
  busy: boolean;
  /** Why the address was refused (the server's words or "not an email"). */
  error: string | null;
}

export interface AwayView {
  availability: Availability | null;
  email: EmailView | null;
  /** The environment answers by email: an away header may promise it. */
  emailReplies: boolean;
}

/** Enough to catch a typo before asking the server, which checks again. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Whether anyone can answer, as the boot told it and the socket since, and the visitor's email for a reply by email
 * while nobody can: asked when the contact has none.
 */
export class AwayNotice {
  private availability: Availability | null = null;
  private email: EmailView | null = null;
  /** The contact had an email at boot, or gave one since. */
  private hasEmail = false;
  private emailReplies = true;

  constructor(
    private readonly api: WidgetApi,
    private readonly auth: VisitorAuth,
    private readonly changed: () => void,
    /** In the widget's language at the time: a boot may change it. */
    private readonly invalid: () => string,
  ) {}

  view(): AwayView {
    return { availability: this.availability, email: this.email, emailReplies: this.emailReplies };
  }

  booted(b: BootResponse): void {
    this.hasEmail = Boolean(b.contact.email);
    this.emailReplies = b.emailContinuity;
    this.email = null;
    this.apply(b.availability);
  }

  /** Availability changed while the widget is open (the socket's `availability` frame). */
  live(availability: Availability): void {
    // A widget on screen is never taken away mid-chat by the hours ending: `hidden` counts at
    // boot, and live only to show a hidden widget again.
    const { hidden: _, ...shown } = availability;
    this.apply(this.availability?.hidden ? availability : shown);
    this.changed();
  }

  /**
   * The email is asked for while nobody can answer (in an environment that answers by email);
   * once somebody can, an ask not yet answered goes away (a saved address stays confirmed).
   */
  private apply(availability: Availability): void {
    this.availability = availability;
    const nobody = availability.state !== 'online';
    // An environment that answers nobody by email has no use for the address.
    const ask = nobody && !this.hasEmail && this.emailReplies;
    if (ask) this.email ??= { saved: null, busy: false, error: null };
    else if (this.email && !this.email.saved && !this.email.busy) this.email = null;
  }

  /** The contact has an email now (the pre-chat form asked for it): nothing more to ask. */
  emailKnown(): void {
    this.hasEmail = true;
    if (!this.email || this.email.saved) return;
    this.email = null;
    this.changed();
  }

  async leaveEmail(address: string): Promise<void> {
    const e = this.email;
    if (!e || e.busy || e.saved) return;
    const email = address.trim();
    if (!EMAIL.test(email)) {
      this.email = { ...e, error: this.invalid() };
      this.changed();
      return;
    }
    this.email = { ...e, busy: true, error: null };
    this.changed();
    try {
      await this.auth.authed((t) => this.api.leaveEmail(t, email));
      this.email = { saved: email, busy: false, error: null };
      this.hasEmail = true;
    } catch (error) {
      const failure = asApiError(error);
      this.email = { ...e, busy: false, error: failure.details[0]?.message ?? failure.message };
    }
    this.changed();
  }
}
