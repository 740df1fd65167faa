import {
  type AvailabilityHours,
  availabilityOf,
  availabilityTopic,
  type Bus,
  type Unsubscribe,
} from '@flc/core';
import { logger } from '@flc/log';
import type { Session } from './session.ts';

const log = logger('gateway');

/** Where a node reads what availability is made of (the same reads as the widget boot). */
export interface AvailabilitySource {
  hours(organizationId: string, environmentId: string): Promise<AvailabilityHours | null>;
  anyOnline(organizationId: string): Promise<boolean>;
}

interface Environment {
  readonly sessions: Set<Session>;
  /** Undefined until first read. */
  hours: AvailabilityHours | null | undefined;
  /** The last frame of this environment's sockets: after the first, only changes go. */
  last: string | undefined;
}

interface Organization {
  readonly environments: Map<string, Environment>;
  online: boolean;
  unsubscribe: Promise<Unsubscribe | null>;
  /** Reads run one after another, so an older answer never lands after a newer one. */
  reading: Promise<void>;
}

export interface VisitorAvailabilityOptions {
  bus: Bus;
  source: AvailabilitySource;
  sendRaw(session: Session, frame: string): void;
  now?: () => Date;
}

/**
 * Tells a node's visitor sockets when whether anyone can answer changes, in the boot's
 * `availability` shape: the state on joining, then every change. The node follows the availability topic of each organization it holds
 * visitors of (signalled when an agent's presence changes or business hours are saved) and reads
 * the organization's presence and its environments' hours again then; business hours starting
 * or ending are caught by a check at every minute's turn (hours are kept to the minute), from
 * what the node read last, without a query. Each environment's frame is made once and sent to
 * its sockets only when it differs from the last one.
 */
export class VisitorAvailability {
  private readonly organizations = new Map<string, Organization>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly now: () => Date;

  constructor(private readonly o: VisitorAvailabilityOptions) {
    this.now = o.now ?? (() => new Date());
  }

  /** A visitor socket is ready: it gets the changes of its environment from now on. */
  join(session: Session): void {
    const { organizationId, environmentId } = session.principal;
    if (environmentId === undefined) return;
    let org = this.organizations.get(organizationId);
    if (!org) {
      org = {
        environments: new Map(),
        online: false,
        reading: Promise.resolve(),
        unsubscribe: Promise.resolve(null),
      };
      this.organizations.set(organizationId, org);
      org.unsubscribe = this.follow(organizationId);
    }
    let env = org.environments.get(environmentId);
    if (!env) {
      env = { sessions: new Set(), hours: undefined, last: undefined };
      org.environments.set(environmentId, env);
      this.read(organizationId);
    }
    env.sessions.add(session);
    // The state now, from what the node knows (or once it has read it, below): a socket that
    // was closed for a while may have missed a change since the boot.
    if (env.last !== undefined) this.o.sendRaw(session, env.last);
    this.schedule();
  }

  /** A socket closed; the last of an organization's stops the node following it. */
  leave(session: Session): void {
    const { organizationId, environmentId } = session.principal;
    const org = this.organizations.get(organizationId);
    const env = environmentId === undefined ? undefined : org?.environments.get(environmentId);
    if (!org || !env?.sessions.delete(session)) return;
    if (env.sessions.size > 0) return;
    org.environments.delete(environmentId as string);
    if (org.environments.size > 0) return;
    this.organizations.delete(organizationId);
    void org.unsubscribe.then((unsubscribe) => unsubscribe?.());
    if (this.organizations.size === 0) this.stop();
  }

  /** Checks every environment against the clock (an hours boundary); what the timer runs. */
  tick(): void {
    for (const org of this.organizations.values()) this.publish(org);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Resolves once the reads under way are done (tests). */
  async settled(): Promise<void> {
    await Promise.all([...this.organizations.values()].map((org) => org.reading));
  }

  private follow(organizationId: string): Promise<Unsubscribe | null> {
    // A signal, or a reset (signals may have been lost): read again either way.
    return this.o.bus
      .subscribe(availabilityTopic(organizationId), () => this.read(organizationId))
      .catch((error: unknown) => {
        log.error({ err: error, organizationId }, 'following availability failed');
        return null;
      });
  }

  private read(organizationId: string): void {
    const org = this.organizations.get(organizationId);
    if (!org) return;
    org.reading = org.reading
      .then(async () => {
        const ids = [...org.environments.keys()];
        const [online, ...hours] = await Promise.all([
          this.o.source.anyOnline(organizationId),
          ...ids.map((id) => this.o.source.hours(organizationId, id)),
        ]);
        org.online = online;
        ids.forEach((id, i) => {
          const env = org.environments.get(id);
          if (env) env.hours = hours[i] ?? null;
        });
        this.publish(org);
      })
      .catch((error: unknown) => {
        log.error({ err: error, organizationId }, 'reading availability failed');
      });
  }

  private publish(org: Organization): void {
    const now = this.now();
    for (const env of org.environments.values()) {
      if (env.hours === undefined) continue;
      const availability = availabilityOf(env.hours, org.online, now);
      const frame = JSON.stringify({ t: 'availability', availability });
      if (frame === env.last) continue;
      env.last = frame;
      for (const session of env.sessions) this.o.sendRaw(session, frame);
    }
  }

  /** The next check, just after the minute turns. */
  private schedule(): void {
    if (this.timer !== undefined) return;
    const ms = 60_000 - (Date.now() % 60_000) + 50;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.tick();
      if (this.organizations.size > 0) this.schedule();
    }, ms);
    this.timer.unref?.();
  }
}
