/**
 * A load generator process (Bun): holds its share of the sockets, connects them, sends at a
 * given rate, and measures send→deliver latency for the messages of its own rooms (both members
 * of a room live in the same process, so sender and receiver read the same clock). In the tenant
 * scenario it holds a share of the visitors and of the agents: it counts what every one of its
 * agents hears from every visitor, and times what they hear from its own visitors (same clock).
 * Driven by the orchestrator over IPC; see ../messages.ts.
 */
import type { ClientEvent, ClientPlan, Command, ConnectReport, PhaseReport } from '../messages.ts';
import { type Hooks, newPeer, type Peer, protocols } from './protocols.ts';

const CONNECT_TIMEOUT_MS = 60_000;
const TICK_MS = 1;
/** Churn: how long a socket is left quiet before it is closed, so what was sent to it arrives. */
const CHURN_QUIET_MS = 250;

const planFile = process.argv[2];
if (!planFile) throw new Error('usage: client.ts <plan.json>');
const plan = (await Bun.file(planFile).json()) as ClientPlan;
const protocol = protocols[plan.protocol];
const padding = 'x'.repeat(plan.bodyPadding);
const peers: Peer[] = plan.sockets.map((spec) => newPeer(spec, protocol, padding));
const tenant = plan.scenario === 'tenant';
const visitorPeers = tenant ? peers.filter((p) => p.spec.role === 'v') : [];
const agentPeers = tenant ? peers.filter((p) => p.spec.role === 'a') : [];
/** Tenant scenario: 1 for the visitors held here (their events are timed), by visitor index. */
const localVisitor = new Uint8Array(tenant ? (plan.visitors ?? 0) : 0);
for (const peer of visitorPeers) localVisitor[peer.spec.index ?? 0] = 1;
for (const peer of agentPeers) peer.seen = new Int32Array(plan.visitors ?? 0);

const emit = (event: ClientEvent) => process.send?.(event);
const now = () => performance.timeOrigin + performance.now();

// What the current phase has seen; reset when a phase starts.
let phase = -1;
let delivered = 0;
let latencies = new Float64Array(1024);
let errors: Record<string, number> = {};
let closed = 0;
let inboxEvents = 0;
let reconnected = 0;
/** Tenant scenario: resolves the phase's wait for `drain` with the messages each agent is due. */
let onDrain: (phase: number, perAgent: number) => void = () => {};

function record(ms: number): void {
  if (delivered === latencies.length) {
    const grown = new Float64Array(latencies.length * 2);
    grown.set(latencies);
    latencies = grown;
  }
  latencies[delivered++] = ms;
}
/**
 * While connecting or subscribing: called once per socket when it got there or failed (error
 * frame, close, refusal). Outside those steps it does nothing.
 */
let settle: (peer: Peer, failure?: string) => void = () => {};

const hooks: Hooks = {
  ready(peer) {
    if (peer.ready) return;
    peer.ready = true;
    if (peer.churning) {
      if (protocol.subscribe) protocol.subscribe(peer);
      else back(peer);
      return;
    }
    settle(peer);
  },
  subscribed(peer) {
    if (peer.subscribed) return;
    peer.subscribed = true;
    if (peer.churning) back(peer);
    else settle(peer);
  },
  delivered(from, ts) {
    if (from !== phase) return; // a straggler of an earlier phase
    record(now() - ts);
  },
  inbox(peer, from, visitor, n, ts) {
    if (from !== phase) return;
    inboxEvents++;
    const seen = peer.seen;
    const before = seen?.[visitor];
    if (!seen || before === undefined || n <= before) return; // nothing new for this agent
    // One event may stand for several messages (docs/PROTOCOL.md): it covers 1…n.
    peer.covered += n - before;
    seen[visitor] = n;
    // Timed when the visitor lives here (same clock): its n-th message's first inbox event.
    if (localVisitor[visitor] === 1) record(now() - ts);
  },
  error(code, peer) {
    errors[code] = (errors[code] ?? 0) + 1;
    if (peer) settle(peer, code);
  },
};

function open(peer: Peer): void {
  const ws = protocol.subprotocol
    ? new WebSocket(protocol.url(peer.spec), protocol.subprotocol)
    : new WebSocket(protocol.url(peer.spec));
  peer.ws = ws;
  ws.onopen = () => protocol.onOpen(peer, hooks);
  ws.onmessage = (event) => protocol.onFrame(peer, event.data as string, hooks);
  ws.onclose = (event) => {
    const churned = peer.churning && event.code === 1000;
    if (peer.ready && !churned) closed++;
    peer.ready = false;
    peer.subscribed = false;
    peer.ws = null;
    if (churned) {
      open(peer); // the reconnect: `ready`, then `subscribe` again, then back()
      return;
    }
    peer.churning = false;
    hooks.error(`closed_${event.code}`);
    settle(peer, `closed ${event.code} ${event.reason}`.trim());
  };
}

