import { logger } from '@flc/log';
import type { Queryable } from './database.ts';

/** The tables whose plans depend most on fresh statistics (search's GIN index, inbox lists). */
export const analyzedTables = ['messages', 'conversations', 'contacts'] as const;

/** A table is analyzed again once it grew by this fraction since its last ANALYZE. */
const GROWTH = 0.2;
/** ...and by at least this many pages, so tiny tables are not analyzed at every write. */
const MIN_PAGES = 8;

/**
 * ANALYZEs the tables that grew by a fifth since their last ANALYZE (or never had one), by
 * comparing their size on disk with the pages ANALYZE last saw (`relpages`); a file size is
 * cheap to read. Answers the tables analyzed. For a database without autovacuum (PGlite): without
 * statistics the planner reads a full table rather than the search index.
 */
export async function analyzeGrown(
  sql: Queryable,
  tables: readonly string[] = analyzedTables,
): Promise<string[]> {
  const rows = await sql<{ relname: string; relpages: number; pages: number }[]>`
    select c.relname, c.relpages,
           (pg_relation_size(c.oid) / current_setting('block_size')::int)::int as pages
    from pg_class c
    where c.relname = any(${tables as string[]}::text[]) and c.relkind = 'r'
      and c.relnamespace = 'public'::regnamespace`;
  const grown = rows.filter(
    (r) => r.relpages <= 0 || r.pages > r.relpages * (1 + GROWTH) + MIN_PAGES,
  );
  for (const r of grown) await sql.unsafe(`analyze ${r.relname}`);
  return grown.map((r) => r.relname);
}

export interface StatisticsKeeper {
  stop(): Promise<void>;
}

/** Runs `analyzeGrown` now and every `intervalMs` (one run at a time) until stopped. */
export function keepStatistics(sql: Queryable, intervalMs = 30_000): StatisticsKeeper {
  let running = analyzeGrown(sql).catch(report);
  const timer = setInterval(() => {
    running = running.then(() => analyzeGrown(sql)).catch(report);
  }, intervalMs);
  timer.unref?.();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

function report(error: unknown) {
  logger('storage').error({ err: error }, 'analyze failed');
  return [];
}
