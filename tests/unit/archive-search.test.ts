import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toFtsQuery } from '../../src/main/core/archive/fts-query';
import { archiveMatchesAfter, matchingAmong, searchArchive } from '../../src/main/core/archive/search';
import { insertColumn } from '../../src/main/core/store/columns';
import { openDatabase, type Database } from '../../src/main/core/store/database';
import { addColumnItems, insertPosts, upsertAuthors } from '../../src/main/core/store/posts';
import { rangeOfDays, type TimeRange } from '../../src/shared/date-range';
import { EMPTY_ENTITIES, type Author, type Post } from '../../src/shared/domain';
import { storedPost } from '../helpers/posts';
import { tempDir } from '../helpers/temp';

const jane: Author = { id: '7', username: 'jane_traveller', name: 'Jane Doe', avatarUrl: null, verified: false, followersCount: 5 };
const bob: Author = { id: '8', username: 'bob', name: 'Bob Smith', avatarUrl: null, verified: false, followersCount: 5 };

const post = (id: string, authorId: string, text: string, fields: Partial<Post> = {}) => storedPost(id, text, { authorId, ...fields });

describe('archive search', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: Database;
  const ids = (query: string, accountId?: string) => searchArchive(db, query, { limit: 50, ...(accountId ? { accountId } : {}) }).map((p) => p.id);

  beforeEach(() => {
    dir = tempDir();
    db = openDatabase(join(dir.path, 'workspace.sqlite'));
    upsertAuthors(db, [jane, bob]);
    insertPosts(db, [
      post('1900000000000000001', '7', 'My luggage never arrived at Zürich'),
      post('1900000000000000002', '8', 'Refund still pending after three weeks'),
      post('1900000000000000003', '7', 'The café on board was great, merci'),
      post('1900000000000000004', '8', 'Lost my luggage AND my refund, #fail'),
    ]);
    insertColumn(db, { id: 'acme', kind: 'search', accountId: '100', title: 'Acme', query: 'luggage', builder: null });
    insertColumn(db, { id: 'nimbus', kind: 'search', accountId: '200', title: 'Nimbus', query: 'refund', builder: null });
    addColumnItems(db, 'acme', ['1900000000000000001', '1900000000000000004']);
    addColumnItems(db, 'nimbus', ['1900000000000000002', '1900000000000000004']);
  });

  afterEach(() => {
    db.close();
    dir.remove();
  });

  it('answers as the user types: the last word matches as a prefix, newest first', () => {
    expect(ids('lugg')).toEqual(['1900000000000000004', '1900000000000000001']);
    expect(ids('luggage ne')).toEqual(['1900000000000000001']);
    expect(ids('lugg ')).toEqual([]); // a finished word is a whole word
  });

  it('ignores case and accents both ways', () => {
    expect(ids('zurich')).toEqual(['1900000000000000001']);
    expect(ids('CAFÉ')).toEqual(['1900000000000000003']);
    expect(ids('cafe ')).toEqual(['1900000000000000003']);
  });

  it('searches authors too, with from: or a bare handle, and excludes with -word', () => {
    expect(ids('from:bob refund')).toEqual(['1900000000000000004', '1900000000000000002']);
    expect(ids('jane_traveller')).toEqual(['1900000000000000003', '1900000000000000001']);
    expect(ids('@bob')).toEqual(['1900000000000000004', '1900000000000000002']);
    expect(ids('luggage -refund ')).toEqual(['1900000000000000001']);
  });

  it('searches across handles, or within one handle’s columns', () => {
    expect(ids('refund')).toEqual(['1900000000000000004', '1900000000000000002']);
    expect(ids('refund', '100')).toEqual(['1900000000000000004']);
    expect(ids('refund', '200')).toEqual(['1900000000000000004', '1900000000000000002']);
  });

  it('turns any input into a valid FTS query (no syntax errors from quotes, operators or punctuation)', () => {
    for (const input of ['"unclosed', 'a OR', 'NEAR(', '***', '-', 'x AND NOT y', "it's", ':colon', '"']) {
      expect(() => ids(input)).not.toThrow();
    }
    expect(toFtsQuery('   ').match).toBeNull();
    expect(toFtsQuery('-only').match).toBeNull();
    expect(toFtsQuery('"lost luggage" refu').match).toBe('("lost luggage" AND "refu"*)');
    expect(ids('"luggage never"')).toEqual(['1900000000000000001']);
  });
});

