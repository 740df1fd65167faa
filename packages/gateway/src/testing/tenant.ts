/** A REST caller for black-box tests against a running platform. */
export function restClient(baseUrl: () => string) {
  return async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
    // biome-ignore lint/suspicious/noExplicitAny: tests assert on loosely typed JSON replies
  ): Promise<{ status: number; body: any }> => {
    const res = await fetch(`${baseUrl()}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // 204 and the like have no body.
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
}

export interface ChatTenant {
  agentToken: string;
  visitorToken: string;
  agentAuth: Record<string, string>;
  visitorAuth: Record<string, string>;
  environmentId: string;
  pluginKey: string;
}

/** A new organization with an environment and one booted anonymous visitor, all through REST. */
export async function chatTenant(
  call: ReturnType<typeof restClient>,
  name: string,
): Promise<ChatTenant> {
  const signup = await call('POST', '/v1/auth/signup', {
    organizationName: name,
    name: 'Ann',
    email: `ann-${crypto.randomUUID()}@example.com`,
    password: 'a long enough password',
  });
  if (signup.status !== 201)
    throw new Error(`signup: ${signup.status} ${JSON.stringify(signup.body)}`);
  const agentToken: string = signup.body.accessToken;
  const agentAuth = { authorization: `Bearer ${agentToken}` };
  const env = await call('POST', '/v1/environments', { name: 'Production' }, agentAuth);
  const boot = await call('POST', '/v1/widget/boot', {}, { 'x-plugin-key': env.body.pluginKey });
  if (boot.status !== 200) throw new Error(`boot: ${boot.status} ${JSON.stringify(boot.body)}`);
  const visitorToken: string = boot.body.sessionToken;
  return {
    agentToken,
    visitorToken,
    agentAuth,
    visitorAuth: { authorization: `Bearer ${visitorToken}` },
    environmentId: env.body.id,
    pluginKey: env.body.pluginKey,
  };
}
