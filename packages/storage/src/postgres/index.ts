export {
  type Database,
  type JsonValue,
  type OpenOptions,
  openDatabase,
  type Sql,
  type TransactionSql,
} from './database.ts';
export { PostgresMessageStore } from './message-store.ts';
export { type Migration, migrate } from './migrate.ts';
export { migrations } from './migrations/index.ts';
