// Numbered migrations. The database's `user_version` is the number of migrations applied.
// Append only: never edit a migration that has shipped.
import type { Database } from 'better-sqlite3';

export type Migration = (db: Database) => void;

export const migrations: readonly Migration[] = [
  // 1: accounts, authors and posts (stored once by id), columns and what they hold.
  (db) => {
    db.exec(`
      CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL,
        name TEXT NOT NULL,
        avatar_url TEXT,
        status TEXT NOT NULL DEFAULT 'connected',
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL,
        name TEXT NOT NULL,
        avatar_url TEXT,
        verified INTEGER NOT NULL DEFAULT 0,
        followers_count INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL
      ) STRICT;

      -- id is X's snowflake: INTEGER keeps it exact (64-bit) and time-ordered.
      CREATE TABLE posts (
        id INTEGER PRIMARY KEY,
        author_id INTEGER NOT NULL,
        text TEXT NOT NULL,
        created_at TEXT NOT NULL,
        conversation_id TEXT,
        in_reply_to_user_id TEXT,
        in_reply_to_post_id TEXT,
        lang TEXT,
        entities TEXT NOT NULL
      ) STRICT;

      CREATE TABLE columns (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        account_id TEXT NOT NULL,
        title TEXT NOT NULL,
        query TEXT NOT NULL,
        position INTEGER NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE column_items (
        column_id TEXT NOT NULL REFERENCES columns(id) ON DELETE CASCADE,
        post_id INTEGER NOT NULL,
        PRIMARY KEY (column_id, post_id)
      ) STRICT, WITHOUT ROWID;

      -- Per column: the newest post id seen, so polling and gap filling resume exactly.
      CREATE TABLE sync_cursors (
        column_id TEXT PRIMARY KEY REFERENCES columns(id) ON DELETE CASCADE,
        newest_id INTEGER NOT NULL
      ) STRICT;
    `);
  },
];

export function migrate(db: Database): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(`This database was written by a newer Deckhand (schema ${current}; this version knows ${migrations.length}).`);
  }
  for (let version = current; version < migrations.length; version++) {
    const step = migrations[version]!;
    db.transaction(() => {
      step(db);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
  return migrations.length;
}
