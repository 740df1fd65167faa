import { isPrivateHost } from '@flc/core';
import * as oidc from 'openid-client';

/**
 * An issuer must be a public https address, as webhook targets must be public: the server
 * fetches it. An operator with an identity provider on an internal network allows private ones
 * (and plain http there) with FLC_OIDC_ALLOW_PRIVATE_ISSUERS.
 */

const DISCOVERY_TIMEOUT_SECONDS = 10;

export type IssuerCheck = { ok: true; url: URL } | { ok: false; message: string };

export function checkIssuer(raw: string, allowPrivate: boolean): IssuerCheck {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, message: 'Expected an absolute https URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, message: 'Expected an https URL' };
  }
  if (url.search || url.hash || url.username || url.password) {
    return { ok: false, message: 'An issuer has no query, fragment or credentials' };
  }
  const isPrivate = isPrivateHost(url.hostname);
  if (isPrivate && !allowPrivate) {
    return {
      ok: false,
      message:
        'The host is loopback, private or link-local; set FLC_OIDC_ALLOW_PRIVATE_ISSUERS to allow it',
    };
  }
  if (url.protocol === 'http:' && !isPrivate) {
    return { ok: false, message: 'Expected an https URL (plain http only for a private issuer)' };
  }
  return { ok: true, url };
}

export interface ClientCredentials {
  issuer: URL;
  clientId: string;
  clientSecret: string;
}

/** The issuer's discovery document, as openid-client's configuration of our client there. */
export function discover(credentials: ClientCredentials): Promise<oidc.Configuration> {
  return oidc.discovery(
    credentials.issuer,
    credentials.clientId,
    undefined,
    oidc.ClientSecretBasic(credentials.clientSecret),
    {
      // Only a private issuer (allowed by the operator, see checkIssuer) can be plain http.
      execute: credentials.issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
      timeout: DISCOVERY_TIMEOUT_SECONDS,
    },
  );
}

/** Why discovery failed, in words an owner can act on; never a body or a secret. */
export function discoveryFailure(error: unknown): string {
  if (error instanceof oidc.ClientError) {
    switch (error.code) {
      case 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED':
        return 'The discovery document names another issuer than this URL';
      case 'OAUTH_RESPONSE_IS_NOT_CONFORM':
      case 'OAUTH_RESPONSE_IS_NOT_JSON':
      case 'OAUTH_PARSE_ERROR':
      case 'OAUTH_INVALID_RESPONSE':
        return 'The issuer did not answer with an OpenID Connect discovery document';
    }
  }
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `The issuer did not answer within ${DISCOVERY_TIMEOUT_SECONDS} seconds`;
  }
  return 'The issuer could not be reached';
}
