import { join } from 'node:path';
import { freePort, runServer, type ServiceSpec, tempDir } from './server.ts';

/** Answers true once the provider serves its discovery document. */
async function discoveryServed(issuer: string): Promise<boolean> {
  try {
    const res = await fetch(`${issuer}/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(1_000),
    });
    return res.ok && (await res.json()).issuer === issuer;
  } catch {
    return false;
  }
}

/** The OpenID Provider of the SSO suites (oidc-provider, an npm package: `bun install` has it). */
export const oidcProvider: ServiceSpec = {
  variable: 'TEST_OIDC_ISSUER',
  label: 'OpenID Provider',
  async start(teardown) {
    const dir = tempDir(teardown, 'oidc');
    const port = freePort();
    const issuer = `http://127.0.0.1:${port}`;
    await runServer(teardown, {
      label: 'OpenID Provider',
      command: [process.execPath, join(import.meta.dir, 'oidc-provider.ts'), String(port)],
      dir,
      stopSignal: 'SIGTERM',
      ready: () => discoveryServed(issuer),
    });
    return issuer;
  },
};
