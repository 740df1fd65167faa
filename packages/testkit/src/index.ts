// Fixtures shared by the suites of several apps and packages; a fixture one suite alone needs
// stays beside it.
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
export {
  awaitMail,
  mailsTo,
  type ReceivedMail,
  readMail,
  type TestMailServer,
  testMailServer,
} from './mailpit.ts';
export { numberedAppends, numberedAppends } from './numbered-appends.ts';
export { testOidcIssuer } from './oidc-issuer.ts';
export {
  type Restartable,
  type Restartable,
  restartable,
  restartable,
  type Started,
  type Started,
  startProcess,
  startProcess,
} from './process.ts';
export {
  bearer,
  bearer,
  type Reply,
  type Reply,
  type Rest,
  type Rest,
  restClient,
  restClient,
} from './rest.ts';
export {
  type KillRun,
  type KillRun,
  sendThroughKill,
  sendThroughKill,
} from './send-through-kill.ts';
export {
  type FreshDatabase,
  type FreshDatabase,
  freshDatabase,
  freshDatabase,
  type SqlTenant,
  type SqlTenant,
  seedTenant,
  seedTenant,
} from './sql-tenant.ts';
export { persisted, persisted, storedCount, storedCount } from './stored.ts';
export { TestClient, TestClient, upgradeHeaders, upgradeHeaders } from './test-client.ts';
export {
  type WatchedConversations,
  type WatchedConversations,
  watchedConversations,
  watchedConversations,
} from './watched-conversations.ts';
