import type { VisitorLocale, WidgetLanguage } from '@flc/protocol';
import {
  backoffDelay,
  type Client,
  type ClientOptions,
  createClient,
  type Message,
  type PendingMessage,
  restHistory,
  type StateChange,
  type Timers,
} from '@flc/sdk';
import {
  type ApiError,
  asApiError,
  type BootOptions,
  type BootResponse,
  type WidgetApi,
  type WidgetConversation,
  type WidgetSettings,
  widgetApi,
} from './api.ts';
import { VisitorAuth } from './auth.ts';
import { AwayNotice, type AwayView } from './away.ts';
import { MessageEdits } from './edits.ts';
import { Events } from './events.ts';
import { type KeyValue, storageKeys } from './storage.ts';
import { type PreChatValues, Survey, type SurveyView } from './survey.ts';
import { Timeline, type TimelineItem } from './timeline.ts';

/** Why the widget cannot chat at all: each has its own message for the visitor. */
export type Failure = 'identity' | 'plugin_key' | 'origin' | 'setup';
export type Banner = 'offline' | 'reconnecting' | null;

export interface SessionView extends SurveyView, AwayView {
  status: 'booting' | 'ready' | 'failed';
  failure: Failure | null;
  settings: WidgetSettings | null;
  /** The environment's widget language, from the boot; null before it answered. */
  language: WidgetLanguage | null;
  items: readonly TimelineItem[];
  hasEarlier: boolean;
  agentTyping: boolean;
  unread: number;
  banner: Banner;
}

export interface SessionEvents {
  change: SessionView;
  ready: { contactId: string };
  message: Message;
  unread: number;
  error: { code: string; message: string };
}

/** Runs `fn` while no other tab of this visitor runs one with the same name (Web Locks). */
export type Exclusive = <T>(name: string, fn: () => Promise<T>) => Promise<T>;

export interface SessionOptions {
  boot: BootOptions;
  /** The browser's language among the widget's, told at boot so the visitor's mails are in it. */
  locale?: VisitorLocale;
  apiBase: string;
  /** Shared by the visitor's tabs (localStorage). */
  storage: KeyValue;
  /** This tab's own (sessionStorage). */
  tabStorage: KeyValue;
  fetch?: typeof fetch;
  timers?: Timers;
  exclusive?: Exclusive;
  /** Changes another tab made to `storage` (the window's `storage` event). */
  watchStorage?: (listener: (key: string | null, value: string | null) => void) => () => void;
  /**
   * Overrides for the SDK client (tests pass fake sockets, clocks and networks); its `random`
   * also draws the jitter of the boot retries.
   */
  client?: Partial<ClientOptions>;
  /** What the email field says of an address that is not one (in the widget's language now). */
  invalidEmail?: () => string;
}

const PAGE = 50;
/** Server errors that end a send for good; the SDK resends after the others itself. */
const FINAL = new Set(['bad_frame', 'too_large', 'forbidden', 'not_found']);
/** An agent's `typing on` without its `off` (a closed console) stops showing after this. */
const TYPING_MS = 8_000;
/**
 * Boot retries back off as the SDK's reconnects do (full jitter), so the visitors of a site
 * whose platform went away do not all come back at the same moment.
 */
const BOOT_BACKOFF = { baseMs: 1_000, capMs: 30_000 };

const browserTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as number),
  now: () => Date.now(),
};

/**
 * One visitor's chat, without the DOM: boot, the SDK client, the conversation this visitor
 * follows (shared by its tabs), history, sends, unread count, typing and connection banners.
 */
export class Session {
  readonly events = new Events<SessionEvents>();
  private readonly api: WidgetApi;
  private readonly auth: VisitorAuth;
  private readonly keys: ReturnType<typeof storageKeys>;
  private readonly timers: Timers;
  private readonly timeline = new Timeline();
  private client: Client | null = null;
  private contactId = '';
  private conversationId: string | null = null;
  private readonly survey: Survey;
  private readonly edits: MessageEdits;
  private readonly away: AwayNotice;
  private state: Omit<SessionView, 'items' | keyof SurveyView | keyof AwayView> = {
    status: 'booting',
    failure: null,
    settings: null,
    language: null,
    hasEarlier: false,
    agentTyping: false,
    unread: 0,
    banner: null,
  };
  private open = false;
  private stopped = false;
  /** Messages typed before the conversation exists; sent once it does. */
  private local: { key: string; body: string }[] = [];
  private localSeq = 0;
  private flushing = false;
  private loadingEarlier = false;
  private readonly cleanups: (() => void)[] = [];
  private readonly timeouts = new Set<unknown>();
  private typingTimer: unknown;

