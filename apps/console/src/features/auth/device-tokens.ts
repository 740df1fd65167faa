/**
 * The device tokens this browser got from its logins, one per email (the most recent few). Sent
 * with the next login to that email, a token makes its failed logins count apart from the IP's
 * and the email's, so strangers cannot lock this browser's owner out. A token is no credential
 * by itself: it opens nothing without the password.
 */
const KEY = 'flc.console.devices';
const KEEP = 5;

type Stored = Record<string, string>;

export class DeviceTokens {
  constructor(private readonly storage: Pick<Storage, 'getItem' | 'setItem'>) {}

  get(email: string): string | undefined {
    return this.read()[normalize(email)];
  }

  set(email: string, token: string): void {
    const rest = Object.entries(this.read()).filter(([e]) => e !== normalize(email));
    const kept = [...rest.slice(-(KEEP - 1)), [normalize(email), token]];
    this.storage.setItem(KEY, JSON.stringify(Object.fromEntries(kept)));
  }

  private read(): Stored {
    try {
      const parsed: unknown = JSON.parse(this.storage.getItem(KEY) ?? '{}');
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
      return Object.fromEntries(
        Object.entries(parsed).filter(
          (entry): entry is [string, string] => typeof entry[1] === 'string',
        ),
      );
    } catch {
      return {}; // unreadable: as if none, the next login writes a fresh one
    }
  }
}

const normalize = (email: string) => email.trim().toLowerCase();

export const deviceTokens = () => new DeviceTokens(localStorage);
