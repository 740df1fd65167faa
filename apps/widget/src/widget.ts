import type { VisitorLocale, WidgetLanguage } from '@flc/protocol';
import type { Message } from '@flc/sdk';
import type { BootOptions } from './api.ts';
import { Events } from './events.ts';
import { type Exclusive, Session } from './session.ts';
import { type KeyValue, storageKeys, webStorage } from './storage.ts';
import { negotiate, stringsOf, widgetLocale } from './ui/i18n/index.ts';
import { View, type ViewActions } from './ui/view.ts';

/** What `FLC('on', event, handler)` can follow. */
export interface WidgetEvents {
  ready: { contactId: string };
  open: undefined;
  close: undefined;
  unread: number;
  message: Message;
  error: { code: string; message: string };
}

interface Mounted {
  session: Session;
  /** Rebuilt when the environment's language turns out to be another. */
  view: View;
  actions: ViewActions;
  /** The language the view speaks, and the environment's setting it came from. */
  locale: VisitorLocale;
  language: WidgetLanguage | null;
  open: boolean;
  tabStorage: KeyValue;
  keys: ReturnType<typeof storageKeys>;
}

/** The commands behind `window.FLC`: boot, show, hide, shutdown, on. */
export class Widget {
  private readonly events = new Events<WidgetEvents>();
  private mounted: Mounted | null = null;
  /** `show` before `boot`: open as soon as there is something to open. */
  private wantOpen = false;

  constructor(private readonly scriptSrc: string | undefined) {}

  command(command: unknown, args: unknown[]): unknown {
    switch (command) {
      case 'boot':
        return this.boot(args[0] as BootOptions);
      case 'show':
        return this.setOpen(true, true);
      case 'hide':
        return this.setOpen(false, true);
      case 'shutdown':
        return this.shutdown(true);
      case 'on':
        if (typeof args[0] !== 'string' || typeof args[1] !== 'function') {
          console.error("[FLC] usage: FLC('on', event, handler)");
          return undefined;
        }
        return this.events.on(args[0] as keyof WidgetEvents, args[1] as () => void);
      default:
        console.error(`[FLC] unknown command: ${String(command)}`);
        return undefined;
    }
  }

  private boot(options: BootOptions): void {
    if (typeof options?.pluginKey !== 'string' || options.pluginKey === '') {
      console.error("[FLC] boot needs a pluginKey: FLC('boot', { pluginKey: '…' })");
      return;
    }
    // Booting again (a user logged in or out) replaces the session, keeping the device's visitor.
    this.shutdown(false);
    const storage = webStorage('localStorage');
    const tabStorage = webStorage('sessionStorage');
    const keys = storageKeys(options.pluginKey);
    const browser = negotiate(
      navigator.languages?.length ? navigator.languages : [navigator.language],
    );
    // The environment's language as the last boot told it: the widget speaks it from the start.
    const remembered = storage.get(keys.language) as WidgetLanguage | null;
    const locale = widgetLocale(remembered, browser);
    const apiBase = this.apiBase(options.apiBase);
    const session = new Session({
      boot: options,
      // The browser's language; the platform keeps the environment's instead when it fixed one.
      locale: browser,
      invalidEmail: () => stringsOf(this.mounted?.locale ?? locale).emailInvalid,
      apiBase,
      storage,
      tabStorage,
      exclusive: webLocks(),
      watchStorage: (listener) => {
        const onStorage = (e: StorageEvent) => listener(e.key, e.newValue);
        window.addEventListener('storage', onStorage);
        return () => window.removeEventListener('storage', onStorage);
      },
    });
    const actions: ViewActions = {
      attachmentUrl: (path) => `${apiBase}${path}`,
      toggle: (open) => this.setOpen(open, true),
      send: (body) => session.send(body),
      attach: (file, caption) => session.attach(file, caption),
      answer: (values) => void session.answer(values),
      rate: (score, comment) => void session.rate(score, comment),
      leaveEmail: (email) => void session.leaveEmail(email),
      typing: () => session.typing(),
      retry: (key) => session.retry(key),
      edit: (seq, body) => session.edit(seq, body),
      remove: (seq) => session.remove(seq),
      earlier: () => void session.loadEarlier(),
    };
    const m: Mounted = {
      session,
      view: new View(stringsOf(locale), actions),
      actions,
      locale,
      language: remembered,
      open: false,
      tabStorage,
      keys,
    };
    this.mounted = m;
    session.events.on('change', (v) => {
      this.follow(m, v.language, browser, storage);
      m.view.render(v);
    });
    session.events.on('ready', (e) => this.events.emit('ready', e));
    session.events.on('message', (msg) => this.events.emit('message', msg));
    session.events.on('unread', (n) => this.events.emit('unread', n));
    session.events.on('error', (e) => this.events.emit('error', e));
    m.view.render(session.view());
    whenBody(() => {
      if (this.mounted !== m) return;
      document.body.append(m.view.host);
      if (this.wantOpen || tabStorage.get(keys.open) === '1') this.setOpen(true, false);
    });
    void session.start();
  }

  /**
   * Speaks the environment's language once a boot told it (remembered for the next page, so it
   * is right from the start there): a new language rebuilds the view in place, open or not.
   */
  private follow(
    m: Mounted,
    language: WidgetLanguage | null,
    browser: VisitorLocale,
    storage: KeyValue,
  ): void {
    if (!language || language === m.language) return;
    m.language = language;
    if (language === 'auto') storage.remove(m.keys.language);
    else storage.set(m.keys.language, language);
    const locale = widgetLocale(language, browser);
    if (locale === m.locale) return;
    const before = m.view;
    // Focus inside the widget (the shadow root's host is the document's active element) stays.
    const focused = before.host.isConnected && document.activeElement === before.host;
    m.locale = locale;
    m.view = new View(stringsOf(locale), m.actions);
    if (before.host.isConnected) before.host.replaceWith(m.view.host);
    before.destroy();
    m.view.setOpen(m.open, focused);
  }

  private setOpen(open: boolean, focus: boolean): void {
    const m = this.mounted;
    if (!m) {
      this.wantOpen = open;
      return;
    }
    m.open = open;
    m.view.setOpen(open, focus);
    m.session.setOpen(open);
    if (open) m.tabStorage.set(m.keys.open, '1');
    else m.tabStorage.remove(m.keys.open);
    this.events.emit(open ? 'open' : 'close', undefined);
  }

  /** Removes the widget; `forget` (the `shutdown` command) also forgets the visitor. */
  private shutdown(forget: boolean): void {
    const m = this.mounted;
    this.mounted = null;
    this.wantOpen = false;
    if (!m) return;
    m.session.stop(forget);
    m.view.destroy();
  }

  /** The platform serves widget.js, so by default the API is where the script came from. */
  private apiBase(given: string | undefined): string {
    const base = given ?? (this.scriptSrc ? new URL('.', this.scriptSrc).href : location.origin);
    return base.replace(/\/+$/, '');
  }
}

function whenBody(run: () => void): void {
  if (document.body) run();
  else document.addEventListener('DOMContentLoaded', run, { once: true });
}

/** The visitor's tabs take turns where it matters (opening the conversation), where supported. */
function webLocks(): Exclusive | undefined {
  const locks = (navigator as { locks?: LockManager }).locks;
  if (!locks) return undefined;
  return <T>(name: string, fn: () => Promise<T>) => locks.request(name, fn) as Promise<T>;
}
