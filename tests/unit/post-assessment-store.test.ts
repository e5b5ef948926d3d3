// Migration 14 and the ingest's assessments: a customer's post or DM is stored with its tone,
// priority and reasons (a brand handle's own gets none); a column pages "Priority first" without
// losing or repeating a post; the sentiment filter keeps what it names; a version-13 file gets
// its stored posts and DMs assessed and its columns ranked.
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DomainEvents } from '../../src/main/core/domain-events';
import { Ingestor } from '../../src/main/core/ingest/ingestor';
import { insertColumn } from '../../src/main/core/store/columns';
import { setCustomerLabel } from '../../src/main/core/store/customer-labels';
import { openDatabase, type Database } from '../../src/main/core/store/database';
import { getDmEventViews } from '../../src/main/core/store/dm-events';
import { migrate, migrations } from '../../src/main/core/store/migrations';
import { getPostViews, listColumnPosts } from '../../src/main/core/store/posts';
import { compileColumnFilters } from '../../src/shared/column-filters';
import { DEFAULT_COLUMN_FILTERS, EMPTY_ENTITIES, type Author, type DmEvent } from '../../src/shared/domain';
import { storedPost } from '../helpers/posts';
import { silentLogger, tempDir } from '../helpers/temp';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => dir.remove()));
const file = () => {
  const dir = tempDir();
  dirs.push(dir);
  return join(dir.path, 'workspace.sqlite');
};

const customer: Author = { id: '42', username: 'traveller', name: 'A Traveller', avatarUrl: null, verified: false, followersCount: 120 };
const brand: Author = { id: '1', username: 'AcmeAir', name: 'Acme Air', avatarUrl: null, verified: true, followersCount: 90_000 };

const COMPLAINT = '@AcmeAir flight AA1234 delayed again, 3 hours and no updates. I want a refund 😡';
const PRAISE = '@AcmeAir thank you, support fixed my seat in 10 minutes. Wonderful!';
const CHATTER = 'Coffee first, then emails';

function rig(path = file()): { db: Database; ingestor: Ingestor } {
  const db = openDatabase(path);
  db.prepare("INSERT INTO accounts (id, username, name, created_at) VALUES ('1', 'AcmeAir', 'Acme Air', 'now')").run();
  insertColumn(db, { id: 'a', kind: 'search', accountId: '1', title: 'a', query: 'a', builder: null });
  insertColumn(db, { id: 'dms', kind: 'dms', accountId: '1', title: 'DMs' });
  const ingestor = new Ingestor(db, new DomainEvents(silentLogger), { isLive: () => true, predicate: () => null, archiveColumns: () => [] });
  return { db, ingestor };
}

const dm = (id: string, senderId: string, text: string): DmEvent => ({
  id,
  conversationId: '1-42',
  senderId,
  participantIds: ['1', '42'],
  text,
  createdAt: '2026-11-01T10:00:00.000Z',
  entities: EMPTY_ENTITIES,
  media: [],
});

