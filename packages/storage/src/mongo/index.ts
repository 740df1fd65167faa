export { type BusinessHoursDocument, MongoBusinessHoursStore } from './business-hours-store.ts';
export {
  type MessageDocument,
  MongoMessageStore,
  messageIndexes,
} from './message-store.ts';
export {
  databaseFromUrl,
  defaultDatabase,
  type MongoMessageStoreHandle,
  type MongoOpenOptions,
  openMongoMessageStore,
} from './open.ts';
