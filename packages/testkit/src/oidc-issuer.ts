import { serviceUrl } from '@flc/storage/testing';

/**
 * The issuer of the test OpenID Provider (`TEST_OIDC_ISSUER`, started by `bun run test`), or
 * undefined to skip the SSO suites; under CI=true a missing provider throws instead.
 */
export const testOidcIssuer = (): string | undefined => serviceUrl('oidc');
