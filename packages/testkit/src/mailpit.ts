import { serviceUrl } from '@flc/storage/testing';

/** The SMTP server of `bun run test` (Mailpit) and the HTTP API that shows what it received. */
export interface TestMailServer {
  smtpUrl: string;
  api: string;
}

/** A received message as Mailpit's API shows it (the fields the suites read). */
export interface ReceivedMail {
  ID: string;
  From: { Name: string; Address: string };
  To: { Name: string; Address: string }[];
  Subject: string;
  Text: string;
  HTML: string;
}

interface Summary {
  ID: string;
  To: { Address: string }[] | null;
}

/** Mailpit from `TEST_SMTP_URL` and `TEST_MAILPIT_API`; undefined (suites skip) outside CI. */
export function testMailServer(): TestMailServer | undefined {
  const smtpUrl = serviceUrl('smtp');
  const api = smtpUrl && serviceUrl('mailpit');
  return smtpUrl && api ? { smtpUrl, api } : undefined;
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`Mailpit answered ${res.status} to ${url}`);
  return (await res.json()) as T;
}

/** Every message received for `to`, oldest first. */
export async function mailsTo(api: string, to: string): Promise<Summary[]> {
  const query = encodeURIComponent(`to:"${to}"`);
  const found = await getJson<{ messages: Summary[] }>(
    `${api}/api/v1/search?query=${query}&limit=1000`,
  );
  // The search matches words; only exact recipients count.
  return found.messages
    .filter((m) => m.To?.some((r) => r.Address.toLowerCase() === to.toLowerCase()))
    .reverse();
}

export const readMail = (api: string, id: string) =>
  getJson<ReceivedMail>(`${api}/api/v1/message/${id}`);

/** Every header of a received message, by canonical name (`Message-Id`, `Reply-To`, …). */
export const mailHeaders = (api: string, id: string) =>
  getJson<Record<string, string[]>>(`${api}/api/v1/message/${id}/headers`);

/**
 * The `nth` message (0: the first) received for `to`, once it is there: Mailpit announces each
 * message it takes on its event socket, so this waits for that event, not on a timer.
 */
export async function awaitMail(
  api: string,
  to: string,
  nth = 0,
  timeoutMs = 15_000,
): Promise<ReceivedMail> {
  const socket = new WebSocket(`${api.replace(/^http/, 'ws')}/api/events`);
  try {
    const { promise: arrived, resolve } = Promise.withResolvers<void>();
    socket.addEventListener('message', (event) => {
      const data = JSON.parse(String(event.data)) as { Type?: string };
      if (data.Type === 'new') resolve();
    });
    await new Promise<void>((opened, failed) => {
      socket.addEventListener('open', () => opened());
      socket.addEventListener('error', () => failed(new Error('Mailpit event socket failed')));
    });
    const deadline = performance.now() + timeoutMs;
    let next = arrived;
    // Listening first, then looking: a message taken in between is still seen.
    for (;;) {
      const mails = await mailsTo(api, to);
      const mail = mails[nth];
      if (mail) return await readMail(api, mail.ID);
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`no mail #${nth + 1} for ${to} within ${timeoutMs} ms`);
      let timer: Timer | undefined;
      const timedOut = new Promise<void>((done) => {
        timer = setTimeout(done, left);
      });
      await Promise.race([next, timedOut]);
      clearTimeout(timer);
      // Any new message may be ours: look again, then wait for the one after it.
      const { promise, resolve: again } = Promise.withResolvers<void>();
      next = promise;
      socket.addEventListener('message', () => again(), { once: true });
    }
  } finally {
    socket.close();
  }
}

/** The test Redis (`TEST_REDIS_URL`), for suites that start the platform on it beside Mailpit. */
export const testRedisUrl = (): string | undefined => serviceUrl('redis');
