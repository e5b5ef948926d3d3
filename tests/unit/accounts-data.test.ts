// Deleting a handle's data on a real SQLite file: its columns and the posts only they hold go;
// posts another handle's column also holds stay, and so do the archive's other posts.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deleteAccountAndData, listAccounts, upsertAccount } from '../../src/main/core/store/accounts';
import { insertColumn, listColumns } from '../../src/main/core/store/columns';
import { openDatabase, type Database } from '../../src/main/core/store/database';
import { addColumnItems, countPosts, getPostViews, insertPosts, upsertAuthors } from '../../src/main/core/store/posts';
import { postView, storedPost } from '../helpers/posts';
import { tempDir } from '../helpers/temp';

let dir: ReturnType<typeof tempDir>;
let db: Database;
afterEach(() => {
  db?.close();
  dir?.remove();
});

function setup() {
  dir = tempDir();
  db = openDatabase(join(dir.path, 'workspace.sqlite'));
  for (const [id, username] of [['1', 'AcmeAir'], ['2', 'NimbusMobile']] as const) {
    upsertAccount(db, { id, username, name: username, avatarUrl: null, status: 'connected' });
  }
  upsertAuthors(db, [postView({}, { id: '42', username: 'pat_q' }).author]);
  insertPosts(db, ['10', '11', '12', '13'].map((id) => storedPost(id)));
  const acme = insertColumn(db, { id: 'acme-search', accountId: '1', title: 'Search: bags', kind: 'search', query: 'bags', builder: null });
  const nimbus = insertColumn(db, { id: 'nimbus-search', accountId: '2', title: 'Search: signal', kind: 'search', query: 'signal', builder: null });
  addColumnItems(db, acme.id, ['10', '11']);
  addColumnItems(db, nimbus.id, ['11', '12']);
  // Post 13 is in the archive only (its column was removed earlier).
}

describe("deleting a handle's data", () => {
  it('removes its columns, the posts only they held, and the account; keeps everything else', () => {
    setup();
    expect(deleteAccountAndData(db, '1')).toEqual(['acme-search']);
    expect(listAccounts(db).map((a) => a.username)).toEqual(['NimbusMobile']);
    expect(listColumns(db).map((c) => c.id)).toEqual(['nimbus-search']);
    expect(getPostViews(db, ['10', '11', '12', '13']).map((p) => p.id).sort()).toEqual(['11', '12', '13']);
    expect(countPosts(db)).toBe(3);
  });

  it('leaves the database intact', () => {
    setup();
    deleteAccountAndData(db, '2');
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});
