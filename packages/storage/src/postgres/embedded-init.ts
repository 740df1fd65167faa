/**
 * Creates the embedded database under a data directory (PGlite's initdb) and applies the
 * migrations, then exits: `embedded-init.ts <data directory> [shared buffers MiB]`. The process
 * that serves the database runs this as a child on a first start, because initdb's WebAssembly
 * instance peaks near a gigabyte and a long-running process would keep part of that high-water
 * mark (and of the first migrations') as resident memory for good.
 */
import { openDatabase } from './database.ts';
import { migrate } from './migrate.ts';

const [dataDir, buffers] = process.argv.slice(2);
if (!dataDir) {
  console.error('usage: embedded-init.ts <data directory> [shared buffers MiB]');
  process.exit(2);
}
const db = await openDatabase({
  dataDir,
  createHere: true,
  ...(buffers ? { sharedBuffersMb: Number(buffers) } : {}),
});
try {
  await migrate(db.sql);
} finally {
  await db.close();
}
