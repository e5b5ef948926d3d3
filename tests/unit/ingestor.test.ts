import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../src/main/core/events';
import { Ingestor } from '../../src/main/core/ingest/ingestor';
import { getCursor, insertColumn } from '../../src/main/core/store/columns';
import { openDatabase, type Database } from '../../src/main/core/store/database';
import { countPosts, listColumnPosts } from '../../src/main/core/store/posts';
import type { Author, Post } from '../../src/shared/domain';
import { EMPTY_ENTITIES } from '../../src/shared/domain';
import { tempDir } from '../helpers/temp';

const author: Author = { id: '42', username: 'traveller', name: 'A Traveller', avatarUrl: null, verified: false, followersCount: 10 };
const post = (id: string, text = `post ${id}`): Post => ({
  id,
  text,
  createdAt: '2026-11-24T12:00:00.000Z',
  authorId: '42',
  conversationId: id,
  inReplyToUserId: null,
  inReplyToPostId: null,
  lang: 'en',
  entities: EMPTY_ENTITIES,
});

describe('the ingestor', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: Database;
  let bus: EventBus;
  let ingestor: Ingestor;
  const events: { columnId: string; ids: string[] }[] = [];

  beforeEach(() => {
    dir = tempDir();
    db = openDatabase(join(dir.path, 'workspace.sqlite'));
    bus = new EventBus();
    events.length = 0;
    bus.subscribe((name, payload) => {
      if (name === 'columnPosts') {
        const { columnId, posts } = payload as { columnId: string; posts: { id: string }[] };
        events.push({ columnId, ids: posts.map((p) => p.id) });
      }
    });
    for (const id of ['a', 'b']) insertColumn(db, { id, kind: 'search', accountId: '1', title: id, query: id });
    ingestor = new Ingestor(db, bus, (id) => id === 'a' || id === 'b');
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

  it('keeps 64-bit post ids exact and lists them newest first', () => {
    const ids = ['1900000000000000009', '1900000000000000010', '999999999999999999'];
    ingestor.ingest({ posts: ids.map((id) => post(id)), authors: [author], routes: new Map(ids.map((id) => [id, ['a']])) });
    expect(listColumnPosts(db, 'a', 10).map((p) => p.id)).toEqual(['1900000000000000010', '1900000000000000009', '999999999999999999']);
    expect(listColumnPosts(db, 'a', 10, '1900000000000000010').map((p) => p.id)).toEqual(['1900000000000000009', '999999999999999999']);
    expect(getCursor(db, 'a')).toBe('1900000000000000010');
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
    ingestor.ingest({ posts: [post('1900000000000000020')], authors: [author], routes: new Map([['1900000000000000020', ['a']]]) });
    ingestor.ingest({ posts: [post('1900000000000000010')], authors: [author], routes: new Map([['1900000000000000010', ['a']]]) });
    expect(getCursor(db, 'a')).toBe('1900000000000000020');
  });
});
