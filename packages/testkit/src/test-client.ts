import type { ServerFrame } from '@flc/protocol';

/** A protocol client for tests: records every frame and awaits the ones a test expects. */
export class TestClient {
  readonly frames: ServerFrame[] = [];
  closed: { code: number; reason: string } | null = null;
  private waiters: { match: (f: ServerFrame) => boolean; resolve: (f: ServerFrame) => void }[] = [];
  private closeWaiters: ((c: { code: number; reason: string }) => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.onmessage = (e) => {
      const frame = JSON.parse(String(e.data)) as ServerFrame;
      this.frames.push(frame);
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(frame)) return true;
        w.resolve(frame);
        return false;
      });
    };
    ws.onclose = (e) => {
      this.closed = { code: e.code, reason: e.reason };
      for (const w of this.closeWaiters) w(this.closed);
    };
  }

  /** Opens a socket; `headers` (e.g. Origin) and `protocols` as a browser or SDK would send them. */
  static async connect(
    url: string,
    options: { headers?: Record<string, string>; protocols?: string[] } = {},
  ): Promise<TestClient> {
    // Bun's WebSocket takes headers in its options, beyond the browser's signature.
    const ws = new WebSocket(url, options as unknown as string[]);
    const client = new TestClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.onopen = () => resolve();
      ws.onerror = () => reject(new Error(`could not connect to ${url}`));
    });
    return client;
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The first frame (already received or coming) that matches; fails after `ms`. */
  next<T extends ServerFrame['t']>(
    t: T,
    where: (f: Extract<ServerFrame, { t: T }>) => boolean = () => true,
    ms = 5000,
  ): Promise<Extract<ServerFrame, { t: T }>> {
    const match = (f: ServerFrame) => f.t === t && where(f as Extract<ServerFrame, { t: T }>);
    const seen = this.frames.find(match);
    if (seen) return Promise.resolve(seen as Extract<ServerFrame, { t: T }>);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const seen = this.frames.slice(-5).map((f) => JSON.stringify(f));
        const state = this.closed ? `closed ${this.closed.code}` : 'open';
        reject(new Error(`no ${t} frame within ${ms} ms (${state}; last: ${seen.join(' ')})`));
      }, ms);
      this.waiters.push({
        match,
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f as Extract<ServerFrame, { t: T }>);
        },
      });
    });
  }

  waitClose(ms = 5000): Promise<{ code: number; reason: string }> {
    if (this.closed) return Promise.resolve(this.closed);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`socket still open after ${ms} ms`)), ms);
      this.closeWaiters.push((c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
  }

  close(): void {
    this.ws.close(1000);
  }
}

/**
 * The headers of a WebSocket upgrade, for a plain `fetch` that shows what a server answers
 * before it upgrades (401 for a bad token, 429 past the sockets a principal may hold).
 */
export const upgradeHeaders = {
  connection: 'Upgrade',
  upgrade: 'websocket',
  'sec-websocket-version': '13',
  'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
};
