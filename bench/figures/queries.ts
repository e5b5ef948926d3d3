// Figures 2 and 3 on the archive store (1,000,000 posts in the 20 bench columns, filed by their
// rules): the newest 100 posts of a column, and archive search, each through core.dispatch as the
// renderer asks for them (input validation, the query, rows → posts, quoted posts attached).
// Ceiling: the same SQL through a prepared statement, rows only. The Cases column figure is case-list.ts.
import { createCore, type Core } from '../../src/main/core/core';
import { MemoryPreferenceStore, MemorySecretStore } from '../../src/main/core/ports';
import { toFtsQuery } from '../../src/main/core/archive/fts-query';
import { NO_UPPER_BOUND, POST_VIEW_COLUMNS } from '../../src/main/core/store/posts';
import { ARCHIVE_QUERIES, BENCH_COLUMNS } from '../columns';
import type { BenchContext } from '../context';
import { ensureStore, type BuiltStore } from '../fixtures';
import { latencyFigures, type Figure } from '../report';
import { percentile, round } from '../stats';
import { caseList } from './case-list';
import { timedDispatch, timedRows } from './timing';

const PAGE = 100;
const SEARCH_PAGE = 50;

export const archiveStoreSpec = (context: BenchContext) => ({
  name: 'archive',
  posts: context.sizes.archivePosts,
  columns: BENCH_COLUMNS,
  routing: 'rules' as const,
  seed: 7,
});

export async function runQueries(context: BenchContext): Promise<Figure[]> {
  const store = await ensureStore(archiveStoreSpec(context), context.options.fresh, context.log);
  // The core as the hosts build it, on the store's directory; not started: no network, queries only.
  const core = createCore({
    dataDir: store.dir,
    secrets: new MemorySecretStore(),
    preferences: new MemoryPreferenceStore(),
    logger: { info() {}, warn() {}, error() {} },
    demo: { sandboxUrl: 'http://127.0.0.1:9' },
  });
  try {
    const figures: Figure[] = [];
    if (context.options.only.has('column-page')) figures.push(...(await columnPage(context, core, store)));
    if (context.options.only.has('archive-search')) figures.push(...(await archiveSearch(context, core, store)));
    if (context.options.only.has('case-list')) figures.push(...(await caseList(context, core, store)));
    return figures;
  } finally {
    await core.close();
  }
}

async function columnPage(context: BenchContext, core: Core, store: BuiltStore): Promise<Figure[]> {
  const raw = core.db.prepare(
    `SELECT ${POST_VIEW_COLUMNS} FROM column_items ci JOIN posts p ON p.id = ci.post_id JOIN users u ON u.id = p.author_id
     WHERE ci.column_id = ? AND ci.post_id < ? ORDER BY ci.post_id DESC LIMIT ?`,
  );
  const samples: number[] = [];
  const ceiling: number[] = [];
  let rows = 0;
  // Warm-up: the first read of each column pulls its pages into SQLite's and the OS's caches.
  for (const column of store.columns) await timedDispatch(core, 'listColumnPosts', { columnId: column.id, limit: PAGE });
  for (let repetition = 0; repetition < context.sizes.queryRepetitions; repetition++) {
    for (const column of store.columns) {
      const result = await timedDispatch(core, 'listColumnPosts', { columnId: column.id, limit: PAGE });
      samples.push(result.ms);
      rows += result.rows;
      ceiling.push(timedRows(() => raw.all(column.id, NO_UPPER_BOUND, PAGE)));
    }
  }
  const details = {
    storePosts: store.posts,
    columns: store.columns.length,
    columnSizes: store.columns.map((c) => c.items),
    samples: samples.length,
    postsPerPage: round(rows / samples.length),
  };
  return latencyFigures({
    name: 'column-page',
    label: 'Column page (newest 100)',
    samples,
    ceilingSamples: ceiling,
    ceilingNote: 'the same SQL, prepared, rows only (no validation, no row → post mapping)',
    high: 95,
    targetMs: 5,
    details,
  });
}

async function archiveSearch(context: BenchContext, core: Core, store: BuiltStore): Promise<Figure[]> {
  const raw = core.db.prepare(
    `SELECT ${POST_VIEW_COLUMNS} FROM posts_fts f JOIN posts p ON p.id = f.rowid JOIN users u ON u.id = p.author_id
     WHERE posts_fts MATCH ? AND f.rowid < ? ORDER BY f.rowid DESC LIMIT ?`,
  );
  const samples: number[] = [];
  const ceiling: number[] = [];
  const perQuery = new Map<string, { ms: number[]; rows: number }>();
  for (const query of ARCHIVE_QUERIES) await timedDispatch(core, 'searchArchive', { query, limit: SEARCH_PAGE });
  for (let repetition = 0; repetition < context.sizes.queryRepetitions; repetition++) {
    for (const query of ARCHIVE_QUERIES) {
      const result = await timedDispatch(core, 'searchArchive', { query, limit: SEARCH_PAGE });
      samples.push(result.ms);
      const entry = perQuery.get(query) ?? { ms: [], rows: result.rows };
      entry.ms.push(result.ms);
      perQuery.set(query, entry);
      const match = toFtsQuery(query).match;
      if (match) ceiling.push(timedRows(() => raw.all(match, NO_UPPER_BOUND, SEARCH_PAGE)));
    }
  }
  const details = {
    storePosts: store.posts,
    queries: ARCHIVE_QUERIES.length,
    samples: samples.length,
    pageSize: SEARCH_PAGE,
    perQuery: Object.fromEntries([...perQuery].map(([query, { ms, rows }]) => [query, { p50: round(percentile(ms, 50), 3), max: round(Math.max(...ms), 3), rows }])),
  };
  return latencyFigures({
    name: 'archive-search',
    label: 'Archive search',
    samples,
    ceilingSamples: ceiling,
    ceilingNote: 'the same FTS5 MATCH SQL, prepared, rows only',
    high: 95,
    targetMs: 50,
    details,
  });
}
