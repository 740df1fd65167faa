import type { Message } from '@flc/sdk';
import type { BootOptions } from './api.ts';
import { Events } from './events.ts';
import { type Exclusive, Session } from './session.ts';
import { type KeyValue, storageKeys, webStorage } from './storage.ts';
import { localeFor, stringsFor } from './ui/i18n.ts';
import { View } from './ui/view.ts';

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
  view: View;
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
    const strings = stringsFor(navigator.language);
    const session = new Session({
      boot: options,
      locale: localeFor(navigator.language),
      invalidEmail: strings.emailInvalid,
      apiBase: this.apiBase(options.apiBase),
      storage,
      tabStorage,
      exclusive: webLocks(),
      watchStorage: (listener) => {
        const onStorage = (e: StorageEvent) => listener(e.key, e.newValue);
        window.addEventListener('storage', onStorage);
        return () => window.removeEventListener('storage', onStorage);
      },
    });
    const apiBase = this.apiBase(options.apiBase);
    const view = new View(strings, {
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
    });
    this.mounted = { session, view, tabStorage, keys };
    session.events.on('change', (v) => view.render(v));
    session.events.on('ready', (e) => this.events.emit('ready', e));
    session.events.on('message', (m) => this.events.emit('message', m));
    session.events.on('unread', (n) => this.events.emit('unread', n));
    session.events.on('error', (e) => this.events.emit('error', e));
    view.render(session.view());
    whenBody(() => {
      if (this.mounted?.view !== view) return;
      document.body.append(view.host);
      if (this.wantOpen || tabStorage.get(keys.open) === '1') this.setOpen(true, false);
    });
    void session.start();
  }

  private setOpen(open: boolean, focus: boolean): void {
    const m = this.mounted;
    if (!m) {
      this.wantOpen = open;
      return;
    }
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
