import { SUBPROTOCOL } from '@flc/protocol';
import type { ProtocolName, SocketSpec } from '../messages.ts';

/** One socket of the load generator. */
export interface Peer {
  readonly spec: SocketSpec;
  ws: WebSocket | null;
  ready: boolean;
  subscribed: boolean;
  /** Being reconnected on purpose (soak churn): no sends to or from it until it is back. */
  churning: boolean;
  /** The product: the highest `seq` of its room's messages it received (it resumes after it). */
  lastSeq: number;
  /** The parts of every send frame that never change, built once. */
  head: string;
  mid: string;
  tail: string;
  sends: number;
  /** Tenant scenario, a visitor: messages sent this phase (the `n` its bodies carry). */
  phaseSends: number;
  /**
   * Tenant scenario, an agent: per visitor, the highest `n` of this phase its inbox events
   * carried, and their sum (the messages covered).
   */
  seen: Int32Array | null;
  covered: number;
}

/** What a protocol reports back to the load generator. */
export interface Hooks {
  ready(peer: Peer): void;
  subscribed(peer: Peer): void;
  /** A message from the other member of the room (own echoes are not reported). */
  delivered(phase: number, ts: number): void;
  /**
   * Tenant scenario: an inbox `conversation` event at an agent socket whose last message is
   * visitor `visitor`'s `n`-th of `phase`, sent at `ts`.
   */
  inbox(peer: Peer, phase: number, visitor: number, n: number, ts: number): void;
  /** An error frame (with the socket it came on, when the protocol knows it). */
  error(code: string, peer?: Peer): void;
}

/**
 * How a load generator speaks to one target: the socket's URL, the handshake, and the one
 * message frame. Every target carries the same fields: the sending phase, the sender's role and
 * a send timestamp (performance.timeOrigin + performance.now(), in ms).
 */
export interface Protocol {
  url(spec: SocketSpec): string;
  subprotocol?: string;
  /** The product needs a `subscribe` after `ready`; the others join their room at connect. */
  subscribe?(peer: Peer): void;
  onOpen(peer: Peer, hooks: Hooks): void;
  onFrame(peer: Peer, data: string, hooks: Hooks): void;
  parts(spec: SocketSpec, padding: string): Pick<Peer, 'head' | 'mid' | 'tail'>;
  frame(peer: Peer, phase: number, ts: string): string;
  /**
   * Tenant scenario (the product only): a visitor's send whose body also says which visitor it
   * is and its count in the phase, which the inbox event's `lastMessage.body` carries back.
   */
  tenantFrame?(peer: Peer, phase: number, ts: string): string;
}

/** The product's protocol v1 (docs/PROTOCOL.md). */
const flc: Protocol = {
  url: (spec) => spec.url,
  subprotocol: SUBPROTOCOL,
  subscribe(peer) {
    // Again after a reconnect: from the last message it had, as a client resumes.
    const after = peer.lastSeq > 0 ? `,"afterSeq":${peer.lastSeq}` : '';
    peer.ws?.send(`{"t":"subscribe","conversationId":"${peer.spec.room}"${after}}`);
  },
  onOpen() {},
  onFrame(peer, data, hooks) {
    // Only the frame's start is read to tell types apart: no JSON.parse on the hot path.
    if (data.startsWith('{"t":"message"')) {
      const seqAt = data.indexOf('"seq":') + 6;
      const seq = Number.parseInt(data.slice(seqAt, seqAt + 11), 10);
      if (seq > peer.lastSeq) peer.lastSeq = seq;
      const at = data.indexOf('"body":"') + 8;
      const roleAt = data.indexOf(':', at) + 1;
      if (data.charCodeAt(roleAt) === peer.spec.role.charCodeAt(0)) return; // own echo
      const tsEnd = data.indexOf(':', roleAt + 2);
      hooks.delivered(Number(data.slice(at, roleAt - 1)), Number(data.slice(roleAt + 2, tsEnd)));
    } else if (data.startsWith('{"t":"conversation"')) {
      // lastMessage.body, when there is a last message: <phase>:v:<ts>:<visitor>:<n>:<padding>
      const body = data.indexOf('"body":"');
      if (body < 0) return;
      const at = body + 8;
      const roleAt = data.indexOf(':', at) + 1;
      const tsAt = roleAt + 2;
      const visitorAt = data.indexOf(':', tsAt) + 1;
      const nAt = data.indexOf(':', visitorAt) + 1;
      const nEnd = data.indexOf(':', nAt);
      if (visitorAt === 0 || nAt === 0 || nEnd < 0) return; // not a bench body
      hooks.inbox(
        peer,
        Number(data.slice(at, roleAt - 1)),
        Number(data.slice(visitorAt, nAt - 1)),
        Number(data.slice(nAt, nEnd)),
        Number(data.slice(tsAt, visitorAt - 1)),
      );
    } else if (data.startsWith('{"t":"ready"')) {
      hooks.ready(peer);
    } else if (data.startsWith('{"t":"subscribed"')) {
      hooks.subscribed(peer);
    } else if (data.startsWith('{"t":"error"')) {
      hooks.error(/"code":"([^"]+)"/.exec(data)?.[1] ?? 'unknown', peer);
    }
  },
  parts: (spec, padding) => ({
    head: `{"t":"send","conversationId":"${spec.room}","cid":"${spec.role}`,
    mid: `:${spec.role}:`,
    tail: `:${padding}"}`,
  }),
  // cid is the role and a per-socket counter (unique within the conversation); body is
  // <phase>:<role>:<ts>:<padding>.
  frame: (p, phase, ts) => `${p.head}${p.sends++}","body":"${phase}${p.mid}${ts}${p.tail}`,
  // body is <phase>:v:<ts>:<visitor>:<n>:<padding>
  tenantFrame: (p, phase, ts) =>
    `${p.head}${p.sends++}","body":"${phase}${p.mid}${ts}:${p.spec.index}:${++p.phaseSends}${p.tail}`,
};

