export { Gateway, type Session } from './gateway.ts';
export { configuredLimits, type PlatformDeps, platformGatewayDeps } from './platform.ts';
export {
  type Connection,
  defaultLimits,
  type GatewayDeps,
  type GatewayLimits,
  type GatewayMetrics,
  type Principal,
  type SendInput,
  type SendStatus,
} from './types.ts';
