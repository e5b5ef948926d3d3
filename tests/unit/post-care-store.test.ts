// Migration 13 and the store's record of what brand handles did to a post: a version-12 file keeps
// its posts (nothing answered, liked or reposted yet); an answer counts one more reply (also on a
// post X sent no counts for); a like counts once per handle and undoing it takes it back.
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/core/store/database';
import { migrate, migrations } from '../../src/main/core/store/migrations';
import { getPostViews, insertPosts, recordAnswer, setEngagement, upsertAuthors } from '../../src/main/core/store/posts';
import { EMPTY_ENTITIES, type Post } from '../../src/shared/domain';
import { tempDir } from '../helpers/temp';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => dir.remove()));
const file = () => {
  const dir = tempDir();
  dirs.push(dir);
  return join(dir.path, 'workspace.sqlite');
};

const post = (id: string, metrics: Post['metrics']): Post => ({
  id,
  text: 'where is my bag?',
  createdAt: '2026-01-01T00:00:00.000Z',
  authorId: '7',
  conversationId: id,
  inReplyToUserId: null,
  inReplyToPostId: null,
  lang: 'en',
  entities: EMPTY_ENTITIES,
  quotedPostId: null,
  repostOfId: null,
  metrics,
  media: [],
});

describe('what brand handles did to a post, stored', () => {
  it('13 upgrades a version-12 file: its posts keep their data and show nothing done to them', () => {
    const path = file();
    const old = new Sqlite(path);
    for (const step of migrations.slice(0, 12)) step(old);
    old.pragma('user_version = 12');
    old.prepare("INSERT INTO users (id, username, name, updated_at) VALUES (7, 'jane', 'Jane', 'now')").run();
    old.prepare(`INSERT INTO posts (id, author_id, text, created_at, entities, metrics) VALUES (1900000000000000001, 7, 'hello', 'now', '{"urls":[],"mentions":[],"hashtags":[],"cashtags":[]}', '{"replies":2,"reposts":0,"likes":1,"quotes":0}')`).run();
    expect(migrate(old)).toBe(migrations.length);
    const [view] = getPostViews(old, ['1900000000000000001']);
    expect(view).toMatchObject({ text: 'hello', metrics: { replies: 2, likes: 1 } });
    expect(view).not.toHaveProperty('answered');
    expect(view).not.toHaveProperty('likedBy');
    old.close();
  });

  it('an answer says who and when and counts one more reply; a like counts once per handle and can be undone', () => {
    const db = openDatabase(file());
    upsertAuthors(db, [{ id: '7', username: 'jane', name: 'Jane', avatarUrl: null, verified: false, followersCount: 0 }]);
    insertPosts(db, [post('100', { replies: 3, reposts: 0, likes: 0, quotes: 0 }), post('101', null)]);

    expect(recordAnswer(db, '100', { by: 'Maya Chen', at: '2026-01-01T10:00:00.000Z' })).toBe(true);
    expect(recordAnswer(db, '101', { by: 'you', at: '2026-01-01T10:00:00.000Z' })).toBe(true);
    expect(recordAnswer(db, '999', { by: 'you', at: '2026-01-01T10:00:00.000Z' })).toBe(false);
    const [answered, uncounted] = getPostViews(db, ['100', '101']);
    expect(answered).toMatchObject({ answered: { by: 'Maya Chen', at: '2026-01-01T10:00:00.000Z' }, metrics: { replies: 4 } });
    expect(uncounted).toMatchObject({ answered: { by: 'you' }, metrics: { replies: 1, likes: 0 } });

    expect(setEngagement(db, '100', '42', 'like', true)).toBe(true);
    expect(setEngagement(db, '100', '42', 'like', true)).toBe(false);
    expect(getPostViews(db, ['100'])[0]).toMatchObject({ likedBy: ['42'], metrics: { likes: 1 } });
    expect(setEngagement(db, '100', '42', 'like', false)).toBe(true);
    expect(getPostViews(db, ['100'])[0]).toMatchObject({ metrics: { likes: 0 } });
    expect(getPostViews(db, ['100'])[0]).not.toHaveProperty('likedBy');
    db.close();
  });
});