/** `{room, ts, body}` as one JSON text frame; the receiver reads `ts` and the body's head. */
function readPlain(peer: Peer, data: string, from: number, hooks: Hooks): void {
  const tsAt = data.indexOf('"ts":', from) + 5;
  const bodyAt = data.indexOf('"body":"', tsAt) + 8;
  const roleAt = data.indexOf(':', bodyAt) + 1;
  if (data.charCodeAt(roleAt) === peer.spec.role.charCodeAt(0)) return; // own echo
  hooks.delivered(Number(data.slice(bodyAt, roleAt - 1)), Number(data.slice(tsAt, bodyAt - 9)));
}

const plainParts = (spec: SocketSpec, padding: string, close = '') => ({
  head: `${close ? '42["m",' : ''}{"room":"${spec.room}","ts":`,
  mid: `:${spec.role}:${padding}"}${close}`,
  tail: '',
});
// body is <phase>:<role>:<padding>
const plainFrame = (p: Peer, phase: number, ts: string) =>
  `${p.head}${ts},"body":"${phase}${p.mid}`;

/** The bare uWebSockets.js + Redis Streams pipeline: the room is in the query string. */
const bare: Protocol = {
  url: (spec) => `${spec.url}?room=${spec.room}`,
  onOpen(peer, hooks) {
    hooks.ready(peer);
  },
  onFrame(peer, data, hooks) {
    readPlain(peer, data, 0, hooks);
  },
  parts: (spec, padding) => plainParts(spec, padding),
  frame: plainFrame,
};

/**
 * Socket.IO 4 spoken directly (Engine.IO v4 over a WebSocket, no polling): `0{…}` open, `40`
 * namespace connect, `2`/`3` ping/pong, `42["m",{…}]` events. Its own client library would only
 * add client-side cost, which the bench keeps out of the measurement.
 */
const socketio: Protocol = {
  url: (spec) => `${spec.url}/socket.io/?EIO=4&transport=websocket&room=${spec.room}`,
  onOpen() {},
  onFrame(peer, data, hooks) {
    const kind = data.charCodeAt(0);
    if (kind === 52 /* '4' */ && data.charCodeAt(1) === 50 /* '2' */) {
      readPlain(peer, data, 2, hooks);
    } else if (kind === 50 /* '2' */) {
      peer.ws?.send('3');
    } else if (kind === 48 /* '0' */) {
      peer.ws?.send('40');
    } else if (data.startsWith('40')) {
      hooks.ready(peer);
    } else if (data.startsWith('44')) {
      hooks.error('connect_error', peer);
    }
  },
  parts: (spec, padding) => plainParts(spec, padding, ']'),
  frame: plainFrame,
};

/** The subscribe command's id: its reply means the socket is in its room. */
const SUBSCRIBED_ID = 2;

/**
 * Centrifugo's JSON client protocol (v2), spoken directly: `connect` with the token and
 * `subscribe` to `room:<room>` go out together at open; the subscribe reply makes the socket
 * ready; a publish is a `publish` command, delivered as a `push` with the publication's data. The
 * server may put several replies and pushes in one frame, one per line, and pings with `{}`, which
 * is answered with `{}`.
 */
const centrifugo: Protocol = {
  url: (spec) => spec.url,
  onOpen(peer) {
    peer.ws?.send(
      `{"id":1,"connect":{"token":"${peer.spec.token}"}}\n` +
        `{"id":${SUBSCRIBED_ID},"subscribe":{"channel":"room:${peer.spec.room}"}}`,
    );
  },
  onFrame(peer, data, hooks) {
    let from = 0;
    while (from < data.length) {
      const end = data.indexOf('\n', from);
      const line = end < 0 ? data.slice(from) : data.slice(from, end);
      from = end < 0 ? data.length : end + 1;
      if (line.startsWith('{"push":')) readPlain(peer, line, 8, hooks);
      else if (line === '{}') peer.ws?.send('{}');
      else if (line.includes('"error":')) {
        hooks.error(/"code":(\d+)/.exec(line)?.[1] ?? 'unknown', peer);
      } else if (line.startsWith(`{"id":${SUBSCRIBED_ID},`)) hooks.ready(peer);
    }
  },
  // data: {room, ts, body} like the other plain targets; the command id counts the socket's sends.
  parts: (spec, padding) => ({
    head: '{"id":',
    mid: `,"publish":{"channel":"room:${spec.room}","data":{"room":"${spec.room}","ts":`,
    tail: `:${spec.role}:${padding}"}}}`,
  }),
  frame: (p, phase, ts) => `${p.head}${p.sends++ + 10}${p.mid}${ts},"body":"${phase}${p.tail}`,
};

export const protocols: Record<ProtocolName, Protocol> = { flc, bare, socketio, centrifugo };

export function newPeer(spec: SocketSpec, protocol: Protocol, padding: string): Peer {
  return {
    spec,
    ws: null,
    ready: false,
    subscribed: false,
    churning: false,
    lastSeq: 0,
    sends: 0,
    phaseSends: 0,
    seen: null,
    covered: 0,
    ...protocol.parts(spec, padding),
  };
}
