// Pre-built stores for the query and deck figures, made quickly and the same way every time: the
// sandbox's own traffic generator writes the posts (in process, on a manual clock spreading them
// over the last weeks), the sandbox renders them as X's wire format, the core normalises them and
// its store functions insert them in large transactions. Cached in the temp dir under a name
// that carries the schema version, so a migration or a new generator builds a fresh one.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MediaObjectV2, TweetV2, UserV2 } from 'twitter-api-v2';
import { upsertAccount } from '../src/main/core/store/accounts';
import { insertColumn, markRead } from '../src/main/core/store/columns';
import { advanceCursor } from '../src/main/core/store/cursors';
import { openDatabase, type Database } from '../src/main/core/store/database';
import { migrations } from '../src/main/core/store/migrations';
import { addColumnItems, insertPosts, upsertAuthors } from '../src/main/core/store/posts';
import { POST_REQUEST_FIELDS } from '../src/main/core/x/client';
import { normaliseBatch } from '../src/main/core/x/normalize';
import { createContext } from '../src/sandbox/context';
import type { SandboxPost } from '../src/sandbox/state/posts';
import { selectionOf } from '../src/sandbox/wire/fields';
import { IncludesBuilder, renderTweet, type WireIncludes, type WireTweet } from '../src/sandbox/wire/render';
import { ManualClock } from '../src/shared/clock';
import { columnTitle, type BenchColumn } from './columns';
import { sleep } from './stats';

/** Bump when the generator changes what it writes. */
const FIXTURE_VERSION = 2;
const BATCH = 10_000;
const SPAN_MS = 30 * 24 * 3600 * 1000;
/** Each column has this many posts newer than its unread marker (a team that keeps up). */
const UNREAD_PER_COLUMN = 150;
const STORE_FILE = 'demo.sqlite';

export interface StoreSpec {
  name: string;
  posts: number;
  columns: readonly BenchColumn[];
  /** `rules`: filed by the columns' queries, as the stream would; `round-robin`: post i in column i mod n. */
  routing: 'rules' | 'round-robin';
  seed: number;
}

export interface BuiltStore {
  dir: string;
  file: string;
  columns: { id: string; query: string; title: string; items: number }[];
  posts: number;
  buildSeconds: number;
  cached: boolean;
}

const schemaVersion = () => migrations.length;

function cacheDir(spec: StoreSpec): string {
  return join(tmpdir(), 'deckhand-bench', `${spec.name}-${spec.posts}-${spec.routing}-seed${spec.seed}-schema${schemaVersion()}-f${FIXTURE_VERSION}`);
}

const benchColumnId = (index: number) => `bench-column-${String(index + 1).padStart(2, '0')}`;

/** The store for `spec`, built now or taken from the cache. */
export async function ensureStore(spec: StoreSpec, fresh: boolean, log: (line: string) => void): Promise<BuiltStore> {
  const dir = cacheDir(spec);
  const manifest = join(dir, 'fixture.json');
  if (!fresh && existsSync(manifest)) return { ...(JSON.parse(readFileSync(manifest, 'utf8')) as BuiltStore), cached: true };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  log(`building the ${spec.name} store: ${spec.posts.toLocaleString('en-US')} posts in ${spec.columns.length} columns (${dir})`);
  const started = Date.now();
  const file = join(dir, STORE_FILE);
  const db = openDatabase(file);
  try {
    const columns = await fill(db, spec, log);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const built: BuiltStore = { dir, file, columns, posts: spec.posts, buildSeconds: (Date.now() - started) / 1000, cached: false };
    writeFileSync(manifest, JSON.stringify(built, null, 2));
    log(`built in ${built.buildSeconds.toFixed(0)} s`);
    return built;
  } finally {
    db.close();
  }
}

/** A private copy of a store in `dir` (figures that write to it: live traffic, cursors). */
export function copyStore(store: BuiltStore, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const target = join(dir, STORE_FILE);
  copyFileSync(store.file, target);
  return target;
}