  constructor(private readonly o: SessionOptions) {
    this.api = widgetApi(o.apiBase, o.fetch);
    this.keys = storageKeys(o.boot.pluginKey);
    this.auth = new VisitorAuth(this.api, o.boot, o.storage, this.keys.visitor, o.locale);
    this.timers = o.timers ?? browserTimers;
    this.survey = new Survey(this.api, this.auth, () => this.changed());
    this.away = new AwayNotice(
      this.api,
      this.auth,
      () => this.changed(),
      o.invalidEmail ?? (() => ''),
    );
    this.edits = new MessageEdits({
      api: this.api,
      auth: this.auth,
      timeline: this.timeline,
      conversation: () => this.conversationId,
      changed: () => this.changed(),
      report: (error) => this.report(error),
    });
  }

  view(): SessionView {
    return {
      ...this.state,
      ...this.survey.view(),
      ...this.away.view(),
      items: this.timeline.items(),
    };
  }

  /** The visitor's email, to be answered by email while nobody can answer here. */
  leaveEmail(email: string): Promise<void> {
    return this.away.leaveEmail(email);
  }

  /** The visitor's answers to the pre-chat form. */
  async answer(values: PreChatValues): Promise<void> {
    await this.survey.submit(values);
    if (!this.survey.blocking && typeof values.email === 'string' && values.email.trim()) {
      this.away.emailKnown();
    }
  }

  /** Edits one of the visitor's own messages; false when the server refused. */
  edit(seq: number, body: string): Promise<boolean> {
    return this.edits.edit(seq, body);
  }

  /** Deletes one of the visitor's own messages; false when the server refused. */
  remove(seq: number): Promise<boolean> {
    return this.edits.remove(seq);
  }

  /** The visitor's rating of its closed conversation. */
  rate(score: number, comment: string): Promise<void> {
    return this.survey.rate(score, comment);
  }

  /** Boots (again after network failures, with backoff), then follows the latest conversation. */
  async start(): Promise<void> {
    let booted: BootResponse | undefined;
    const random = this.o.client?.random ?? Math.random;
    for (let attempt = 1; !booted; attempt++) {
      if (this.stopped) return;
      try {
        booted = await this.auth.boot();
      } catch (error) {
        const e = this.report(error);
        if (!e.retryable) return this.fail(e);
        await this.sleep(backoffDelay(attempt, BOOT_BACKOFF, random));
      }
    }
    if (this.stopped) return;
    this.contactId = booted.contact.id;
    this.state.status = 'ready';
    this.state.settings = booted.settings;
    this.state.language = booted.widgetLanguage;
    this.timeline.editWindowMs = booted.editWindowSeconds * 1000;
    this.survey.booted(booted);
    this.away.booted(booted);
    this.client = this.createClient();
    this.cleanups.push(
      this.o.watchStorage?.((key, value) => {
        if (key === this.keys.conversation && value) this.adopt(value);
      }) ?? (() => {}),
    );
    if (this.open) this.client.connect();
    this.changed();
    this.events.emit('ready', { contactId: this.contactId });
    const latest = booted.conversations[0];
    if (latest) await this.follow(latest);
    this.flushLocal();
  }

  /** Sends now, or as soon as the visitor's conversation exists. */
  send(body: string): void {
    if (this.stopped || body.trim() === '') return;
    if (this.client && this.conversationId) {
      this.sendNow(this.conversationId, body);
    } else {
      const key = `local-${++this.localSeq}`;
      this.local.push({ key, body });
      this.timeline.local(key, body, this.timers.now());
      this.changed();
      this.flushLocal();
    }
  }

  /**
   * Uploads a file to the visitor's conversation (opening it first when there is none yet) and
   * sends it with `caption`, or with the file's name when there is no caption. False when the
   * upload was refused (too large, over the site's storage) or could not be made.
   */
  async attach(file: File, caption: string): Promise<boolean> {
    if (this.stopped || this.state.status !== 'ready' || !this.client) return false;
    try {
      const id = await this.conversation();
      const uploaded = await this.auth.authed((t) => this.api.upload(t, id, file));
      // Without a caption the message is the file alone (its name shows with it).
      const body = (caption.trim() === '' ? '' : caption).slice(0, 4000);
      this.client?.send(id, body, { attachments: [uploaded.id] });
      return true;
    } catch (error) {
      this.report(error);
      this.changed();
      return false;
    }
  }

  /** Sends a failed message again (as a new message). */
  retry(key: string): void {
    const failed = this.timeline.forget(key);
    if (failed) this.send(failed.body);
    else this.changed();
  }

  typing(): void {
    if (this.conversationId) this.client?.typing(this.conversationId);
  }