/** A reconnected socket is back in its room: messages flow to and from it again. */
function back(peer: Peer): void {
  peer.churning = false;
  reconnected++;
}

/** Visitors (the even sockets of the rooms) in turn, for churn. */
const churnable = peers.filter((p) => p.spec.role === 'v');
let churnCursor = 0;

/**
 * Churn: starts reconnecting the next visitor that is up. It is left quiet for a moment (no
 * sends to or from it) so that what is on its way arrives, then closed and opened again; it
 * subscribes again after the last message it had, so what came too late is not lost.
 */
function churnOne(): boolean {
  for (let tries = 0; tries < churnable.length; tries++) {
    const peer = churnable[churnCursor] as Peer;
    churnCursor = (churnCursor + 1) % churnable.length;
    if (!peer.ready || peer.churning || !peer.ws) continue;
    peer.churning = true;
    const ws = peer.ws;
    setTimeout(() => ws.close(1000), CHURN_QUIET_MS);
    return true;
  }
  return false;
}

/**
 * Runs `start` on each of `items`, at most `connectWindow` unsettled at once, and resolves when
 * every one settled (or after the time limit) with the count that succeeded.
 */
function windowed(items: Peer[], start: (peer: Peer) => void): Promise<ConnectReport> {
  const started = performance.now();
  const reasons = new Set<string>();
  const pending = new Set<Peer>();
  let next = 0;
  let ok = 0;
  return new Promise((resolve) => {
    const finish = (extra?: string) => {
      clearTimeout(timer);
      settle = () => {};
      if (extra) reasons.add(extra);
      const ms = Math.round(performance.now() - started);
      resolve({ ms, ok, failed: items.length - ok, reasons: [...reasons] });
    };
    const timer = setTimeout(
      () => finish(`timeout after ${CONNECT_TIMEOUT_MS} ms`),
      CONNECT_TIMEOUT_MS,
    );
    const launch = () => {
      while (next < items.length && pending.size < plan.connectWindow) {
        const peer = items[next++] as Peer;
        pending.add(peer);
        start(peer);
      }
      if (pending.size === 0) finish();
    };
    settle = (peer, failure) => {
      if (!pending.delete(peer)) return; // settled already
      if (failure === undefined) ok++;
      else if (reasons.size < 5) reasons.add(failure);
      launch();
    };
    launch();
  });
}

/** Opens every socket; one is there when ready (the product: its `ready` frame, authenticated). */
const connectAll = () => windowed(peers, open);

/**
 * The product only: `subscribe` every ready socket to its conversation. In the tenant scenario
 * only the visitors subscribe (a widget follows its conversation); an agent socket follows the
 * organization's inbox from `ready` on.
 */
const subscribeAll = () =>
  windowed(
    peers.filter((p) => p.ready && !(tenant && p.spec.role === 'a')),
    (peer) => protocol.subscribe?.(peer),
  );

/** Tenant scenario: starts counting `id`'s inbox events (before any process sends). */
function prepareTenantPhase(id: number): void {
  phase = id;
  delivered = 0;
  inboxEvents = 0;
  errors = {};
  closed = 0;
  for (const peer of agentPeers) {
    peer.seen?.fill(0);
    peer.covered = 0;
  }
  for (const peer of visitorPeers) peer.phaseSends = 0;
}

/**
 * Tenant scenario: sends `rate` messages a second for `seconds`, round-robin over this process's
 * visitors, says `sent`, and once the orchestrator answers with what every agent is due (the
 * sends of all processes) waits up to `drainSeconds` for each agent here to have heard of all.
 */
async function runTenantPhase(
  id: number,
  rate: number,
  seconds: number,
  drainSeconds: number,
): Promise<PhaseReport> {
  if (phase !== id) prepareTenantPhase(id);
  const frame = protocol.tenantFrame;
  if (!frame) throw new Error(`the tenant scenario needs the product's protocol`);
  const total = Math.round(rate * seconds);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let sent = 0;
  let skipped = 0;
  let cursor = 0;
  const due = new Promise<number>((resolve) => {
    onDrain = (p, perAgent) => p === id && resolve(perAgent);
  });
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const owed = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * rate));
      if (owed > sent + skipped) {
        const ts = now().toFixed(3);
        while (sent + skipped < owed) {
          const peer = visitorPeers[cursor] as Peer;
          cursor = (cursor + 1) % visitorPeers.length;
          if (!peer.ws || !peer.ready) {
            skipped++;
            continue;
          }
          peer.ws.send(frame(peer, id, ts));
          sent++;
        }
      }
      if (sent + skipped >= total || visitorPeers.length === 0) {
        clearInterval(timer);
        resolve();
      }
    }, TICK_MS);
  });
  const sendSeconds = (performance.now() - t0) / 1000;
  emit({ ev: 'sent', phase: id, sent, skipped });
  const perAgent = await due;
  const drainMs = await drain(() => agentPeers.some((p) => p.covered < perAgent), drainSeconds);
  const used = process.cpuUsage(cpu0);
  const wall = (performance.now() - t0) / 1000;
  const report: PhaseReport = {
    ev: 'phase',
    phase: id,
    sent,
    skipped,
    delivered: agentPeers.reduce((n, p) => n + p.covered, 0),
    latencies: Array.from(latencies.subarray(0, delivered)),
    sendSeconds,
    drainMs,
    cpu: Math.round(((used.user + used.system) / 1e6 / wall) * 100),
    errors,
    closed,
    inboxEvents,
    perAgent: agentPeers.map((p) => p.covered),
  };
  phase = -1;
  return report;
}