async function fill(db: Database, spec: StoreSpec, log: (line: string) => void): Promise<BuiltStore['columns']> {
  const clock = new ManualClock(Date.now() - SPAN_MS);
  const sandbox = createContext({ clock, seed: spec.seed, maxPosts: 50_000 });
  const brands = new Map<string, string>();
  for (const username of ['AcmeAir', 'NimbusMobile']) {
    const user = sandbox.users.byUsername(username)!;
    upsertAccount(db, { id: user.id, username: user.username, name: user.name, avatarUrl: user.profileImageUrl, status: 'connected' });
    brands.set(username, user.id);
  }
  const columnIds = spec.columns.map((_, index) => benchColumnId(index));
  const byRule = new Map<string, string[]>();
  spec.columns.forEach((column, index) => {
    const id = columnIds[index]!;
    insertColumn(db, { id, kind: 'search', accountId: brands.get(column.brand)!, query: column.query, builder: null, title: columnTitle(column.query) });
    if (spec.routing === 'rules') {
      const added = sandbox.rules.add([{ value: column.query }], { maxRules: 1_000, maxLength: 1_024 }, false);
      const rule = added.created[0] ?? sandbox.rules.list().find((r) => r.value === column.query);
      if (!rule) throw new Error(`the sandbox refused the bench query ${column.query}: ${JSON.stringify(added.errors)}`);
      byRule.set(rule.id, [...(byRule.get(rule.id) ?? []), id]);
    }
  });

  const selection = selectionOf(
    Object.fromEntries(Object.entries(POST_REQUEST_FIELDS).map(([key, values]) => [key, values.join(',')])) as Record<string, string>,
  );
  let filed = 0;
  const routes = (post: SandboxPost): string[] =>
    spec.routing === 'round-robin' ? [columnIds[filed++ % columnIds.length]!] : sandbox.rules.matching(post).flatMap((rule) => byRule.get(rule.id) ?? []);
  const step = SPAN_MS / spec.posts;
  let pending: SandboxPost[] = [];
  let created = 0;
  const commit = () => {
    store(db, sandbox, selection, pending, routes);
    pending = [];
  };
  sandbox.posts.onCreate((post) => {
    clock.advance(step);
    pending.push(post);
    created += 1;
    if (pending.length >= BATCH) commit();
    if (created % 100_000 === 0) log(`  ${created.toLocaleString('en-US')} posts`);
  });
  sandbox.traffic.configure({ rate: 0, seed: spec.seed, brands: ['AcmeAir', 'NimbusMobile'], count: spec.posts });
  while (sandbox.traffic.status().running) await sleep(5);
  if (pending.length > 0) commit();
  sandbox.traffic.stop();
  return finishColumns(db, columnIds, spec);
}

/** One transaction: what the stream would have delivered for these posts, normalised by the core. */
function store(
  db: Database,
  sandbox: ReturnType<typeof createContext>,
  selection: ReturnType<typeof selectionOf>,
  posts: readonly SandboxPost[],
  routes: (post: SandboxPost) => string[],
): void {
  const tweets: WireTweet[] = [];
  const users: WireIncludes['users'] = [];
  const referenced: WireTweet[] = [];
  const media: unknown[] = [];
  const byColumn = new Map<string, string[]>();
  for (const post of posts) {
    const includes = new IncludesBuilder(selection, sandbox.lookup);
    includes.addPost(post);
    const built = includes.build();
    tweets.push(renderTweet(post, selection.tweet));
    users.push(...(built?.users ?? []));
    referenced.push(...(built?.tweets ?? []));
    media.push(...(built?.media ?? []));
    for (const columnId of routes(post)) {
      const ids = byColumn.get(columnId) ?? [];
      ids.push(post.id);
      byColumn.set(columnId, ids);
    }
  }
  const batch = normaliseBatch(tweets as unknown as TweetV2[], {
    users: users as unknown as UserV2[],
    tweets: referenced as unknown as TweetV2[],
    media: media as MediaObjectV2[],
  });
  db.transaction(() => {
    upsertAuthors(db, batch.authors);
    insertPosts(db, [...batch.referenced, ...batch.posts]);
    for (const [columnId, ids] of byColumn) addColumnItems(db, columnId, ids);
  })();
}

/** Cursors where ingest would have left them; unread markers a little below the newest post. */
function finishColumns(db: Database, columnIds: readonly string[], spec: StoreSpec): BuiltStore['columns'] {
  return columnIds.map((id, index) => {
    const newest = db.prepare('SELECT CAST(post_id AS TEXT) AS id FROM column_items WHERE column_id = ? ORDER BY post_id DESC LIMIT 1').get(id) as { id: string } | undefined;
    const marker = db
      .prepare('SELECT CAST(post_id AS TEXT) AS id FROM column_items WHERE column_id = ? ORDER BY post_id DESC LIMIT 1 OFFSET ?')
      .get(id, UNREAD_PER_COLUMN) as { id: string } | undefined;
    if (newest) advanceCursor(db, id, newest.id);
    if (marker) markRead(db, id, marker.id);
    const { n } = db.prepare('SELECT COUNT(*) AS n FROM column_items WHERE column_id = ?').get(id) as { n: number };
    const query = spec.columns[index]!.query;
    return { id, query, title: columnTitle(query), items: n };
  });
}
