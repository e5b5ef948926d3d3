import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { searchArchive } from '../../src/main/core/archive/search';
import { DomainEvents } from '../../src/main/core/domain-events';
import { silentLogger } from '../helpers/temp';
import { Ingestor } from '../../src/main/core/ingest/ingestor';
import { insertColumn } from '../../src/main/core/store/columns';
import { getCursor } from '../../src/main/core/store/cursors';
import { openDatabase, type Database } from '../../src/main/core/store/database';
import { countPosts, listColumnPosts } from '../../src/main/core/store/posts';
import { compileColumnFilters, type PostPredicate } from '../../src/shared/column-filters';
import { DEFAULT_COLUMN_FILTERS, type Author } from '../../src/shared/domain';
import { storedPost } from '../helpers/posts';
import { tempDir } from '../helpers/temp';

const author: Author = { id: '42', username: 'traveller', name: 'A Traveller', avatarUrl: null, verified: false, followersCount: 10 };
const post = storedPost;

describe('the ingestor', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: Database;
  let bus: DomainEvents;
  let ingestor: Ingestor;
  let predicates: Map<string, PostPredicate>;
  let archives: { id: string; query: string }[];
  const events: { columnId: string; ids: string[] }[] = [];

  beforeEach(() => {
    dir = tempDir();
    db = openDatabase(join(dir.path, 'workspace.sqlite'));
    bus = new DomainEvents(silentLogger);
    events.length = 0;
    predicates = new Map();
    archives = [];
    bus.on('postsRouted', ({ columnId, posts }) => {
      events.push({ columnId, ids: posts.map((p) => p.id) });
    });
    for (const id of ['a', 'b']) insertColumn(db, { id, kind: 'search', accountId: '1', title: id, query: id, builder: null });
    ingestor = new Ingestor(db, bus, {
      isLive: (id) => id === 'a' || id === 'b' || archives.some((c) => c.id === id),
      predicate: (id) => predicates.get(id) ?? null,
      archiveColumns: () => archives,
    });
  });

  afterEach(() => {
    db.close();
    dir.remove();
  });

  it('stores a post delivered twice once, and files it once per column', () => {
    const routes = new Map([['1900000000000000001', ['a', 'b']]]);
    ingestor.ingest({ posts: [post('1900000000000000001')], authors: [author], routes });
    const again = ingestor.ingest({ posts: [post('1900000000000000001')], authors: [author], routes });
    expect(again).toEqual({ newPosts: 0, filed: 0 });
    expect(countPosts(db)).toBe(1);
    expect(listColumnPosts(db, 'a', 10).map((p) => p.id)).toEqual(['1900000000000000001']);
    expect(listColumnPosts(db, 'b', 10).map((p) => p.id)).toEqual(['1900000000000000001']);
  });

  it('keeps 64-bit post ids exact, lists them newest first and moves the cursor it is given', () => {
    const ids = ['1900000000000000009', '1900000000000000010', '999999999999999999'];
    const cursors = new Map([['a', '1900000000000000010']]);
    ingestor.ingest({ posts: ids.map((id) => post(id)), authors: [author], routes: new Map(ids.map((id) => [id, ['a']])), cursors });
    expect(listColumnPosts(db, 'a', 10).map((p) => p.id)).toEqual(['1900000000000000010', '1900000000000000009', '999999999999999999']);
    expect(listColumnPosts(db, 'a', 10, '1900000000000000010').map((p) => p.id)).toEqual(['1900000000000000009', '999999999999999999']);
    expect(getCursor(db, 'a')).toBe('1900000000000000010');
    expect(getCursor(db, 'b')).toBeNull();
  });

  it('coalesces a burst into one event per column, newest first, and never repeats a post', () => {
    for (const id of ['1900000000000000001', '1900000000000000003', '1900000000000000002', '1900000000000000003']) {
      ingestor.ingest({ posts: [post(id)], authors: [author], routes: new Map([[id, ['a']]]) });
    }
    expect(events).toEqual([]);
    ingestor.flush();
    expect(events).toEqual([{ columnId: 'a', ids: ['1900000000000000003', '1900000000000000002', '1900000000000000001'] }]);
  });

  it('ignores routes to columns it does not know', () => {
    ingestor.ingest({ posts: [post('1900000000000000005')], authors: [author], routes: new Map([['1900000000000000005', ['gone']]]) });
    ingestor.flush();
    expect(events).toEqual([]);
    expect(countPosts(db)).toBe(1);
  });

  it('never rewinds a column cursor when an older batch arrives late', () => {
    ingestor.ingest({ posts: [post('1900000000000000020')], authors: [author], routes: new Map([['1900000000000000020', ['a']]]), cursors: new Map([['a', '1900000000000000020']]) });
    ingestor.ingest({ posts: [post('1900000000000000010')], authors: [author], routes: new Map([['1900000000000000010', ['a']]]), cursors: new Map([['a', '1900000000000000010']]) });
    expect(getCursor(db, 'a')).toBe('1900000000000000020');
  });

  it('files every routed post but tells the renderer only about those the column filters show', () => {
    predicates.set('a', compileColumnFilters({ ...DEFAULT_COLUMN_FILTERS, excludeWords: ['spam'] }, { words: [], users: [] }));
    const ids = ['1900000000000000031', '1900000000000000032'];
    ingestor.ingest({ posts: [post(ids[0]!, 'buy spam now'), post(ids[1]!, 'my bag is lost')], authors: [author], routes: new Map(ids.map((id) => [id, ['a']])) });
    ingestor.flush();
    expect(events).toEqual([{ columnId: 'a', ids: ['1900000000000000032'] }]);
    expect(listColumnPosts(db, 'a', 10, undefined, predicates.get('a')!).map((p) => p.id)).toEqual(['1900000000000000032']);
    expect(listColumnPosts(db, 'a', 10).map((p) => p.id)).toEqual(['1900000000000000032', '1900000000000000031']);
  });

  it('indexes posts for the archive in the same transaction, and feeds live archive columns', () => {
    archives.push({ id: 'archive-1', query: 'refund' });
    insertColumn(db, { id: 'archive-1', kind: 'archive', accountId: '1', title: 'Archive: refund', query: 'refund' });
    ingestor.ingest({
      posts: [post('1900000000000000041', 'Where is my REFUND?'), post('1900000000000000042', 'nice flight')],
      authors: [author],
      routes: new Map([['1900000000000000041', ['a']], ['1900000000000000042', ['a']]]),
    });
    ingestor.flush();
    expect(searchArchive(db, 'refund', { limit: 10 }).map((p) => p.id)).toEqual(['1900000000000000041']);
    expect(events).toContainEqual({ columnId: 'archive-1', ids: ['1900000000000000041'] });
  });

  it('stores quoted posts for the card without filing them, and attaches them to the view', () => {
    const quoted = post('1900000000000000050', 'the original');
    const quoting = post('1900000000000000051', 'look at this', { quotedPostId: quoted.id });
    ingestor.ingest({ posts: [quoting], referenced: [quoted], authors: [author], routes: new Map([[quoting.id, ['a']]]) });
    const [view] = listColumnPosts(db, 'a', 10);
    expect(view!.id).toBe(quoting.id);
    expect(view!.quoted?.text).toBe('the original');
    expect(countPosts(db)).toBe(2);
  });
});