/**
 * Sends `rate` messages a second for `seconds`, round-robin over the sockets, then waits up to
 * `drainSeconds` for the deliveries. Each tick stamps its batch once; frames are templates.
 */
async function runPhase(
  id: number,
  rate: number,
  seconds: number,
  drainSeconds: number,
): Promise<PhaseReport> {
  phase = id;
  delivered = 0;
  errors = {};
  closed = 0;
  reconnected = 0;
  const total = Math.round(rate * seconds);
  if (latencies.length < total) latencies = new Float64Array(total);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let sent = 0;
  let skipped = 0;
  let churned = 0;
  let reconnects = 0;
  let cursor = 0;
  const churn = plan.churn ?? 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = (performance.now() - t0) / 1000;
      while (reconnects < Math.floor(elapsed * churn) && churnOne()) reconnects++;
      const due = Math.min(total, Math.floor(elapsed * rate));
      if (due > sent + skipped + churned) {
        const ts = now().toFixed(3);
        while (sent + skipped + churned < due) {
          const peer = peers[cursor] as Peer;
          // Sockets come in pairs (visitor 2k, agent 2k + 1): the mate is the other one.
          const mate = peers[cursor ^ 1];
          cursor = (cursor + 1) % peers.length;
          if (peer.churning || mate?.churning) {
            churned++;
            continue;
          }
          // A message whose sender or receiver is gone cannot arrive: counted as skipped.
          if (!peer.ws || !peer.ready || !mate?.ready) {
            skipped++;
            continue;
          }
          peer.ws.send(protocol.frame(peer, id, ts));
          sent++;
        }
      }
      if (sent + skipped + churned >= total) {
        clearInterval(timer);
        resolve();
      }
    }, TICK_MS);
  });
  const sendSeconds = (performance.now() - t0) / 1000;
  const drainMs = await drain(() => delivered < sent, drainSeconds);
  const used = process.cpuUsage(cpu0);
  const wall = (performance.now() - t0) / 1000;
  const report: PhaseReport = {
    ev: 'phase',
    phase: id,
    sent,
    skipped,
    ...(churn > 0 ? { churned, reconnects, reconnected } : {}),
    delivered,
    latencies: Array.from(latencies.subarray(0, delivered)),
    sendSeconds,
    drainMs,
    cpu: Math.round(((used.user + used.system) / 1e6 / wall) * 100),
    errors,
    closed,
  };
  phase = -1; // later arrivals of this phase are stragglers
  return report;
}

process.on('message', async (message: Command) => {
  try {
    switch (message.cmd) {
      case 'connect':
        emit({ ev: 'connected', ...(await connectAll()) });
        break;
      case 'subscribe':
        emit({ ev: 'subscribed', ...(await subscribeAll()) });
        break;
      case 'prepare':
        prepareTenantPhase(message.phase);
        emit({ ev: 'prepared', phase: message.phase });
        break;
      case 'run': {
        const run = tenant ? runTenantPhase : runPhase;
        emit(await run(message.phase, message.rate, message.seconds, message.drainSeconds));
        break;
      }
      case 'drain':
        onDrain(message.phase, message.perAgent);
        break;
      case 'close':
        for (const peer of peers) peer.ws?.close(1000);
        process.exit(0);
    }
  } catch (error) {
    emit({
      ev: 'fatal',
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
});
emit({ ev: 'hello' });

/**
 * Waits for the phase's last deliveries, at most `seconds`: the milliseconds it waited. Polled,
 * since what is awaited is a count over many sockets.
 */
async function drain(behind: () => boolean, seconds: number): Promise<number> {
  const start = performance.now();
  const limit = start + seconds * 1000;
  while (behind() && performance.now() < limit) await Bun.sleep(20);
  return Math.round(performance.now() - start);
}
