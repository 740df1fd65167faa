import { type BackoffOptions, backoffDelay } from './backoff.ts';
import { Close, SUBPROTOCOL, WS_PATH } from './codes.ts';
import { socketUrl, tokenExpiry } from './env.ts';
import type {
  ClientError,
  ClientFrame,
  ConnectionState,
  OnlineSignal,
  Ready,
  ServerFrame,
  StateChange,
  StateReason,
  Timers,
  WebSocketConstructor,
  WebSocketLike,
} from './types.ts';

export interface ConnectionOptions {
  url: string;
  token: string | undefined;
  getToken: (() => Promise<string>) | undefined;
  WebSocket: WebSocketConstructor;
  timers: Timers;
  online: OnlineSignal;
  backoff: Required<BackoffOptions>;
  random: () => number;
  connectTimeoutMs: number;
  pongTimeoutMs: number;
  /** A token this close to its `exp` is refreshed before dialing. */
  tokenLeewayMs: number;
}

export interface ConnectionHooks {
  state(change: StateChange): void;
  ready(frame: Ready): void;
  frame(frame: ServerFrame): void;
  error(error: ClientError): void;
}

type Timer = 'retry' | 'connect' | 'ping' | 'pong';

/** Close codes that ask for a reconnect, with the reason reported for each. */
const retryReasons: Record<number, StateReason> = {
  [Close.unauthorized]: 'token_expired',
  [Close.restarting]: 'restart',
  [Close.policy]: 'policy',
  [Close.tooSlow]: 'too_slow',
};

/** What the client cannot recover from by itself: the state reason and the error reported. */
const fatalErrors: Partial<Record<StateReason, Pick<ClientError, 'code' | 'message'>>> = {
  too_large: { code: 'too_large', message: 'The server refused a frame as too large (1009)' },
  unauthorized: {
    code: 'unauthorized',
    message: 'The token expired and there is no getToken() to refresh it (4001)',
  },
  forbidden: {
    code: 'forbidden',
    message:
      "This page's origin may not use this widget's environment, or its organization is suspended (4003)",
  },
};

/**
 * The socket's life: dialing (with a fresh token when needed), `ready`, heartbeats, and what to
 * do after every kind of close. One socket at a time; events of a dropped socket are ignored.
 */
export class Connection {
  state: ConnectionState = 'idle';
  private socket: WebSocketLike | null = null;
  private token: string | undefined;
  private refreshToken = false;
  private attempts = 0;
  /** Bumped by every dial and by close(): an async step of an older dial stops there. */
  private generation = 0;
  private readyAt: number | null = null;
  private opened = false;
  private unopenedFailures = 0;
  private heartbeatMs = 0;
  private readonly timers = new Map<Timer, unknown>();
  private stopWatchingOnline: (() => void) | null = null;
  /** Waiting for the online signal; nothing is dialed meanwhile. */
  private offline = false;

  constructor(
    private readonly o: ConnectionOptions,
    private readonly hooks: ConnectionHooks,
  ) {
    this.token = o.token;
  }

  connect(): void {
    if (this.state !== 'idle' && this.state !== 'closed') return;
    this.stopWatchingOnline = this.o.online.subscribe(() => this.onlineChanged());
    this.attempts = 0;
    if (!this.o.online.isOnline()) {
      this.waitForNetwork();
      return;
    }
    this.move({ state: 'connecting', reason: 'connect' });
    void this.dial();
  }

  close(): void {
    if (this.state === 'closed') return;
    this.finish('client');
  }

