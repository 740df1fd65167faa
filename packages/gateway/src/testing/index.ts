export { TestClient } from './client.ts';
export { type Started, startProcess } from './process.ts';
export { describeProtocol, type ProtocolTarget } from './protocol-suite.ts';
export { type ChatTenant, chatTenant, restClient } from './tenant.ts';
export { signToken, tokenClaims } from './tokens.ts';
