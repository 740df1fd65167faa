import type { TemplatedApp, WebSocket } from 'uWebSockets.js';
import { CloseCode, limits, SUBPROTOCOL, WS_PATH } from '@flc/protocol';
import type { Gateway, Session } from '../gateway.ts';
import type { Admitted, Connection, SendStatus } from '../types.ts';

interface SocketData {
  /** Until `open` hands it to the gateway (then dropped: 10,000 idle sockets keep no claims). */
  admitted: Admitted | null;
  session?: Session;
  /** uWS frees a closed socket: touching it afterwards throws, so every write checks this. */
  closed: boolean;
}

const statusLine = {
  401: '401 Unauthorized',
  429: '429 Too Many Requests',
} as const;

/** Connections holding frames for this turn's flush, and whether the flush is scheduled. */
let dirty: UwsConnection[] = [];
let flushing = false;

function flushAll(): void {
  flushing = false;
  const batch = dirty;
  dirty = [];
  for (const connection of batch) connection.flush();
}

/**
 * A socket as the gateway writes to it; a class, so every socket of the node shares one
 * prototype instead of carrying closures. Frames are held until the end of the loop's turn
 * (`setImmediate`) and then written corked, one write per socket: a socket's ack and its own
 * message's echo, which arrive from Redis in the same turn, cost one syscall instead of two, and
 * the busier the node, the more each write carries. `bufferedAmount` counts the held frames, so
 * the gateway's slow-socket check sees them.
 */
class UwsConnection implements Connection {
  /** Frames waiting for the flush: none, one, or several in order. */
  private held: string | string[] | null = null;
  private heldBytes = 0;

  constructor(
    private readonly ws: WebSocket<SocketData>,
    private readonly data: SocketData,
  ) {}

  send(frame: string): SendStatus {
    if (this.data.closed) return 'dropped';
    const { held } = this;
    if (held === null) {
      this.held = frame;
      dirty.push(this);
      if (!flushing) {
        flushing = true;
        setImmediate(flushAll);
      }
    } else if (typeof held === 'string') {
      this.held = [held, frame];
    } else {
      held.push(frame);
    }
    this.heldBytes += frame.length;
    return 'buffered';
  }

  /** Writes the held frames now, corked; a socket past uWS's backpressure limit is closed. */
  flush(): void {
    const { held, ws } = this;
    if (held === null) return;
    this.held = null;
    this.heldBytes = 0;
    if (this.data.closed) return;
    let dropped = false;
    ws.cork(() => {
      if (typeof held === 'string') dropped = ws.send(held, false) === 2;
      else for (const frame of held) if (ws.send(frame, false) === 2) dropped = true;
    });
    // The gateway closes slow sockets (4009) long before uWS's backpressure limit drops frames;
    // this is the backstop for frames held within one turn.
    if (dropped && !this.data.closed) ws.cork(() => ws.end(CloseCode.tooSlow, 'too slow'));
  }

  close(code: number, reason?: string): void {
    if (this.data.closed) return;
    // Frames sent before the close (an error explaining it) go out first.
    this.flush();
    const { ws } = this;
    if (!this.data.closed) ws.cork(() => ws.end(code, reason));
  }

  bufferedAmount(): number {
    return this.data.closed ? 0 : this.ws.getBufferedAmount() + this.heldBytes;
  }

  join(channel: string): boolean {
    return !this.data.closed && this.ws.subscribe(channel);
  }

  leave(channel: string): void {
    if (!this.data.closed) this.ws.unsubscribe(channel);
  }
}

/**
 * The gateway on uWebSockets.js (a realtime node). The token is checked synchronously in the
 * upgrade handler; the directory, origin and open budget after the upgrade, before `ready`.
 */
export interface UwsMount {
  app: TemplatedApp;
  /** Sockets open on this app now. */
  readonly sockets: number;
  /** Resolves once every socket has closed (after `gateway.shutdown()`), or after `ms`. */
  drained(ms: number): Promise<void>;
}

export function mountUws(app: TemplatedApp, gateway: Gateway): UwsMount {
  let sockets = 0;
  let onEmpty: (() => void) | undefined;
  gateway.useNativeFanout({
    publish(channel, frame) {
      // Frames held for this turn go first, so every socket keeps the order it was sent in.
      flushAll();
      app.publish(channel, frame, false);
    },
  });
  app.ws<SocketData>(WS_PATH, {
    // uWS drops a connection past maxPayloadLength without a close frame (1006). With headroom
    // the gateway sees an oversized frame and closes with the protocol's 1009 itself.
    maxPayloadLength: 16 * limits.maxFrameBytes,
    idleTimeout: Math.ceil((limits.heartbeatMs * 2.5) / 1000),
    // Past this uWS drops sends; the gateway closes the socket with 4009 well before.
    maxBackpressure: 4 * 1024 * 1024,
    closeOnBackpressureLimit: false,
    sendPingsAutomatically: true,
    upgrade(res, req, context) {
      const token = new URLSearchParams(req.getQuery() ?? '').get('token');
      const key = req.getHeader('sec-websocket-key');
      const protocol = req.getHeader('sec-websocket-protocol').includes(SUBPROTOCOL)
        ? SUBPROTOCOL
        : '';
      const extensions = req.getHeader('sec-websocket-extensions');
      const origin = req.getHeader('origin') || undefined;
      // Decided inside the handler, where uWS writes the answer corked (one write for the 101):
      // an upgrade after an await would be written piece by piece, and is what uWebSockets #1928
      // is about.
      const admission = gateway.admit(token);
      if (!admission.ok) {
        res.writeStatus(statusLine[admission.status]);
        res.writeHeader('content-type', 'application/json');
        res.end(admission.body, true);
        return;
      }
      res.upgrade<SocketData>(
        { admitted: { subject: admission.subject, origin }, closed: false },
        key,
        protocol,
        extensions,
        context,
      );
    },
    open(ws) {
      sockets += 1;
      const data = ws.getUserData();
      const connection = new UwsConnection(ws, data);
      if (data.admitted) data.session = gateway.open(connection, data.admitted);
      data.admitted = null;
      // A socket closed at once (past its principal's cap) says so now, not a turn later.
      connection.flush();
    },
    message(ws, message) {
      const { session } = ws.getUserData();
      // The buffer is only valid during this call: the gateway parses it synchronously.
      if (session) gateway.message(session, new Uint8Array(message));
    },
    close(ws, code) {
      sockets -= 1;
      const data = ws.getUserData();
      data.closed = true;
      if (data.session) gateway.close(data.session, code);
      if (sockets === 0) onEmpty?.();
    },
  });
  return {
    app,
    get sockets() {
      return sockets;
    },
    drained(ms) {
      if (sockets === 0) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          onEmpty = undefined;
          resolve();
        }
        onEmpty = done;
      });
    },
  };
}