  /** Writes a frame if the session is ready; false when it could not be sent now. */
  send(frame: ClientFrame): boolean {
    if (this.state !== 'open' || !this.socket) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  private async dial(): Promise<void> {
    if (!this.o.online.isOnline()) return this.waitForNetwork();
    const generation = ++this.generation;
    this.offline = false;
    let token = this.token;
    const { getToken } = this.o;
    if (getToken && (token === undefined || this.refreshToken || this.expiresSoon(token))) {
      try {
        token = await getToken();
      } catch (cause) {
        if (generation !== this.generation) return;
        this.hooks.error({ code: 'token_failed', message: 'getToken() failed', cause });
        return this.retry('token_failed');
      }
      if (generation !== this.generation) return;
      this.token = token;
      this.refreshToken = false;
    }
    if (token === undefined) return this.finish('unauthorized');
    this.opened = false;
    this.readyAt = null;
    let ws: WebSocketLike;
    try {
      ws = new this.o.WebSocket(socketUrl(this.o.url, WS_PATH, token), SUBPROTOCOL);
    } catch (cause) {
      this.hooks.error({ code: 'protocol', message: 'Could not create the WebSocket', cause });
      return this.retry('connect_failed');
    }
    this.socket = ws;
    ws.onopen = () => {
      if (ws === this.socket) this.opened = true;
    };
    ws.onmessage = (event) => {
      if (ws === this.socket) this.receive(event.data);
    };
    ws.onclose = (event) => {
      if (ws === this.socket) this.lost(event.code);
    };
    // Browsers follow every error with a close, which decides what happens next.
    ws.onerror = () => {};
    this.schedule('connect', this.o.connectTimeoutMs, () => this.abandon('connect_timeout'));
  }

  private expiresSoon(token: string): boolean {
    const exp = tokenExpiry(token);
    return exp !== undefined && exp - this.o.timers.now() < this.o.tokenLeewayMs;
  }

  private receive(data: unknown): void {
    let frame: ServerFrame;
    try {
      frame = JSON.parse(String(data)) as ServerFrame;
    } catch (cause) {
      this.hooks.error({ code: 'protocol', message: 'Frame is not JSON', cause });
      return;
    }
    if (frame.t === 'ready') this.onReady(frame);
    else if (frame.t === 'pong') {
      this.clear('pong');
      this.schedule('ping', this.heartbeatMs, () => this.ping());
    } else this.hooks.frame(frame);
  }

  private onReady(frame: Ready): void {
    this.clear('connect');
    this.readyAt = this.o.timers.now();
    this.unopenedFailures = 0;
    this.heartbeatMs = frame.heartbeatMs;
    const previous = this.state;
    this.state = 'open';
    // The client resumes (subscribes, resends) before the host hears `open`.
    this.hooks.ready(frame);
    this.schedule('ping', this.heartbeatMs, () => this.ping());
    this.hooks.state({ state: 'open', previous, reason: 'ready' });
  }

  private ping(): void {
    this.send({ t: 'ping', ts: this.o.timers.now() });
    this.schedule('pong', this.o.pongTimeoutMs, () => this.abandon('heartbeat_timeout'));
  }

  /** What each close code asks of a client (docs/PROTOCOL.md, "Close codes"). */
  private lost(code: number): void {
    const wasOpen = this.readyAt !== null;
    const stable = this.stable();
    if (!this.opened && ++this.unopenedFailures >= 2 && this.o.getToken) {
      // A refused upgrade (HTTP 401) is invisible to a browser: try a fresh token next time.
      this.refreshToken = true;
    }
    this.drop();
    if (code === Close.normal) this.finish('server_closed', code);
    else if (code === Close.tooLarge) this.finish('too_large', code);
    else if (code === Close.forbidden) this.finish('forbidden', code);
    else if (code === Close.unauthorized && !this.o.getToken) this.finish('unauthorized', code);
    else {
      if (code === Close.unauthorized) this.refreshToken = true;
      this.retry(retryReasons[code] ?? (wasOpen ? 'disconnected' : 'connect_failed'), {
        code,
        // 4008 is not reset by a good session: a client that keeps being told off keeps slowing down.
        stable: stable && code !== Close.policy,
        immediate: code === Close.restarting || code === Close.unauthorized,
      });
    }
  }

  /** Drops the socket from this side and reconnects (heartbeat or connect timeout). */
  private abandon(reason: StateReason): void {
    const stable = this.stable();
    this.drop();
    this.retry(reason, { stable });
  }

  /** The current session has been ready long enough to reset the backoff. */
  private stable(): boolean {
    return (
      this.readyAt !== null && this.o.timers.now() - this.readyAt >= this.o.backoff.resetAfterMs
    );
  }

  private retry(
    reason: StateReason,
    how: { code?: number; stable?: boolean; immediate?: boolean } = {},
  ): void {
    if (how.stable) this.attempts = 0;
    if (!this.o.online.isOnline()) {
      this.waitForNetwork();
      return;
    }
    const attempt = ++this.attempts;
    const delayMs =
      how.immediate && attempt === 1 ? 0 : backoffDelay(attempt, this.o.backoff, this.o.random);
    const change: Omit<StateChange, 'previous'> = {
      state: 'reconnecting',
      reason,
      attempt,
      delayMs,
    };
    if (how.code !== undefined) change.code = how.code;
    this.move(change);
    this.schedule('retry', delayMs, () => void this.dial());
  }

  private waitForNetwork(): void {
    this.generation++;
    this.drop();
    this.clear('retry');
    this.offline = true;
    this.move({ state: 'reconnecting', reason: 'offline', attempt: this.attempts, delayMs: null });
  }

  private onlineChanged(): void {
    if (this.state === 'idle' || this.state === 'closed') return;
    if (!this.o.online.isOnline()) {
      if (this.offline) return;
      if (this.stable()) this.attempts = 0;
      this.waitForNetwork();
      return;
    }
    // Back online: dial at once if waiting for the network or sitting out a backoff.
    if (this.state !== 'reconnecting' || this.socket) return;
    if (!this.offline && !this.timers.has('retry')) return; // a dial is already fetching a token
    this.offline = false;
    this.clear('retry');
    this.move({ state: 'reconnecting', reason: 'online', attempt: this.attempts, delayMs: 0 });
    void this.dial();
  }

  private finish(reason: StateReason, code?: number): void {
    this.generation++;
    this.offline = false;
    this.drop(reason === 'client' ? Close.normal : undefined);
    this.clear('retry');
    this.stopWatchingOnline?.();
    this.stopWatchingOnline = null;
    const fatal = reason in fatalErrors;
    const change: Omit<StateChange, 'previous'> = { state: 'closed', reason };
    if (code !== undefined) change.code = code;
    if (fatal) change.fatal = true;
    this.move(change);
    const error = fatalErrors[reason];
    if (error) this.hooks.error({ ...error, fatal: true });
  }

  /** Forgets the current socket (closing it when still live) and its timers. */
  private drop(code: number = Close.abandon): void {
    for (const timer of ['connect', 'ping', 'pong'] as const) this.clear(timer);
    const ws = this.socket;
    this.socket = null;
    this.readyAt = null;
    if (!ws) return;
    ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
    // CLOSING (2) or CLOSED (3) sockets need nothing more.
    if (ws.readyState < 2) ws.close(code, code === Close.normal ? 'client closed' : 'reconnecting');
  }

  private move(change: Omit<StateChange, 'previous'>): void {
    const previous = this.state;
    this.state = change.state;
    this.hooks.state({ ...change, previous });
  }

  private schedule(timer: Timer, ms: number, run: () => void): void {
    this.clear(timer);
    this.timers.set(
      timer,
      this.o.timers.setTimeout(() => {
        this.timers.delete(timer);
        run();
      }, ms),
    );
  }

  private clear(timer: Timer): void {
    if (!this.timers.has(timer)) return;
    this.o.timers.clearTimeout(this.timers.get(timer));
    this.timers.delete(timer);
  }
}
