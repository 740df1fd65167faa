import type { VisitorLocale } from '@flc/protocol';
import { ApiError, type BootOptions, type BootResponse, type WidgetApi } from './api.ts';
import type { KeyValue } from './storage.ts';

/**
 * Who the visitor is on this device: boots with the plugin key, the member's identity or the
 * stored anonymous visitor token, and holds the short-lived session token the other calls use.
 */
export class VisitorAuth {
  private sessionToken = '';

  constructor(
    private readonly api: WidgetApi,
    private readonly options: BootOptions,
    private readonly storage: KeyValue,
    private readonly visitorKey: string,
    /** The browser's language among the widget's, kept on the contact for the mails it gets. */
    private readonly locale?: VisitorLocale,
  ) {}

  get token(): string {
    return this.sessionToken;
  }

  /** A new session (the first, or after the last one expired), as the same visitor. */
  async boot(): Promise<BootResponse> {
    const { pluginKey, memberId, memberHash, profile } = this.options;
    const visitorToken = this.storage.get(this.visitorKey) ?? undefined;
    const booted = await this.api.boot(pluginKey, {
      memberId,
      memberHash,
      profile,
      visitorToken,
      ...(this.locale && { locale: this.locale }),
    });
    // Identified visitors get null back when the device's anonymous token is unknown.
    if (booted.visitorToken) this.storage.set(this.visitorKey, booted.visitorToken);
    else if (visitorToken) this.storage.remove(this.visitorKey);
    this.sessionToken = booted.sessionToken;
    return booted;
  }

  /** Calls `fn` with the session token; a 401 means it expired, so boot again and retry once. */
  async authed<T>(fn: (token: string) => Promise<T>): Promise<T> {
    try {
      return await fn(this.sessionToken);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
      await this.boot();
      return fn(this.sessionToken);
    }
  }
}
