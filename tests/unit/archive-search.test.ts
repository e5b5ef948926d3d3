import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toFtsQuery } from '../../src/main/core/archive/fts-query';
import { searchArchive } from '../../src/main/core/archive/search';
import { insertColumn } from '../../src/main/core/store/columns';
import { openDatabase, type Database } from '../../src/main/core/store/database';
import { addColumnItems, insertPosts, upsertAuthors } from '../../src/main/core/store/posts';
import type { Author } from '../../src/shared/domain';
import { storedPost } from '../helpers/posts';
import { tempDir } from '../helpers/temp';

const jane: Author = { id: '7', username: 'jane_traveller', name: 'Jane Doe', avatarUrl: null, verified: false, followersCount: 5 };
const bob: Author = { id: '8', username: 'bob', name: 'Bob Smith', avatarUrl: null, verified: false, followersCount: 5 };

const post = (id: string, authorId: string, text: string) => storedPost(id, text, { authorId });

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
