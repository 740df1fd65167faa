import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * PGlite is one session: its socket server hands every wire message of every connection to that
 * one session as it arrives, so two connections' extended-query steps (Parse/Bind/Execute/Sync)
 * interleave and fail ("portal does not exist") or, worse, bind each other's statements. This
 * front serializes whole units instead: a connection holds the session from its first message
 * until the server is ready again and outside a transaction, then the next waiting connection
 * goes. Each client gets its own upstream connection; only the turn-taking is shared.
 */
/** Parse, Bind, Describe, Execute, Close, Flush: steps of a unit that only Sync ends. */
const extendedQuery = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]);

export async function startWireSerializer(
  upstreamPath: string,
  path: string,
): Promise<{ stop(): Promise<void> }> {
  const waiting: Turn[] = [];
  let holder: Turn | null = null;

  const grant = () => {
    while (!holder && waiting.length > 0) {
      const next = waiting.shift();
      if (next && !next.closed) {
        holder = next;
        next.flush();
      }
    }
  };
  const release = (turn: Turn) => {
    if (holder !== turn) return;
    holder = null;
    grant();
  };

  class Turn {
    closed = false;
    /** Client bytes not yet forwarded (they wait for this connection's turn). */
    private queued: Buffer[] = [];
    private clientBuffer: Buffer = Buffer.alloc(0);
    private serverBuffer: Buffer = Buffer.alloc(0);
    private started = false;
    /** ReadyForQuery messages still owed for what was forwarded in this turn. */
    private owed = 0;
    /**
     * An extended-query unit begun and not yet closed by its Sync (a Parse/Describe/Flush waiting
     * for its description, sent after an earlier unit whose ReadyForQuery may come first).
     */
    private openUnit = false;

    constructor(
      private readonly client: Socket,
      private readonly upstream: Socket,
    ) {}

    /** Splits client bytes into whole messages; each is queued and the turn requested. */
    fromClient(chunk: Buffer): void {
      this.clientBuffer = Buffer.concat([this.clientBuffer, chunk]);
      for (;;) {
        const message = this.nextClientMessage();
        if (!message) break;
        this.queued.push(message);
      }
      if (this.queued.length === 0) return;
      if (holder === this) this.flush();
      else if (!waiting.includes(this)) {
        waiting.push(this);
        grant();
      }
    }

    private nextClientMessage(): Buffer | null {
      const b = this.clientBuffer;
      if (!this.started) {
        // The startup packet (and an SSL or GSS request before it) has no type byte.
        if (b.length < 4) return null;
        const length = b.readInt32BE(0);
        if (b.length < length) return null;
        const code = length >= 8 ? b.readInt32BE(4) : 0;
        const isRequest = code === 80877103 || code === 80877104;
        // The server answers an SSL or GSS request with one untyped byte.
        if (isRequest) this.skipServerBytes += 1;
        else {
          this.started = true;
          this.owed += 1; // the handshake ends with ReadyForQuery
        }
        this.clientBuffer = b.subarray(length);
        return b.subarray(0, length);
      }
      if (b.length < 5) return null;
      const length = b.readInt32BE(1) + 1;
      if (b.length < length) return null;
      const type = b[0];
      if (type === 0x53 /* Sync */ || type === 0x51 /* Query */) {
        this.owed += 1;
        this.openUnit = false;
      } else if (extendedQuery.has(type ?? 0)) this.openUnit = true;
      this.clientBuffer = b.subarray(length);
      return b.subarray(0, length);
    }

    /**
     * Forwards what waited. The turn is only ever given back on a ReadyForQuery: a unit whose
     * Sync has not arrived yet (a Parse/Describe/Flush awaiting its description) keeps it.
     */
    flush(): void {
      for (const message of this.queued) this.upstream.write(message);
      this.queued = [];
    }

    private inTransaction = false;
    private skipServerBytes = 0;

    /** Server bytes go straight to the client; ReadyForQuery ends the turn when nothing is owed. */
    fromServer(chunk: Buffer): void {
      this.client.write(chunk);
      this.serverBuffer = Buffer.concat([this.serverBuffer, chunk]);
      const skip = Math.min(this.skipServerBytes, this.serverBuffer.length);
      this.serverBuffer = this.serverBuffer.subarray(skip);
      this.skipServerBytes -= skip;
      for (;;) {
        const b = this.serverBuffer;
        if (b.length < 5) return;
        const length = b.readInt32BE(1) + 1;
        if (b.length < length) return;
        if (b[0] === 0x5a /* ReadyForQuery */) {
          this.owed = Math.max(0, this.owed - 1);
          this.inTransaction = b[5] !== 0x49; /* 'I' idle */
          const idle = this.owed === 0 && !this.inTransaction && !this.openUnit;
          if (idle && this.queued.length === 0) release(this);
        }
        this.serverBuffer = b.subarray(length);
      }
    }

    close(): void {
      if (this.closed) return;
      this.closed = true;
      this.client.destroy();
      this.upstream.destroy();
      const at = waiting.indexOf(this);
      if (at >= 0) waiting.splice(at, 1);
      release(this);
    }
  }

  const turns = new Set<Turn>();
  const server: Server = createServer((client) => {
    const upstream = createConnection(upstreamPath);
    const turn = new Turn(client, upstream);
    turns.add(turn);
    client.on('close', () => turns.delete(turn));
    client.on('data', (chunk: Buffer) => turn.fromClient(chunk));
    upstream.on('data', (chunk: Buffer) => turn.fromServer(chunk));
    for (const socket of [client, upstream]) {
      socket.on('close', () => turn.close());
      socket.on('error', () => turn.close());
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve());
  });
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const turn of turns) turn.close();
      }),
  };
}