  /** The panel opened or closed: open, everything shown counts as read. */
  setOpen(open: boolean): void {
    this.open = open;
    if (!open) return;
    this.markRead();
    // An open panel shows whether anyone can answer: its socket keeps that live, even before
    // the visitor has a conversation.
    this.client?.connect();
  }

  async loadEarlier(): Promise<void> {
    const id = this.conversationId;
    const first = this.timeline.firstSeq;
    if (!id || first === null || !this.state.hasEarlier || this.loadingEarlier) return;
    this.loadingEarlier = true;
    try {
      const page = await this.auth.authed((t) =>
        this.api.history(t, id, { beforeSeq: first, limit: PAGE }),
      );
      this.timeline.add(page.items);
      this.state.hasEarlier = page.hasMore;
      this.changed();
    } catch (error) {
      this.report(error);
    } finally {
      this.loadingEarlier = false;
    }
  }

  /** Ends this session; with `forget`, the device forgets the visitor too (a logout). */
  stop(forget: boolean): void {
    this.stopped = true;
    this.client?.close();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    for (const handle of this.timeouts) this.timers.clearTimeout(handle);
    this.timers.clearTimeout(this.typingTimer);
    this.events.clear();
    if (!forget) return;
    this.o.storage.remove(this.keys.visitor);
    this.o.storage.remove(this.keys.conversation);
    this.o.tabStorage.remove(this.keys.outbox);
    this.o.tabStorage.remove(this.keys.open);
  }

  private createClient(): Client {
    const { apiBase, tabStorage } = this.o;
    const outboxKey = this.keys.outbox;
    const client = createClient({
      url: apiBase,
      token: this.auth.token,
      // The session token is short-lived: a new boot (same visitor) gives a fresh one.
      getToken: async () => (await this.auth.boot()).sessionToken,
      fetchHistory: restHistory({
        url: apiBase,
        as: 'visitor',
        getToken: () => this.auth.token,
        fetch: this.o.fetch,
      }),
      outboxStorage: {
        load: () => JSON.parse(tabStorage.get(outboxKey) ?? '[]') as PendingMessage[],
        save: (pending) => tabStorage.set(outboxKey, JSON.stringify(pending)),
      },
      ...this.o.client,
    });
    client.on('message', (m) => this.onMessage(m));
    this.edits.follow(client);
    client.on('ack', (ack) => {
      if (ack.conversationId !== this.conversationId) return;
      this.timeline.acked(ack, this.contactId);
      this.changed();
    });
    client.on('outbox', (pending) => {
      if (!this.conversationId) return;
      this.timeline.pending(pending, this.conversationId);
      this.changed();
    });
    client.on('typing', (e) => {
      if (e.conversationId !== this.conversationId || e.sender.type === 'visitor') return;
      this.showTyping(e.on);
    });
    client.on('availability', (e) => this.away.live(e.availability));
    client.on('status', (e) => {
      if (e.conversationId === this.conversationId) this.survey.status(e.conversationId, e.status);
    });
    client.on('state', (change) => {
      this.state.banner = bannerOf(change);
      // The environment stopped allowing this page since the boot (4003): say so, as at boot.
      if (change.reason === 'forbidden') {
        this.state.status = 'failed';
        this.state.failure = 'origin';
      }
      this.changed();
    });
    client.on('error', (e) => {
      if (e.ref !== undefined && FINAL.has(e.code)) this.timeline.failed(e.ref);
      this.events.emit('error', { code: e.code, message: e.message });
      this.changed();
    });
    return client;
  }

  private onMessage(m: Message): void {
    if (m.conversationId !== this.conversationId) return;
    this.timeline.add([m]);
    if (m.sender.type !== 'visitor') {
      this.showTyping(false);
      if (this.open) this.markRead();
      else this.setUnread(this.state.unread + 1);
    }
    this.events.emit('message', m);
    this.changed();
  }

  /** Shows the latest page of history, then follows live from its last seq. */
  private async follow(c: Pick<WidgetConversation, 'id' | 'lastSeq' | 'unread'>): Promise<void> {
    const client = this.client;
    if (!client || this.conversationId) return;
    this.conversationId = c.id;
    let after = 0;
    if (c.lastSeq > 0) {
      try {
        const page = await this.auth.authed((t) =>
          this.api.history(t, c.id, { beforeSeq: c.lastSeq + 1, limit: PAGE }),
        );
        this.timeline.add(page.items);
        this.state.hasEarlier = page.hasMore;
        after = this.timeline.lastSeq;
      } catch (error) {
        // The socket replays the same page instead.
        after = Math.max(0, c.lastSeq - PAGE);
        this.state.hasEarlier = after > 0;
        this.report(error);
      }
    }
    if (this.stopped) return;
    this.timeline.pending(client.pending(), c.id);
    this.setUnread(this.open ? 0 : c.unread);
    client.subscribe(c.id, after);
    client.connect();
    if (this.open) this.markRead();
    this.changed();
  }