describe('archive search operators (the X syntax the search column teaches)', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: Database;
  const ids = (query: string) => searchArchive(db, query, { limit: 50 }).map((p) => p.id.slice(-2));
  const acme: Author = { id: '100', username: 'AcmeAir', name: 'Acme Air', avatarUrl: null, verified: true, followersCount: 9000 };
  const photo = { key: '3_1', type: 'photo' as const, url: 'https://pbs.example/1.jpg', previewUrl: null, width: 10, height: 10, altText: null };
  const link = { start: 0, end: 5, url: 'https://t.co/a', expandedUrl: 'https://status.example.com', displayUrl: 'status.example.com' };

  beforeEach(() => {
    dir = tempDir();
    db = openDatabase(join(dir.path, 'workspace.sqlite'));
    upsertAuthors(db, [jane, bob, acme]);
    const n = (last: number) => `19000000000000000${String(last).padStart(2, '0')}`;
    insertPosts(db, [
      post(n(1), '7', 'lostbag at the carousel', { lang: 'en' }),
      post(n(2), '8', 'Somebody took my bag by mistake', { lang: 'en', media: [photo] }),
      post(n(3), '7', 'mi maleta no llegó #lostbag', { lang: 'es', entities: { ...EMPTY_ENTITIES, hashtags: [{ start: 17, end: 25, tag: 'lostbag' }] } }),
      post(n(4), '8', 'RT my bag went to Oslo', { repostOfId: n(2) }),
      post(n(5), '100', 'We are sorry about your bag, please DM us', { inReplyToPostId: n(2), inReplyToUserId: '8' }),
      post(n(6), '7', 'bag drop queue is long, see status page', { entities: { ...EMPTY_ENTITIES, urls: [link] } }),
      post(n(7), '8', 'no bag fees on $ACME flights', { quotedPostId: n(6) }),
      post(n(8), '7', 'bag is fine'),
    ]);
  });

  afterEach(() => {
    db.close();
    dir.remove();
  });

  it('OR finds either side, and quotes keep a phrase together', () => {
    expect(ids('lostbag ')).toEqual(['03', '01']);
    expect(ids('"my bag"')).toEqual(['04', '02']);
    expect(ids('lostbag OR "my bag"')).toEqual(['04', '03', '02', '01']);
    expect(ids('"my bag" OR lostbag')).toEqual(['04', '03', '02', '01']);
    expect(ids('lostbag or "my bag"')).toEqual([]); // lower-case "or" is a word, as on X
  });

  it('parentheses group, and -word, -"phrase" and -(group) exclude', () => {
    expect(ids('bag (oslo OR mistake)')).toEqual(['04', '02']);
    expect(ids('bag -"my bag" ')).toEqual(['08', '07', '06', '05']);
    expect(ids('bag -(fees OR queue OR fine) -sorry ')).toEqual(['04', '02']);
    expect(ids('(lostbag OR oslo) AND -carousel ')).toEqual(['04', '03']);
  });

  it('#hashtag and $cashtag match the tag, not the bare word', () => {
    expect(ids('#lostbag ')).toEqual(['03']);
    expect(ids('$acme ')).toEqual(['07']);
    expect(ids('#lostb')).toEqual(['03']); // still typing
  });

  it('from: and @ match the author; to: matches replies to a user', () => {
    expect(ids('bag from:bob ')).toEqual(['07', '04', '02']);
    expect(ids('bag from:@BOB ')).toEqual(['07', '04', '02']);
    expect(ids('bag -from:bob ')).toEqual(['08', '06', '05']);
    expect(ids('bag from:bo')).toEqual(['07', '04', '02']); // the last word is a prefix while typing
    expect(ids('@acmeair ')).toEqual(['05']);
    expect(ids('bag to:bob ')).toEqual(['05']);
    expect(ids('bag to:nobody ')).toEqual([]);
  });

  it('lang:, is: and has: narrow to the posts that have them', () => {
    expect(ids('lostbag lang:es ')).toEqual(['03']);
    expect(ids('bag is:retweet ')).toEqual(['04']);
    expect(ids('bag -is:retweet -is:reply ')).toEqual(['08', '07', '06', '02']);
    expect(ids('bag is:reply ')).toEqual(['05']);
    expect(ids('bag is:quote ')).toEqual(['07']);
    expect(ids('bag is:verified ')).toEqual(['05']);
    expect(ids('bag has:media ')).toEqual(['02']);
    expect(ids('bag has:links ')).toEqual(['06']);
    expect(ids('lostbag has:hashtags ')).toEqual(['03']);
  });

  it('needs a word to look up: operators alone or a lone exclusion find nothing instead of reading everything', () => {
    expect(toFtsQuery('lang:en is:reply')).toMatchObject({ match: null, range: null });
    expect(ids('lang:en is:reply')).toEqual([]);
    expect(toFtsQuery('-bag').match).toBeNull();
    expect(toFtsQuery('bag OR is:reply').match).toBeNull();
  });

  it('treats control characters as spaces: a NUL finds results instead of failing', () => {
    expect(ids('lostbag\u0000carousel ')).toEqual(['01']);
    expect(ids('lostbag\u0007 OR oslo\u001b')).toEqual(['04', '03', '01']);
    expect(() => ids('\u0000')).not.toThrow();
    expect(() => ids('"bag\u0000')).not.toThrow();
    expect(() => ids('bag \ud800')).not.toThrow();
  });

  it('degrades gracefully on unbalanced quotes and parentheses', () => {
    expect(ids('(lostbag OR "my bag"')).toEqual(['04', '03', '02', '01']);
    expect(ids('lostbag OR "my bag')).toEqual(['04', '03', '02', '01']);
    expect(ids('lostbag) OR oslo)')).toEqual(['04', '03', '01']);
    for (const input of ['(', ')', '((', 'OR', 'OR OR', '-(', '- -', '"', 'from:', 'is:', 'has:nothing', 'AND', '#', '$', '@', 'lang:', '(()', 'a (OR) b', 'NEAR(a b)', '*a', 'a:b:c', '^x']) {
      expect(() => ids(input), input).not.toThrow();
    }
  });

  it('applies the operators to live archive columns and their unread counts too', () => {
    const all = ['1900000000000000001', '1900000000000000002', '1900000000000000003', '1900000000000000004', '1900000000000000005'];
    expect([...matchingAmong(db, 'lostbag OR "my bag"', all)].sort()).toEqual(['1900000000000000001', '1900000000000000002', '1900000000000000003', '1900000000000000004']);
    expect([...matchingAmong(db, 'bag -is:retweet', all)].sort()).toEqual(['1900000000000000002', '1900000000000000005']);
    expect(archiveMatchesAfter(db, 'bag from:bob', '1900000000000000002', 10, null).map((p) => p.id)).toEqual(['1900000000000000007', '1900000000000000004']);
  });
});

