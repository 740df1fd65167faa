export { describeProtocol, type ProtocolTarget } from './protocol-suite.ts';
export { signToken, tokenClaims } from './tokens.ts';
