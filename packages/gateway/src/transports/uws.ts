import type { TemplatedApp, WebSocket } from 'uWebSockets.js';
import { limits, SUBPROTOCOL, WS_PATH } from '@flc/protocol';
import type { Gateway, Session } from '../gateway.ts';
import type { Connection, Principal } from '../types.ts';

interface SocketData {
  principal: Principal;
  session?: Session;
  /** uWS frees a closed socket: touching it afterwards throws, so every write checks this. */
  closed: boolean;
}

const unauthorized = JSON.stringify({
  error: { code: 'unauthorized', message: 'Missing, expired or invalid token' },
});

const connection = (ws: WebSocket<SocketData>): Connection => ({
  send(frame) {
    if (ws.getUserData().closed) return 'dropped';
    const status = ws.send(frame, false);
    return status === 1 ? 'sent' : status === 0 ? 'buffered' : 'dropped';
  },
  close(code, reason) {
    if (!ws.getUserData().closed) ws.end(code, reason);
  },
  bufferedAmount: () => (ws.getUserData().closed ? 0 : ws.getBufferedAmount()),
});

/**
 * The gateway on uWebSockets.js (a realtime node). The token is checked before the upgrade;
 * uWS wants every header read synchronously, so they are copied before the await.
 */
export function mountUws(app: TemplatedApp, gateway: Gateway): TemplatedApp {
  return app.ws<SocketData>(WS_PATH, {
    maxPayloadLength: limits.maxFrameBytes,
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
      let aborted = false;
      res.onAborted(() => {
        aborted = true;
      });
      gateway.authenticate(token).then(
        (principal) => {
          if (aborted) return;
          res.cork(() => {
            if (!principal) {
              res
                .writeStatus('401 Unauthorized')
                .writeHeader('content-type', 'application/json')
                .end(unauthorized);
              return;
            }
            res.upgrade<SocketData>(
              { principal, closed: false },
              key,
              protocol,
              extensions,
              context,
            );
          });
        },
        (error: unknown) => {
          console.error('[realtime] authentication failed:', error);
          if (!aborted) res.cork(() => res.writeStatus('500 Internal Server Error').end());
        },
      );
    },
    open(ws) {
      const data = ws.getUserData();
      data.session = gateway.open(connection(ws), data.principal);
    },
    message(ws, message) {
      const { session } = ws.getUserData();
      // The buffer is only valid during this call: the gateway parses it synchronously.
      if (session) gateway.message(session, new Uint8Array(message));
    },
    close(ws) {
      const data = ws.getUserData();
      data.closed = true;
      if (data.session) gateway.close(data.session);
    },
  });
}
