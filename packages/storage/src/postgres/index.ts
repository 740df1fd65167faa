export {
  type Database,
  type OpenOptions,
  openDatabase,
  type Sql,
  type TransactionSql,
} from './database.ts';
export { type Migration, migrate } from './migrate.ts';
export { migrations } from './migrations/index.ts';
