// Fixtures shared by the suites of several apps and packages; a fixture one suite alone needs
// stays beside it.

// The test services' own: a loopback port nobody listens on right now.
export { freePort } from '../../../scripts/test-services/server.ts';
export {
  boot,
  bootVisitor,
  type ChatTenant,
  chatTenant,
  createWebhook,
  memberHash,
  type Owner,
  openConversation,
  signUp,
  type Visitor,
  visitorSays,
} from './chat-tenant.ts';
export { eventually } from './eventually.ts';
export { pixelPng, uploadFile } from './files.ts';
export {
  awaitMail,
  mailHeaders,
  mailsTo,
  type ReceivedMail,
  readMail,
  type TestMailServer,
  testMailServer,
  testRedisUrl,
} from './mailpit.ts';
export { numberedAppends } from './numbered-appends.ts';
export { testOidcIssuer } from './oidc-issuer.ts';
export { type Restartable, restartable, type Started, startProcess } from './process.ts';
export { bearer, type Reply, type Rest, restClient } from './rest.ts';
export { type KillRun, sendThroughKill } from './send-through-kill.ts';
export { type FreshDatabase, freshDatabase, type SqlTenant, seedTenant } from './sql-tenant.ts';
export { persisted, storedCount } from './stored.ts';
export { TestClient, upgradeHeaders } from './test-client.ts';
export { type WatchedConversations, watchedConversations } from './watched-conversations.ts';
