/** One room of the product: an organization whose one agent talks with its one visitor. */
export interface SeededRoom {
  agentToken: string;
  visitorToken: string;
  conversationId: string;
}

/** One visitor of the tenant scenario: its session token and its one conversation. */
export interface SeededVisitor {
  token: string;
  conversationId: string;
}

/** The tenant scenario's one organization: its agents' access tokens and its visitors. */
export interface SeededTenant {
  agentTokens: string[];
  visitors: SeededVisitor[];
}

export interface Seeded {
  /** The rooms scenario's rooms (empty when a tenant was seeded). */
  rooms: SeededRoom[];
  /** The tenant scenario's organization. */
  tenant?: SeededTenant;
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

/** A POST to the API that answers JSON; `what` names the step in the error. */
function poster(baseUrl: string, what: string) {
  return async <T>(path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`seeding ${what}: POST ${path} → ${res.status} ${text}`);
    return JSON.parse(text) as T;
  };
}

/** Runs `job(i)` for i in [0, count), `concurrency` at a time; `onDone` after each. */
async function inParallel(
  count: number,
  concurrency: number,
  job: (i: number) => Promise<void>,
  onDone?: (done: number) => void,
): Promise<void> {
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      await job(i);
      onDone?.(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/**
 * Seeds the tenant scenario's one organization through the public REST API, as a tenant would:
 * a signup (the organization and its owner, agent 0), an environment, then `agents − 1` agents
 * invited by the owner (`POST /v1/agents`) who accept (`POST /v1/auth/accept-invite`, their own
 * access token each), and `visitors` widget boots with one conversation each.
 */
export async function seedTenant(
  baseUrl: string,
  agents: number,
  visitors: number,
  concurrency: number,
  runId: string,
  onProgress?: (what: string, done: number) => void,
): Promise<Seeded> {
  const started = performance.now();
  const call = poster(baseUrl, 'the tenant');
  const signup = await call<{ accessToken: string }>('/v1/auth/signup', {
    organizationName: 'Bench tenant',
    name: 'Agent 0',
    email: `tenant-agent-0-${runId}@bench.example.com`,
    password: PASSWORD,
  });
  const owner = { authorization: `Bearer ${signup.accessToken}` };
  const env = await call<{ pluginKey: string }>('/v1/environments', { name: 'Bench' }, owner);
  const agentTokens: string[] = new Array(agents);
  agentTokens[0] = signup.accessToken;
  await inParallel(
    agents - 1,
    concurrency,
    async (k) => {
      const i = k + 1;
      const invitation = await call<{ inviteToken: string }>(
        '/v1/agents',
        {
          email: `tenant-agent-${i}-${runId}@bench.example.com`,
          name: `Agent ${i}`,
          role: 'agent',
        },
        owner,
      );
      const session = await call<{ accessToken: string }>('/v1/auth/accept-invite', {
        token: invitation.inviteToken,
        password: PASSWORD,
      });
      agentTokens[i] = session.accessToken;
    },
    (done) => done % 100 === 0 && onProgress?.('agents', done + 1),
  );
  const seededVisitors: SeededVisitor[] = new Array(visitors);
  await inParallel(
    visitors,
    concurrency,
    async (i) => {
      const boot = await call<{ sessionToken: string }>(
        '/v1/widget/boot',
        { profile: { name: `Visitor ${i}` } },
        { 'x-plugin-key': env.pluginKey },
      );
      const conversation = await call<{ id: string }>(
        '/v1/widget/conversations',
        {},
        { authorization: `Bearer ${boot.sessionToken}` },
      );
      seededVisitors[i] = { token: boot.sessionToken, conversationId: conversation.id };
    },
    (done) => done % 500 === 0 && onProgress?.('visitors', done),
  );
  return {
    rooms: [],
    tenant: { agentTokens, visitors: seededVisitors },
    ms: Math.round(performance.now() - started),
  };
}

async function seedRoom(baseUrl: string, i: number, runId: string): Promise<SeededRoom> {
  const call = poster(baseUrl, `room ${i}`);
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
