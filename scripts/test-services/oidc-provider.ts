/**
 * A real OpenID Provider for the SSO suites: panva's certified `oidc-provider` on a loopback
 * port (`bun scripts/test-services/oidc-provider.ts <port>`), with the test client and users of
 * `@flc/testkit/oidc`. Sign-in goes through the provider's own development login and consent
 * forms, whose login field takes a user's login (the password field is not checked).
 */
import { OIDC_CALLBACK_PATH, oidcTestClient, oidcUserByLogin } from '@flc/testkit/oidc';
import Provider from 'oidc-provider';

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0) {
  console.error('usage: bun scripts/test-services/oidc-provider.ts <port>');
  process.exit(2);
}
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: oidcTestClient.clientId,
      client_secret: oidcTestClient.clientSecret,
      redirect_uris: [`http://localhost${OIDC_CALLBACK_PATH}`],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  async findAccount(_ctx, id) {
    const user = oidcUserByLogin(id);
    if (!user) return undefined;
    return {
      accountId: id,
      claims: () => ({
        sub: id,
        email: user.email,
        email_verified: user.emailVerified,
        name: user.name,
      }),
    };
  },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  pkce: { required: () => true },
  cookies: { keys: [crypto.randomUUID()] },
  features: { devInteractions: { enabled: true } },
});

// Test servers listen on any free port: every loopback redirect URI with the callback path is
// the test client's.
const redirectUriAllowed = provider.Client.prototype.redirectUriAllowed;
provider.Client.prototype.redirectUriAllowed = function allowed(this: unknown, value: string) {
  try {
    const url = new URL(value);
    if (
      url.protocol === 'http:' &&
      ['localhost', '127.0.0.1'].includes(url.hostname) &&
      url.pathname === OIDC_CALLBACK_PATH &&
      !url.search &&
      !url.hash
    ) {
      return true;
    }
  } catch {
    return false;
  }
  return redirectUriAllowed.call(this, value);
};

provider.listen(port, '127.0.0.1');
console.log(`oidc-provider listening at ${issuer}`);