describe('archive search over a date range (offline, start inclusive, end exclusive)', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: Database;
  // The From / To days 2026-03-02 to 2026-03-04 in New York (UTC-5 then): 05:00 UTC on the 2nd to 05:00 UTC on the 5th.
  const range = rangeOfDays({ fromDate: '2026-03-02', toDate: '2026-03-04' }, 'America/New_York')!;
  const ids = (query: string, options: { range?: TimeRange; accountId?: string; limit?: number; beforeId?: string } = {}) =>
    searchArchive(db, query, { limit: options.limit ?? 50, ...options }).map((p) => p.id);

  beforeEach(() => {
    dir = tempDir();
    db = openDatabase(join(dir.path, 'workspace.sqlite'));
    upsertAuthors(db, [jane, bob]);
    insertPosts(db, [
      post('1900000000000000001', '7', 'refund please, long before', { createdAt: '2026-02-20T12:00:00.000Z' }),
      post('1900000000000000002', '8', 'refund please, a moment before the start', { createdAt: '2026-03-02T04:59:59.999Z' }),
      post('1900000000000000003', '7', 'refund please, right at the start', { createdAt: '2026-03-02T05:00:00.000Z' }),
      post('1900000000000000004', '8', 'no keyword, inside the dates', { createdAt: '2026-03-03T18:00:00.000Z' }),
      post('1900000000000000005', '7', 'refund please, a moment before the end', { createdAt: '2026-03-05T04:59:59.999Z' }),
      post('1900000000000000006', '8', 'refund please, right at the end', { createdAt: '2026-03-05T05:00:00.000Z' }),
      post('1900000000000000007', '7', 'refund please, long after', { createdAt: '2026-03-20T12:00:00.000Z' }),
    ]);
    insertColumn(db, { id: 'acme', kind: 'search', accountId: '100', title: 'Acme', query: 'refund', builder: null });
    addColumnItems(db, 'acme', ['1900000000000000003', '1900000000000000006', '1900000000000000007']);
  });

  afterEach(() => {
    db.close();
    dir.remove();
  });

  it('returns exactly the posts inside the range: the start included, the end not', () => {
    expect(range).toEqual({ start: '2026-03-02T05:00:00.000Z', end: '2026-03-05T05:00:00.000Z' });
    expect(ids('refund', { range })).toEqual(['1900000000000000005', '1900000000000000003']);
    // Without dates the same words find them all.
    expect(ids('refund')).toHaveLength(6);
  });

  it('lists every stored post of the dates when no words are given, newest first, page by page', () => {
    expect(ids('', { range })).toEqual(['1900000000000000005', '1900000000000000004', '1900000000000000003']);
    expect(ids('', { range, limit: 2 })).toEqual(['1900000000000000005', '1900000000000000004']);
    expect(ids('', { range, limit: 2, beforeId: '1900000000000000004' })).toEqual(['1900000000000000003']);
    expect(ids('')).toEqual([]); // neither words nor dates: nothing to read
  });

  it('takes open ends, and combines with a handle and with operators', () => {
    expect(ids('refund', { range: { start: range.start, end: null } })).toEqual(['1900000000000000007', '1900000000000000006', '1900000000000000005', '1900000000000000003']);
    expect(ids('refund', { range: { start: null, end: range.end } })).toEqual(['1900000000000000005', '1900000000000000003', '1900000000000000002', '1900000000000000001']);
    expect(ids('refund', { range: { start: range.start, end: null }, accountId: '100' })).toEqual(['1900000000000000007', '1900000000000000006', '1900000000000000003']);
    expect(ids('from:jane_traveller', { range })).toEqual(['1900000000000000005', '1900000000000000003']);
  });

  it('reads since: and until: in the query as X does (UTC days, until: excluding its day), within the From / To dates too', () => {
    expect(ids('refund since:2026-03-02 until:2026-03-05')).toEqual(['1900000000000000003', '1900000000000000002']); // the 5th's first hours are the 5th in UTC
    expect(ids('since:2026-03-05')).toEqual(['1900000000000000007', '1900000000000000006', '1900000000000000005']);
    expect(ids('refund since:2026-03-05', { range })).toEqual(['1900000000000000005']);
    expect(archiveMatchesAfter(db, 'refund since:2026-03-03', '1900000000000000005', 10, null).map((p) => p.id)).toEqual(['1900000000000000007', '1900000000000000006']);
  });
});
