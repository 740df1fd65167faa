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
export { type Started, startProcess } from './process.ts';
export { bearer, type Reply, type Rest, restClient } from './rest.ts';
export { type FreshDatabase, freshDatabase, type SqlTenant, seedTenant } from './sql-tenant.ts';
export { TestClient, upgradeHeaders } from './test-client.ts';
