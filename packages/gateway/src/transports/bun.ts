import { limits, SUBPROTOCOL, WS_PATH } from '@flc/protocol';
import type { Server, ServerWebSocket, WebSocketHandler } from 'bun';
import type { Gateway, Session } from '../gateway.ts';
import type { Admitted, Connection, SendStatus } from '../types.ts';

interface SocketData {
  /** Until `open` hands it to the gateway (then dropped: idle sockets keep no claims). */
  admitted: Admitted | null;
  session?: Session;
}

export interface BunTransport {
  /**
   * Answers `/v1/ws` upgrades, decided synchronously (401 before the upgrade without a valid
   * token): undefined once upgraded, else the refusal; null for other paths.
   */
  upgrade(request: Request, server: Server<SocketData>): Response | undefined | null;
  websocket: WebSocketHandler<SocketData>;
}

/** A socket as the gateway writes to it; a class, so sockets share one prototype. */
class BunConnection implements Connection {
  constructor(private readonly ws: ServerWebSocket<SocketData>) {}

  send(frame: string): SendStatus {
    const n = this.ws.send(frame);
    return n > 0 ? 'sent' : n === -1 ? 'buffered' : 'dropped';
  }

  close(code: number, reason?: string): void {
    this.ws.close(code, reason);
  }

  bufferedAmount(): number {
    return this.ws.getBufferedAmount();
  }

  join(channel: string): boolean {
    if (this.ws.readyState !== 1) return false;
    this.ws.subscribe(channel);
    return true;
  }

  leave(channel: string): void {
    if (this.ws.readyState === 1) this.ws.unsubscribe(channel);
  }
}

/** The gateway on Bun.serve: the standalone profile's WebSocket, on the same port as the API. */
export function bunTransport(gateway: Gateway): BunTransport {
  let publisher: Server<SocketData> | undefined;
  return {
    upgrade(request, server) {
      if (!publisher) {
        // Sockets join channels only once upgraded, so the first upgrade sets the publisher.
        publisher = server;
        gateway.useNativeFanout({
          publish: (channel, frame) => void server.publish(channel, frame),
        });
      }
      const url = new URL(request.url);
      if (url.pathname !== WS_PATH) return null;
      const admission = gateway.admit(url.searchParams.get('token'));
      if (!admission.ok) {
        return new Response(admission.body, {
          status: admission.status,
          headers: { 'content-type': 'application/json' },
        });
      }
      const admitted: Admitted = {
        subject: admission.subject,
        origin: request.headers.get('origin') ?? undefined,
      };
      const wantsProtocol = request.headers.get('sec-websocket-protocol')?.includes(SUBPROTOCOL);
      const headers = wantsProtocol ? { 'Sec-WebSocket-Protocol': SUBPROTOCOL } : undefined;
      if (server.upgrade(request, { data: { admitted }, headers })) return undefined;
      return Response.json(
        { error: { code: 'bad_request', message: 'Expected a WebSocket upgrade' } },
        { status: 400 },
      );
    },
    websocket: {
      maxPayloadLength: limits.maxFrameBytes,
      idleTimeout: Math.ceil((limits.heartbeatMs * 2.5) / 1000),
      perMessageDeflate: false,
      // The gateway watches buffered bytes itself and closes slow sockets with 4009.
      closeOnBackpressureLimit: false,
      open(ws) {
        if (ws.data.admitted)
          ws.data.session = gateway.open(new BunConnection(ws), ws.data.admitted);
        ws.data.admitted = null;
      },
      message(ws, data) {
        if (ws.data.session) gateway.message(ws.data.session, data);
      },
      close(ws, code) {
        if (ws.data.session) gateway.close(ws.data.session, code);
      },
    },
  };
}
