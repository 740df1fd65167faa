import type { TemplatedApp, WebSocket } from 'uWebSockets.js';
import { limits, SUBPROTOCOL, WS_PATH } from '@flc/protocol';
import type { Gateway, Session } from '../gateway.ts';
import type { Connection, Principal, SendStatus } from '../types.ts';

interface SocketData {
  principal: Principal;
  session?: Session;
  /** uWS frees a closed socket: touching it afterwards throws, so every write checks this. */
  closed: boolean;
}

const statusLine = { 401: '401 Unauthorized', 403: '403 Forbidden' } as const;

/**
 * A socket as the gateway writes to it; a class, so every socket of the node shares one
 * prototype instead of carrying closures. Most writes come from outside uWS's callbacks (bus
 * events, awaited work): each is corked and flushed at once, as uWS asks, so no socket holds the
 * loop's cork between callbacks.
 */
class UwsConnection implements Connection {
  constructor(private readonly ws: WebSocket<SocketData>) {}

  send(frame: string): SendStatus {
    const { ws } = this;
    if (ws.getUserData().closed) return 'dropped';
    let status = 2;
    ws.cork(() => {
      status = ws.send(frame, false);
    });
    return status === 1 ? 'sent' : status === 0 ? 'buffered' : 'dropped';
  }

  close(code: number, reason?: string): void {
    const { ws } = this;
    if (!ws.getUserData().closed) ws.cork(() => ws.end(code, reason));
  }

  bufferedAmount(): number {
    return this.ws.getUserData().closed ? 0 : this.ws.getBufferedAmount();
  }
}

/**
 * The gateway on uWebSockets.js (a realtime node). The token is checked before the upgrade;
 * uWS wants every header read synchronously, so they are copied before the await.
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
      let aborted = false;
      res.onAborted(() => {
        aborted = true;
      });
      gateway.admit(token, origin).then(
        (admission) => {
          if (aborted) return;
          if (!admission.ok) {
            res.cork(() =>
              res
                .writeStatus(statusLine[admission.status])
                .writeHeader('content-type', 'application/json')
                .end(admission.body, true),
            );
            return;
          }
          // Not inside res.cork: when the upgraded socket keeps its address, uWS's cork wrapper
          // reads the WebSocket's memory as HTTP response state after the handler and may shut
          // the fresh socket down right after its 101 (seen as 1006 by clients).
          res.upgrade<SocketData>(
            { principal: admission.principal, closed: false },
            key,
            protocol,
            extensions,
            context,
          );
        },
        (error: unknown) => {
          console.error('[realtime] authentication failed:', error);
          if (!aborted) res.cork(() => res.writeStatus('500 Internal Server Error').end());
        },
      );
    },
    open(ws) {
      sockets += 1;
      const data = ws.getUserData();
      data.session = gateway.open(new UwsConnection(ws), data.principal);
    },
    message(ws, message) {
      const { session } = ws.getUserData();
      // The buffer is only valid during this call: the gateway parses it synchronously.
      if (session) gateway.message(session, new Uint8Array(message));
    },
    close(ws) {
      sockets -= 1;
      const data = ws.getUserData();
      data.closed = true;
      if (data.session) gateway.close(data.session);
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