describe('assessments at ingest', () => {
  it('stores a customer post with its sentiment, priority and reasons, and none on the brand handle’s own', () => {
    const { db, ingestor } = rig();
    const posts = [storedPost('1900000000000000001', COMPLAINT), storedPost('1900000000000000002', 'Sorry about AA1234, DM us your booking', { authorId: '1' })];
    ingestor.ingest({ posts, authors: [customer, brand], routes: new Map(posts.map((post) => [post.id, ['a']])) });
    const [complaint, reply] = getPostViews(db, ['1900000000000000001', '1900000000000000002']);
    expect(complaint!.assessment).toMatchObject({ sentiment: 'negative' });
    expect(complaint!.assessment!.priority).toBeGreaterThan(50);
    expect(complaint!.assessment!.reasons).toEqual(expect.arrayContaining(['Negative tone', 'Mentions a refund', 'Flight AA1234']));
    expect(reply).not.toHaveProperty('assessment');
    db.close();
  });

  it('raises the priority of a customer labelled VIP when their post arrives, and says so', () => {
    const { db, ingestor } = rig();
    const vip: Author = { ...customer, id: '43', username: 'vip_flyer' };
    setCustomerLabel(db, '43', 'VIP', true, 1);
    const posts = [storedPost('1900000000000000001', CHATTER), storedPost('1900000000000000002', CHATTER, { authorId: '43' })];
    ingestor.ingest({ posts, authors: [customer, vip], routes: new Map(posts.map((post) => [post.id, ['a']])) });
    const [plain, labelled] = getPostViews(db, ['1900000000000000001', '1900000000000000002']);
    expect(labelled!.assessment!.priority).toBeGreaterThan(plain!.assessment!.priority);
    expect(labelled!.assessment!.reasons).toContain('VIP customer');
    expect(listColumnPosts(db, 'a', 10, undefined, null, 'priority')[0]!.id).toBe('1900000000000000002');
    db.close();
  });

  it('pages a "Priority first" column by priority, newest first among equals, each post once', () => {
    const { db, ingestor } = rig();
    const texts = [COMPLAINT, CHATTER, PRAISE, CHATTER, '@AcmeAir my bag did not make it to Osaka. File ref LIS00042 #lostbag', CHATTER, PRAISE];
    const posts = texts.map((text, index) => storedPost(String(1_900_000_000_000_000_010n + BigInt(index)), text));
    ingestor.ingest({ posts, authors: [customer], routes: new Map(posts.map((post) => [post.id, ['a']])) });

    const whole = listColumnPosts(db, 'a', 50, undefined, null, 'priority');
    const priorities = whole.map((post) => post.assessment!.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
    expect(whole.slice(0, 2).map((post) => post.assessment!.sentiment)).toEqual(['negative', 'negative']);
    // The three chatter posts tie: newest first among them.
    const chatter = whole.filter((post) => post.text === CHATTER).map((post) => post.id);
    expect(chatter).toEqual([posts[5]!.id, posts[3]!.id, posts[1]!.id]);

    const paged: string[] = [];
    let before: string | undefined;
    for (;;) {
      const page = listColumnPosts(db, 'a', 2, before, null, 'priority');
      if (page.length === 0) break;
      paged.push(...page.map((post) => post.id));
      before = page[page.length - 1]!.id;
    }
    expect(paged).toEqual(whole.map((post) => post.id));
    // Newest first is untouched.
    expect(listColumnPosts(db, 'a', 50).map((post) => post.id)).toEqual(posts.map((post) => post.id).reverse());
    db.close();
  });

  it('filters by sentiment; a post without an assessment has none to keep it', () => {
    const { db, ingestor } = rig();
    const posts = [storedPost('1900000000000000001', COMPLAINT), storedPost('1900000000000000002', PRAISE), storedPost('1900000000000000003', CHATTER), storedPost('1900000000000000004', 'Thanks!', { authorId: '1' })];
    ingestor.ingest({ posts, authors: [customer, brand], routes: new Map(posts.map((post) => [post.id, ['a']])) });
    const shown = (sentiments: ('negative' | 'neutral' | 'positive')[]) =>
      listColumnPosts(db, 'a', 10, undefined, compileColumnFilters({ ...DEFAULT_COLUMN_FILTERS, sentiments }, { words: [], users: [] })).map((post) => post.id);
    expect(shown(['negative'])).toEqual(['1900000000000000001']);
    expect(shown(['positive'])).toEqual(['1900000000000000002']);
    expect(shown(['negative', 'neutral'])).toEqual(['1900000000000000003', '1900000000000000001']);
    db.close();
  });

  it('assesses a customer’s DMs, and leaves the tone of text it cannot read neutral and unsure', () => {
    const { db, ingestor } = rig();
    const events = [dm('500', '42', 'I was charged twice for my booking AB1234 and nobody answers. Terrible.'), dm('501', '42', '荷物が届きません。大阪に着いたのに…'), dm('502', '1', 'Sorry to hear that!')];
    ingestor.ingestDms({ columnId: 'dms', events, authors: [customer, brand] });
    const [angry, japanese, ours] = getDmEventViews(db, ['500', '501', '502']);
    expect(angry!.assessment).toMatchObject({ sentiment: 'negative' });
    expect(angry!.assessment!.reasons).toEqual(expect.arrayContaining(['Billing problem', 'Booking code AB1234']));
    expect(japanese!.assessment).toMatchObject({ sentiment: 'neutral', reasons: expect.arrayContaining(['Tone not scored (not English)', 'Something lost or missing']) });
    expect(japanese!.assessment!.confidence).toBeLessThan(0.5);
    expect(ours).not.toHaveProperty('assessment');
    db.close();
  });
});

describe('migration 14', () => {
  it('a new database is at version 14 with the assessment columns', () => {
    const { db } = rig();
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(14);
    db.close();
  });

  it('upgrades a version-13 file: stored customer posts and DMs get assessed, brand posts not, and columns rank them', () => {
    const path = file();
    const old = new Sqlite(path);
    for (const step of migrations.slice(0, 13)) step(old);
    old.pragma('user_version = 13');
    const entities = JSON.stringify(EMPTY_ENTITIES);
    old.prepare("INSERT INTO accounts (id, username, name, created_at) VALUES ('1', 'AcmeAir', 'Acme Air', 'now')").run();
    old.prepare("INSERT INTO users (id, username, name, followers_count, updated_at) VALUES (42, 'traveller', 'A Traveller', 120, 'now'), (1, 'AcmeAir', 'Acme Air', 90000, 'now')").run();
    const insertPost = old.prepare("INSERT INTO posts (id, author_id, text, created_at, lang, entities) VALUES (?, ?, ?, 'now', 'en', ?)");
    insertPost.run(1900000000000000001n, 42, PRAISE, entities);
    insertPost.run(1900000000000000002n, 42, COMPLAINT, entities);
    insertPost.run(1900000000000000003n, 1, 'We are sorry about the delay', entities);
    old.prepare("INSERT INTO columns (id, kind, account_id, title, query, position, created_at) VALUES ('a', 'search', '1', 'a', 'a', 0, 'now')").run();
    for (const id of [1900000000000000001n, 1900000000000000002n, 1900000000000000003n]) old.prepare("INSERT INTO column_items (column_id, post_id) VALUES ('a', ?)").run(id);
    old.prepare("INSERT INTO dm_events (id, conversation_id, sender_id, participant_ids, text, created_at, entities) VALUES (600, '1-42', 42, '[\"1\",\"42\"]', 'Where is my refund? Order NM-123456', 'now', ?)").run(entities);

    expect(migrate(old)).toBe(migrations.length);
    const [praise, complaint, ours] = getPostViews(old, ['1900000000000000001', '1900000000000000002', '1900000000000000003']);
    expect(praise!.assessment).toMatchObject({ sentiment: 'positive' });
    expect(complaint!.assessment).toMatchObject({ sentiment: 'negative' });
    expect(ours).not.toHaveProperty('assessment');
    expect(listColumnPosts(old, 'a', 10, undefined, null, 'priority').map((post) => post.id)).toEqual(['1900000000000000002', '1900000000000000001', '1900000000000000003']);
    expect(getDmEventViews(old, ['600'])[0]!.assessment!.reasons).toEqual(expect.arrayContaining(['Mentions a refund', 'Order NM-123456']));
    old.close();
  });
});
