const PROBE_TIMEOUT_MS = 1_000;

/**
 * Sends `request` to a loopback port and resolves with the first bytes of the answer, or null
 * when nothing listens yet, the connection drops, or no answer comes in time.
 */
export function exchange(port: number, request: Uint8Array): Promise<Uint8Array | null> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (answer: Uint8Array | null, socket?: { end(): void }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket?.end();
      resolve(answer);
    };
    const timer = setTimeout(() => finish(null), PROBE_TIMEOUT_MS);
    Bun.connect({
      hostname: '127.0.0.1',
      port,
      socket: {
        open: (socket) => void socket.write(request),
        data: (socket, data) => finish(new Uint8Array(data), socket),
        close: () => finish(null),
        error: () => finish(null),
        connectError: () => finish(null),
      },
    }).catch(() => finish(null));
  });
}

/** Redis answers PING with +PONG once it serves commands. */
export async function redisPing(port: number): Promise<boolean> {
  const answer = await exchange(port, new TextEncoder().encode('PING\r\n'));
  return answer !== null && new TextDecoder().decode(answer).startsWith('+PONG');
}

/**
 * Sends an inline command and returns the reply's lines, or null when the server does not answer.
 * Only the first read is kept: enough for the short replies of INFO and CLUSTER INFO/NODES.
 */
export async function redisLines(port: number, command: string): Promise<string[] | null> {
  const answer = await exchange(port, new TextEncoder().encode(`${command}\r\n`));
  return answer === null ? null : new TextDecoder().decode(answer).split(/\r?\n/);
}

/** The `field:value` lines of a reply such as INFO's or CLUSTER INFO's. */
export async function redisFields(
  port: number,
  command: string,
): Promise<Map<string, string> | null> {
  const lines = await redisLines(port, command);
  if (lines === null) return null;
  const fields = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1));
  }
  return fields;
}

const OP_MSG = 2013;

/** A MongoDB-wire server answers `{hello: 1}` with an OP_MSG once it serves commands. */
export async function mongoHello(port: number): Promise<boolean> {
  const answer = await exchange(port, helloMessage());
  if (answer === null || answer.byteLength < 16) return false;
  return new DataView(answer.buffer, answer.byteOffset).getInt32(12, true) === OP_MSG;
}

/** OP_MSG carrying the BSON document {hello: 1, $db: "admin"} (little-endian throughout). */
function helloMessage(): Uint8Array {
  const utf8 = new TextEncoder();
  const cstring = (s: string) => [...utf8.encode(s), 0];
  const int32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >> 24) & 0xff];
  const elements = [
    0x10, // int32 element
    ...cstring('hello'),
    ...int32(1),
    0x02, // string element: int32 length (with the NUL), bytes, NUL
    ...cstring('$db'),
    ...int32(6),
    ...cstring('admin'),
  ];
  const document = [...int32(4 + elements.length + 1), ...elements, 0];
  const body = [...int32(0), 0 /* section kind 0: body */, ...document]; // flagBits, section
  const header = [...int32(16 + body.length), ...int32(1), ...int32(0), ...int32(OP_MSG)];
  return new Uint8Array([...header, ...body]);
}

/** An HTTP GET that answers 2xx in time. */
export async function httpOk(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}
