export {
  type BusinessHoursHarness,
  describeBusinessHoursStore,
  sampleHours,
} from './business-hours-suite.ts';
export {
  createTestDatabase,
  type DatabaseTarget,
  pgliteTarget,
  postgresTarget,
  type TestDatabase,
} from './databases.ts';
export { describeMessageSearch, type MessageSearchHarness } from './message-search-suite.ts';
export { describeMessageStore, type MessageStoreHarness } from './message-store-suite.ts';
export { type MongoTestDatabase, mongoTarget } from './mongo.ts';
export {
  awaitFailover,
  awaitHealthy,
  clusterNodes,
  flushCluster,
  formatAddress,
  killNode,
  masterOf,
  masters,
  migrateSlot,
  type NodeAddress,
  reviveNode,
} from './redis-cluster.ts';
export {
  clusterRedis,
  dropKeys,
  freshPrefix,
  killClients,
  type RedisTestServer,
  redisTestServers,
  singleRedis,
} from './redis-servers.ts';
export {
  type NodeRuntime,
  nodeRuntimes,
  type Service,
  serviceUrl,
  serviceVariables,
  toolPath,
} from './services.ts';
export { type SeededTeam, seedContacts, seedTeam } from './team-rows.ts';
export { type SeededConversation, seedConversation, seedWebhook } from './tenant-rows.ts';