  /** Another tab opened this visitor's conversation: follow it here too. */
  private adopt(value: string): void {
    let stored: { contactId?: unknown; id?: unknown };
    try {
      stored = JSON.parse(value);
    } catch {
      return; // Not ours to read: some other script wrote the key.
    }
    if (stored.contactId !== this.contactId || this.conversationId || this.stopped) return;
    void this.auth
      .authed((t) => this.api.conversations(t, 5))
      .then(
        ({ items }) => {
          const found = items.find((c) => c.id === stored.id);
          if (found) return this.follow(found);
        },
        (error) => this.report(error),
      );
  }

  /** The visitor's conversation: the one a tab already opened, or a new one (one tab at a time). */
  private async conversation(): Promise<string> {
    if (this.conversationId) return this.conversationId;
    const exclusive: Exclusive = this.o.exclusive ?? ((_, fn) => fn());
    const c = await exclusive(`flc:${this.o.boot.pluginKey}:${this.contactId}`, async () => {
      const { items } = await this.auth.authed((t) => this.api.conversations(t, 1));
      const found = items[0] ?? (await this.auth.authed((t) => this.api.openConversation(t)));
      const shared = JSON.stringify({ contactId: this.contactId, id: found.id });
      this.o.storage.set(this.keys.conversation, shared);
      return found;
    });
    await this.follow(c);
    return c.id;
  }

  /** Hands what was typed before the conversation existed to the SDK, retrying until it can. */
  private flushLocal(delay = 1_000): void {
    if (this.local.length === 0 || this.state.status !== 'ready' || this.flushing) return;
    this.flushing = true;
    this.conversation().then(
      (id) => {
        this.flushing = false;
        for (const { key, body } of this.local.splice(0)) {
          this.timeline.forget(key);
          this.sendNow(id, body);
        }
        this.changed();
      },
      (error) => {
        this.flushing = false;
        const e = this.report(error);
        if (e.retryable) {
          this.after(delay, () => this.flushLocal(Math.min(delay * 2, 5_000)));
          return;
        }
        for (const { key } of this.local.splice(0)) this.timeline.failed(key);
        this.changed();
      },
    );
  }

  private sendNow(conversationId: string, body: string): void {
    try {
      this.client?.send(conversationId, body); // the outbox event shows it as sending
    } catch (error) {
      // Only a body the server would refuse throws here (empty or too long).
      const key = `local-${++this.localSeq}`;
      this.timeline.local(key, body, this.timers.now());
      this.timeline.failed(key);
      this.events.emit('error', { code: 'invalid', message: String(error) });
      this.changed();
    }
  }

  private markRead(): void {
    const seq = this.timeline.lastSeq;
    if (this.conversationId && seq > 0) this.client?.read(this.conversationId, seq);
    this.setUnread(0);
  }

  private setUnread(n: number): void {
    if (n === this.state.unread) return;
    this.state.unread = n;
    this.events.emit('unread', n);
    this.changed();
  }

  private showTyping(on: boolean): void {
    this.timers.clearTimeout(this.typingTimer);
    if (on) this.typingTimer = this.timers.setTimeout(() => this.showTyping(false), TYPING_MS);
    if (this.state.agentTyping === on) return;
    this.state.agentTyping = on;
    this.changed();
  }

  private fail(e: ApiError): void {
    this.state.status = 'failed';
    this.state.failure = failureOf(e.status, this.o.boot.memberId !== undefined);
    const request = e.requestId ? ` (request ${e.requestId})` : '';
    console.error(`[FLC] the chat could not start: ${e.status} ${e.code}: ${e.message}${request}`);
    this.changed();
  }

  /** Tells the page (`FLC('on', 'error', …)`); the widget itself shows what the visitor needs. */
  private report(error: unknown): ApiError {
    const e = asApiError(error);
    this.events.emit('error', { code: e.code, message: e.message });
    return e;
  }

  private changed(): void {
    if (!this.stopped) this.events.emit('change', this.view());
  }

  private after(ms: number, fn: () => void): void {
    const handle = this.timers.setTimeout(() => {
      this.timeouts.delete(handle);
      if (!this.stopped) fn();
    }, ms);
    this.timeouts.add(handle);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.after(ms, resolve));
  }
}

function bannerOf(change: StateChange): Banner {
  if (change.state !== 'reconnecting') return null;
  return change.reason === 'offline' ? 'offline' : 'reconnecting';
}

function failureOf(status: number, identified: boolean): Failure {
  if (status === 401) return identified ? 'identity' : 'plugin_key';
  return status === 403 ? 'origin' : 'setup';
}
