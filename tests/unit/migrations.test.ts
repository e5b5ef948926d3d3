import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/core/store/database';
import { getAccount, upsertAccount } from '../../src/main/core/store/accounts';
import { insertColumn, listColumns } from '../../src/main/core/store/columns';
import { getCursor, getGapSince } from '../../src/main/core/store/cursors';
import { insertPosts } from '../../src/main/core/store/posts';
import { hasCustomerNotes, noteCounts, notesAbout, replaceTeamCustomerNotes, saveCustomerNote } from '../../src/main/core/store/customer-notes';
import { migrate, migrations } from '../../src/main/core/store/migrations';
import { DEFAULT_COLUMN_FILTERS } from '../../src/shared/domain';
import { tempDir } from '../helpers/temp';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

function freshFile(): string {
  const dir = tempDir();
  dirs.push(dir);
  return join(dir.path, 'nested', 'workspace.sqlite');
}

describe('migrations', () => {
  it('bring a fresh file to the latest schema, in WAL mode', () => {
    const db = openDatabase(freshFile());
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => (r as { name: string }).name);
    expect(tables).toEqual(expect.arrayContaining(['accounts', 'users', 'posts', 'columns', 'column_items', 'sync_cursors']));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it.each(migrations.map((_, index) => index + 1))('migration %i applies on its own on a fresh database', (version) => {
    const db = new Sqlite(freshFile().replace('nested/', ''));
    for (let step = 0; step < version; step++) migrations[step]!(db);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('are idempotent across reopening and keep the data', () => {
    const file = freshFile();
    const first = openDatabase(file);
    first.prepare("INSERT INTO accounts (id, username, name, created_at) VALUES ('1', 'AcmeAir', 'Acme Air', 'now')").run();
    first.close();
    const again = openDatabase(file);
    expect(again.prepare('SELECT username FROM accounts').get()).toEqual({ username: 'AcmeAir' });
    again.close();
  });

  it('2 upgrades a version-1 file: posts keep their data, gain card fields, and the archive index covers them', () => {
    const file = freshFile().replace('nested/', '');
    const db = new Sqlite(file);
    migrations[0]!(db);
    db.pragma('user_version = 1');
    db.prepare("INSERT INTO users (id, username, name, updated_at) VALUES (7, 'jane', 'Jane Müller', 'now')").run();
    db.prepare("INSERT INTO posts (id, author_id, text, created_at, entities) VALUES (1900000000000000001, 7, 'Où est mon bagage?', 'now', '{}')").run();
    migrations[1]!(db);
    expect(db.prepare('SELECT media, metrics, quoted_post_id FROM posts').get()).toEqual({ media: '[]', metrics: null, quoted_post_id: null });
    const match = (q: string) => db.prepare('SELECT CAST(rowid AS TEXT) AS id FROM posts_fts WHERE posts_fts MATCH ?').all(q);
    expect(match('bagage')).toEqual([{ id: '1900000000000000001' }]);
    expect(match('ou muller')).toEqual([{ id: '1900000000000000001' }]);
    db.prepare("INSERT INTO posts (id, author_id, text, created_at, entities) VALUES (1900000000000000002, 7, 'second bagage', 'now', '{}')").run();
    expect(match('bag*')).toHaveLength(2);
    db.prepare('DELETE FROM posts WHERE id = 1900000000000000002').run();
    expect(match('second')).toEqual([]);
    db.close();
  });

  it('3 upgrades a version-2 file: columns keep their query and get default layout, filters and reading position', () => {
    const file = freshFile().replace('nested/', '');
    const db = new Sqlite(file);
    migrations[0]!(db);
    migrations[1]!(db);
    db.pragma('user_version = 2');
    db.prepare("INSERT INTO columns (id, kind, account_id, title, query, position, created_at) VALUES ('c1', 'search', '1', 'Search: delay', 'delay', 0, 'now')").run();
    db.prepare("INSERT INTO sync_cursors (column_id, newest_id) VALUES ('c1', 1900000000000000009)").run();
    db.close();
    const upgraded = openDatabase(file);
    expect(listColumns(upgraded)).toEqual([
      expect.objectContaining({ id: 'c1', kind: 'search', query: 'delay', builder: null, widthPx: 340, collapsed: false, notifications: false, lastReadId: null, filters: DEFAULT_COLUMN_FILTERS }),
    ]);
    expect(getCursor(upgraded, 'c1')).toBe('1900000000000000009');
    expect(getGapSince(upgraded, 'c1')).toBeNull();
    expect(upgraded.prepare('SELECT COUNT(*) AS n FROM mutes').get()).toEqual({ n: 0 });
    upgraded.close();
  });

  it('4 upgrades a version-3 file with DM tables, and a fresh file has every table', () => {
    const file = freshFile().replace('nested/', '');
    const db = new Sqlite(file);
    for (const step of migrations.slice(0, 3)) step(db);
    db.pragma('user_version = 3');
    db.close();
    const upgraded = openDatabase(file);
    const tables = upgraded.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'index')").all().map((r) => (r as { name: string }).name);
    expect(tables).toEqual(expect.arrayContaining(['dm_events', 'column_dm_events', 'posts_fts', 'mutes', 'column_items_by_post']));
    expect(upgraded.pragma('integrity_check', { simple: true })).toBe('ok');
    upgraded.close();
  });

  it('5 upgrades a version-4 file: indexed posts stay found, the store indexes new posts itself, deletes leave the index', () => {
    const file = freshFile().replace('nested/', '');
    const db = new Sqlite(file);
    for (const step of migrations.slice(0, 4)) step(db);
    db.pragma('user_version = 4');
    db.prepare("INSERT INTO users (id, username, name, updated_at) VALUES (7, 'jane', 'Jane Müller', 'now')").run();
    db.prepare("INSERT INTO posts (id, author_id, text, created_at, entities) VALUES (1900000000000000001, 7, 'Où est mon bagage?', 'now', '{}')").run();
    db.close();
    const upgraded = openDatabase(file);
    const match = (q: string) => upgraded.prepare('SELECT CAST(rowid AS TEXT) AS id FROM posts_fts WHERE posts_fts MATCH ? ORDER BY rowid').all(q);
    expect(match('bagage')).toEqual([{ id: '1900000000000000001' }]);
    const triggers = upgraded.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all();
    expect(triggers).toEqual([{ name: 'posts_fts_delete' }]);
    expect(upgraded.prepare("SELECT v FROM posts_fts_config WHERE k = 'automerge'").get()).toEqual({ v: 16 });
    const post = { text: 'second bagage', createdAt: 'now', authorId: '7', conversationId: null, inReplyToUserId: null, inReplyToPostId: null, lang: null, quotedPostId: null, repostOfId: null, metrics: null, media: [] };
    const entities = { urls: [], mentions: [], hashtags: [], cashtags: [] };
    // Twice: the second time the post is stored already and must not be indexed again.
    for (let round = 0; round < 2; round++) insertPosts(upgraded, [{ ...post, id: '1900000000000000002', entities }]);
    expect(match('bag*')).toEqual([{ id: '1900000000000000001' }, { id: '1900000000000000002' }]);
    expect(match('muller second')).toEqual([{ id: '1900000000000000002' }]);
    upgraded.prepare('DELETE FROM posts WHERE id = 1900000000000000002').run();
    expect(match('second')).toEqual([]);
    expect(upgraded.pragma('integrity_check', { simple: true })).toBe('ok');
    upgraded.prepare("INSERT INTO posts_fts (posts_fts, rank) VALUES ('integrity-check', 0)").run();
    upgraded.close();
  });

  it('6 upgrades a version-5 file: what it held stays local; team handles and columns say so and nothing else', () => {
    const file = freshFile().replace('nested/', '');
    const db = new Sqlite(file);
    for (const step of migrations.slice(0, 5)) step(db);
    db.pragma('user_version = 5');
    db.prepare("INSERT INTO accounts (id, username, name, avatar_url, status, created_at) VALUES ('11', 'AcmeAir', 'Acme Air', NULL, 'connected', 'now')").run();
    db.close();
    const upgraded = openDatabase(file);
    expect(getAccount(upgraded, '11')).toEqual({ id: '11', username: 'AcmeAir', name: 'Acme Air', avatarUrl: null, status: 'connected' });
    upsertAccount(upgraded, { id: '12', username: 'NimbusMobile', name: 'Nimbus', avatarUrl: null, status: 'connected', fromTeam: true });
    expect(getAccount(upgraded, '12')?.fromTeam).toBe(true);
    const local = insertColumn(upgraded, { id: 'local-1', accountId: '11', title: 'Mentions', kind: 'mentions' });
    const team = insertColumn(upgraded, { id: 'team-1', accountId: '12', title: 'Search: nimbus', kind: 'search', query: 'nimbus', builder: null, fromTeam: true });
    expect(local.fromTeam).toBeUndefined();
    expect(team.fromTeam).toBe(true);
    expect(() => upgraded.prepare("UPDATE columns SET origin = 'elsewhere' WHERE id = 'team-1'").run()).toThrow(/CHECK constraint/);
    upgraded.close();
  });

  it('customer notes on a fresh database: the agent\'s own and the team\'s kept apart, a snapshot replaces only the team\'s', () => {
    const db = openDatabase(freshFile());
    const own = { id: 'n-own', customerId: '77', handleId: '11', authorId: null, text: 'Prefers DMs', at: 1_000 };
    const team = { id: 'cnote_a', customerId: '77', handleId: '12', authorId: 'm-ann', text: 'Flies weekly', at: 2_000 };
    expect(saveCustomerNote(db, team, true)).toBe(true);
    expect(saveCustomerNote(db, own, false)).toBe(true);
    // An entry of the hub's log applied twice is kept once.
    expect(saveCustomerNote(db, team, true)).toBe(false);
    expect(notesAbout(db, '77')).toEqual([own, team]);
    expect(hasCustomerNotes(db, '77')).toBe(true);
    expect(hasCustomerNotes(db, '78')).toBe(false);
    expect(noteCounts(db, ['77', '78'])).toEqual(new Map([['77', 2], ['78', 0]]));
    const later = { ...team, id: 'cnote_b', customerId: '78', text: 'Press: writes for a travel blog' };
    replaceTeamCustomerNotes(db, [later]);
    expect(notesAbout(db, '77')).toEqual([own]);
    expect(notesAbout(db, '78')).toEqual([later]);
    expect(() => db.prepare("INSERT INTO customer_notes (id, customer_id, handle_id, text, at, from_team) VALUES ('x', '1', '1', 't', 1, 2)").run()).toThrow(/CHECK constraint/);
    db.close();
  });

  it('20 has the archive index merge in steps (crisismerge above automerge): many small commits keep every post found and the index sound', () => {
    const db = openDatabase(freshFile());
    const config = (key: string) => (db.prepare('SELECT v FROM posts_fts_config WHERE k = ?').get(key) as { v: number } | undefined)?.v;
    expect([config('automerge'), config('crisismerge')]).toEqual([16, 64]);
    db.prepare("INSERT INTO users (id, username, name, updated_at) VALUES (7, 'jane', 'Jane', 'now')").run();
    const post = { createdAt: 'now', authorId: '7', conversationId: null, inReplyToUserId: null, inReplyToPostId: null, lang: null, quotedPostId: null, repostOfId: null, metrics: null, media: [], entities: { urls: [], mentions: [], hashtags: [], cashtags: [] } };
    // 400 commits of 5 posts: each writes a segment, so levels fill and merge many times over.
    for (let commit = 0; commit < 400; commit++) {
      insertPosts(db, Array.from({ length: 5 }, (_, i) => ({ ...post, id: String(1_900_000_000_000_000_000n + BigInt(commit * 5 + i)), text: `batch${commit} bag${i} delayed` })));
    }
    const count = (q: string) => (db.prepare('SELECT count(*) AS n FROM posts_fts WHERE posts_fts MATCH ?').get(q) as { n: number }).n;
    expect(count('delayed')).toBe(2_000);
    expect(count('bag3')).toBe(400);
    expect(count('batch399')).toBe(5);
    db.prepare("INSERT INTO posts_fts (posts_fts, rank) VALUES ('integrity-check', 0)").run();
    db.close();
  });

  it('refuse a database written by a newer version instead of damaging it', () => {
    const file = freshFile();
    openDatabase(file).close();
    const db = new Sqlite(file);
    db.pragma(`user_version = ${migrations.length + 1}`);
    expect(() => migrate(db)).toThrow(/newer Deckhand/);
    db.close();
  });
});
