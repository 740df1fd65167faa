/** One room of the product: an organization whose one agent talks with its one visitor. */
export interface SeededRoom {
  agentToken: string;
  visitorToken: string;
  conversationId: string;
}

export interface Seeded {
  rooms: SeededRoom[];
  ms: number;
}

const PASSWORD = 'bench password, long enough';

/**
 * Seeds `rooms` rooms through the public REST API, as a tenant would: a signup per room (an
 * organization and its owner agent), an environment, a widget boot (the visitor's session token)
 * and one conversation per visitor. One organization per room keeps each agent's inbox to its
 * own conversation, so an agent socket gets that room's traffic and nothing else.
 */
export async function seedRooms(
  baseUrl: string,
  rooms: number,
  concurrency: number,
  runId: string,
  onProgress?: (done: number) => void,
): Promise<Seeded> {
  const started = performance.now();
  const out: SeededRoom[] = new Array(rooms);
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (let i = next++; i < rooms; i = next++) {
      out[i] = await seedRoom(baseUrl, i, runId);
      done++;
      if (done % 500 === 0) onProgress?.(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, rooms) }, worker));
  return { rooms: out, ms: Math.round(performance.now() - started) };
}

async function seedRoom(baseUrl: string, i: number, runId: string): Promise<SeededRoom> {
  const call = async <T>(path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`seeding room ${i}: POST ${path} → ${res.status} ${text}`);
    return JSON.parse(text) as T;
  };
  const signup = await call<{ accessToken: string }>('/v1/auth/signup', {
    organizationName: `Bench ${i}`,
    name: `Agent ${i}`,
    email: `agent-${i}-${runId}@bench.example.com`,
    password: PASSWORD,
  });
  const agent = { authorization: `Bearer ${signup.accessToken}` };
  const env = await call<{ pluginKey: string }>('/v1/environments', { name: 'Bench' }, agent);
  const boot = await call<{ sessionToken: string }>(
    '/v1/widget/boot',
    { profile: { name: `Visitor ${i}` } },
    { 'x-plugin-key': env.pluginKey },
  );
  const visitor = { authorization: `Bearer ${boot.sessionToken}` };
  const conversation = await call<{ id: string }>('/v1/widget/conversations', {}, visitor);
  return {
    agentToken: signup.accessToken,
    visitorToken: boot.sessionToken,
    conversationId: conversation.id,
  };
}
