/**
 * The OpenID Provider the SSO suites sign in at (`scripts/test-services/oidc-provider.ts`, started
 * by `bun run test` as `TEST_OIDC_ISSUER`): its one registered client and its users. The provider
 * takes any loopback redirect URI ending in `/v1/auth/oidc/callback` for this client, so a test
 * server on any port can use it.
 */

export const oidcTestClient = {
  clientId: 'flc-test-console',
  clientSecret: 'flc-test-client-secret-that-is-long-enough',
} as const;

export interface OidcTestUser {
  /** What is typed into the provider's login form; also the user's `sub`. */
  login: string;
  email: string;
  emailVerified: boolean;
  name: string;
}

const user = (login: string, emailVerified = true): OidcTestUser => ({
  login,
  email: `${login}@sso.example.com`,
  emailVerified,
  name: login.replace(/^./, (c) => c.toUpperCase()),
});

/** Each suite gives these emails to the agents it needs (its database is its own). */
export const oidcTestUsers = {
  /** Matches an active agent of the organization signing in. */
  agent: user('alice'),
  /** Verified, but no agent has this email. */
  stranger: user('stranger'),
  /** The provider says this email is not verified. */
  unverified: user('unverified', false),
  /** Made an agent of another organization. */
  outsider: user('olivia'),
  /** Made a disabled agent. */
  disabled: user('dora'),
  /** Made an agent for the browser suite. */
  browser: user('bruno'),
} satisfies Record<string, OidcTestUser>;

export const oidcUserByLogin = (login: string): OidcTestUser | undefined =>
  Object.values(oidcTestUsers).find((u) => u.login === login);

export const OIDC_CALLBACK_PATH = '/v1/auth/oidc/callback';

/** Cookies of one host, by path, as a browser keeps them (enough for the provider's forms). */
class CookieJar {
  private readonly cookies = new Map<string, { value: string; path: string }>();

  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((p) => p.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const attr = (key: string) =>
        attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
      const path = attr('path') ?? '/';
      const expires = attr('expires');
      const gone =
        attr('max-age') === '0' || (expires !== undefined && Date.parse(expires) < Date.now());
      if (gone || value === '') this.cookies.delete(`${path} ${name}`);
      else this.cookies.set(`${path} ${name}`, { value, path });
    }
  }

  header(url: URL): string {
    return [...this.cookies.entries()]
      .filter(
        ([, c]) =>
          url.pathname === c.path ||
          url.pathname.startsWith(`${c.path.replace(/\/$/, '')}/`) ||
          c.path === '/',
      )
      .map(([key, c]) => `${key.slice(key.indexOf(' ') + 1)}=${c.value}`)
      .join('; ');
  }
}

const formAction = (html: string) => /<form[^>]*action="([^"]+)"/.exec(html)?.[1];

/**
 * Goes through the provider's login and consent forms as `user` would, from the authorization
 * URL our API redirected to, and returns the URL the provider sends the browser back to (our
 * callback with `code` and `state`, or `error`). `deny` cancels at the consent form instead.
 */
export async function signInAtProvider(
  authorizationUrl: string,
  user: OidcTestUser | { login: string },
  options: { deny?: boolean } = {},
): Promise<URL> {
  const jar = new CookieJar();
  let url = new URL(authorizationUrl);
  let form: URLSearchParams | undefined;
  for (let step = 0; step < 20; step++) {
    const init: RequestInit = { redirect: 'manual', headers: { cookie: jar.header(url) } };
    if (form) {
      init.method = 'POST';
      init.body = form;
      init.headers = { ...init.headers, 'content-type': 'application/x-www-form-urlencoded' };
    }
    const res = await fetch(url, init);
    jar.take(res);
    form = undefined;
    const location = res.headers.get('location');
    if (location) {
      const next = new URL(location, url);
      if (next.pathname === OIDC_CALLBACK_PATH) return next;
      url = next;
      continue;
    }
    const html = await res.text();
    if (res.status !== 200) throw new Error(`provider answered ${res.status} at ${url}: ${html}`);
    const action = formAction(html);
    if (!action) throw new Error(`no form at ${url}: ${html}`);
    if (html.includes('name="login"')) {
      form = new URLSearchParams({ prompt: 'login', login: user.login, password: 'any' });
      url = new URL(action, url);
    } else if (options.deny) {
      const cancel = /<a href="([^"]+)">\[ Cancel \]/.exec(html)?.[1];
      if (!cancel) throw new Error(`no cancel link at ${url}`);
      url = new URL(cancel.replaceAll('&amp;', '&'), url);
    } else {
      form = new URLSearchParams({ prompt: 'consent' });
      url = new URL(action, url);
    }
  }
  throw new Error('the provider did not send the browser back within 20 steps');
}
