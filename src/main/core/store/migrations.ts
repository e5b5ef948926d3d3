// Numbered migrations. The database's `user_version` is the number of migrations applied.
// Append only: never edit a migration that has shipped.
import type { Database } from 'better-sqlite3';
import { backfillAssessments } from './assessment-backfill';

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

  // 2: what the post card needs (quote, repost, counts, media) and the archive's full-text index.
  (db) => {
    db.exec(`
      ALTER TABLE posts ADD COLUMN quoted_post_id INTEGER;
      ALTER TABLE posts ADD COLUMN repost_of_id INTEGER;
      ALTER TABLE posts ADD COLUMN metrics TEXT;
      ALTER TABLE posts ADD COLUMN media TEXT NOT NULL DEFAULT '[]';
      CREATE INDEX posts_by_quoted ON posts (quoted_post_id) WHERE quoted_post_id IS NOT NULL;
      -- Which columns hold a post (archive search by handle, deleting a handle's data).
      CREATE INDEX column_items_by_post ON column_items (post_id);

      -- Contentless: the text lives in posts; rowid is the post id. Prefix indexes let the archive
      -- answer as the user types; remove_diacritics 2 makes "cafe" find "café".
      CREATE VIRTUAL TABLE posts_fts USING fts5(
        text, author, content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
      );
      INSERT INTO posts_fts (rowid, text, author)
        SELECT p.id, p.text, COALESCE(u.username || ' ' || u.name, '') FROM posts p LEFT JOIN users u ON u.id = p.author_id;

      -- In the same transaction as the post: the index can never miss a committed post.
      CREATE TRIGGER posts_fts_insert AFTER INSERT ON posts BEGIN
        INSERT INTO posts_fts (rowid, text, author)
          VALUES (new.id, new.text, COALESCE((SELECT username || ' ' || name FROM users WHERE id = new.author_id), ''));
      END;
      CREATE TRIGGER posts_fts_delete AFTER DELETE ON posts BEGIN
        DELETE FROM posts_fts WHERE rowid = old.id;
      END;
    `);
  },

  // 3: the deck: each column's source config, layout, filters, notifications and reading position;
  // open gaps of streamed columns; the global mute list.
  (db) => {
    db.exec(`
      ALTER TABLE columns ADD COLUMN config TEXT NOT NULL DEFAULT '{}';
      ALTER TABLE columns ADD COLUMN width_px INTEGER NOT NULL DEFAULT 340;
      ALTER TABLE columns ADD COLUMN collapsed INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE columns ADD COLUMN filters TEXT NOT NULL DEFAULT '{}';
      ALTER TABLE columns ADD COLUMN notifications INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE columns ADD COLUMN last_read_id INTEGER;
      ALTER TABLE columns ADD COLUMN scroll_anchor_id INTEGER;
      ALTER TABLE columns ADD COLUMN scroll_offset_px INTEGER NOT NULL DEFAULT 0;

      -- Streamed columns: the newest id before a gap (disconnect, stall, restart) not yet filled from
      -- recent search. Kept on disk so a crash during the fill does not forget the gap.
      ALTER TABLE sync_cursors ADD COLUMN gap_since_id INTEGER;

      CREATE TABLE mutes (
        kind TEXT NOT NULL CHECK (kind IN ('word', 'user')),
        value TEXT NOT NULL,
        PRIMARY KEY (kind, value)
      ) STRICT, WITHOUT ROWID;
    `);
  },

  // 4: direct messages, stored once by event id and filed per DMs column.
  (db) => {
    db.exec(`
      CREATE TABLE dm_events (
        id INTEGER PRIMARY KEY,
        conversation_id TEXT NOT NULL,
        sender_id INTEGER NOT NULL,
        participant_ids TEXT NOT NULL,
        text TEXT NOT NULL,
        created_at TEXT NOT NULL,
        entities TEXT NOT NULL,
        media TEXT NOT NULL DEFAULT '[]'
      ) STRICT;
      CREATE INDEX dm_events_by_conversation ON dm_events (conversation_id, id);

      CREATE TABLE column_dm_events (
        column_id TEXT NOT NULL REFERENCES columns(id) ON DELETE CASCADE,
        event_id INTEGER NOT NULL,
        PRIMARY KEY (column_id, event_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },

  // 5: new posts enter the archive index from insertPosts, one statement per batch in the posts'
  // own transaction, instead of by trigger: from a trigger, FTS5 wrote a new index segment for
  // every post (each row's statement savepoint flushes its pending terms), which made storing a
  // post 2-3x as expensive. Posts already stored stay indexed; deletes still leave the index by
  // trigger. Segments are merged 16 at a time instead of 4: at 1,000,000 posts that stores a post
  // about 13% cheaper, for about twice the segments (archive search p95 ~10 ms either way).
  (db) => {
    db.exec(`
      DROP TRIGGER posts_fts_insert;
      INSERT INTO posts_fts (posts_fts, rank) VALUES ('automerge', 16);
    `);
  },

  // 6: handles the team's hub holds (their tokens never reach this desktop) and team columns,
  // which the hub defines and feeds.
  (db) => {
    db.exec(`
      ALTER TABLE accounts ADD COLUMN origin TEXT NOT NULL DEFAULT 'local' CHECK (origin IN ('local', 'team'));
      ALTER TABLE columns ADD COLUMN origin TEXT NOT NULL DEFAULT 'local' CHECK (origin IN ('local', 'team', 'personal'));
    `);
  },

  // 7: what this desktop asked of its team's hub and the hub has not answered yet (or refused):
  // kept across restarts, pushed again with the same mutation id (the hub applies each once).
  (db) => {
    db.exec(`
      CREATE TABLE team_outbox (
        mutation_id INTEGER PRIMARY KEY,
        intent TEXT NOT NULL,
        args TEXT NOT NULL,
        summary TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'refused')),
        reason TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
    `);
  },

  // 8: team handles' posts as cases: who has each and where it stands, as the hub's log says
  // (version: the hub's, for compare-and-set: a change made on a stale view is refused).
  (db) => {
    db.exec(`
      CREATE TABLE post_assignments (
        handle_id TEXT NOT NULL,
        post_id TEXT NOT NULL,
        assignee_id TEXT,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'pending', 'snoozed', 'resolved')),
        tags TEXT NOT NULL DEFAULT '[]',
        version INTEGER NOT NULL,
        PRIMARY KEY (handle_id, post_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },

  // 9: internal notes on cases, as the hub's log has them (the entry's seq is the note's id).
  (db) => {
    db.exec(`
      CREATE TABLE case_notes (
        seq INTEGER PRIMARY KEY,
        handle_id TEXT NOT NULL,
        post_id TEXT NOT NULL,
        member_id TEXT NOT NULL,
        text TEXT NOT NULL,
        at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX case_notes_by_post ON case_notes (handle_id, post_id, seq);
    `);
  },

  // 10: what a case holds beyond owner, status and tags (priority, snooze, SLA clock: JSON, as the
  // hub sends it), and which posts joined which case (a customer's later messages).
  (db) => {
    db.exec(`
      ALTER TABLE post_assignments ADD COLUMN detail TEXT NOT NULL DEFAULT '{}';
      CREATE INDEX post_assignments_by_assignee ON post_assignments (assignee_id, status);
      CREATE TABLE case_messages (
        handle_id TEXT NOT NULL,
        post_id TEXT NOT NULL,
        case_post_id TEXT NOT NULL,
        PRIMARY KEY (handle_id, post_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },

  // 11: the replies members sent as team handles, from the hub's log (what changed under a draft,
  // a case's timeline).
  (db) => {
    db.exec(`
      CREATE TABLE case_replies (
        seq INTEGER PRIMARY KEY,
        handle_id TEXT NOT NULL,
        post_id TEXT NOT NULL,
        member_id TEXT NOT NULL,
        text TEXT NOT NULL,
        at INTEGER NOT NULL,
        status TEXT NOT NULL DEFAULT 'sending' CHECK (status IN ('sending', 'sent', 'failed'))
      ) STRICT;
      CREATE INDEX case_replies_by_post ON case_replies (handle_id, post_id, seq);
    `);
  },

  // 12: conversations and customers: a conversation's posts and an author's posts by index; which
  // X post each team reply became (the conversation view says who sent it).
  (db) => {
    db.exec(`
      CREATE INDEX posts_by_conversation ON posts (conversation_id, id) WHERE conversation_id IS NOT NULL;
      CREATE INDEX posts_by_author ON posts (author_id, id);
      ALTER TABLE case_replies ADD COLUMN reply_id TEXT;
    `);
  },

  // 13: what brand handles did to a post from Deckhand, so every card (and a restart) says it:
  // answered (JSON: who, when), liked and reposted (JSON lists of handle ids). Null: nothing yet.
  (db) => {
    db.exec(`
      ALTER TABLE posts ADD COLUMN answered TEXT;
      ALTER TABLE posts ADD COLUMN liked_by TEXT;
      ALTER TABLE posts ADD COLUMN reposted_by TEXT;
    `);
  },

  // 14: what customers write, assessed at ingest (shared/sentiment.ts): tone, priority and the
  // reasons (JSON) on posts and DMs; null for a brand handle's own. Each column item carries its
  // post's priority (it never changes once stored) so "Priority first" pages read an index instead
  // of sorting the whole column. Posts and DMs stored before are assessed here, once.
  (db) => {
    db.exec(`
      ALTER TABLE posts ADD COLUMN assessment TEXT;
      ALTER TABLE posts ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE dm_events ADD COLUMN assessment TEXT;
      ALTER TABLE column_items ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX column_items_by_priority ON column_items (column_id, priority, post_id);
    `);
    backfillAssessments(db);
  },

  // 15: the labels the team (or the agent alone) gives its customers: VIP, press, lead, partner
  // and their own; filters, routing and the Customers view read them.
  (db) => {
    db.exec(`
      CREATE TABLE customer_labels (
        customer_id TEXT NOT NULL,
        label TEXT NOT NULL,
        added_at INTEGER NOT NULL,
        PRIMARY KEY (customer_id, label)
      ) STRICT;
      CREATE INDEX customer_labels_by_label ON customer_labels (label, customer_id);
    `);
  },

  // 16: who a customer is beyond their name: their profile's description and when they joined X.
  (db) => {
    db.exec(`
      ALTER TABLE users ADD COLUMN bio TEXT;
      ALTER TABLE users ADD COLUMN joined_at TEXT;
    `);
  },

  // 17: the outbox: a handle's replies, direct messages, new posts, likes and reposts, kept before
  // they go to X so a send survives a restart and is never posted twice; a new post can wait for its time.
  (db) => {
    db.exec(`
      CREATE TABLE outbox (
        id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('reply', 'dm', 'post', 'like', 'unlike', 'repost', 'unrepost')),
        target TEXT,
        text TEXT NOT NULL,
        send_at INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
        x_id TEXT,
        reason TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX outbox_due ON outbox (status, send_at);
      CREATE INDEX outbox_by_account ON outbox (account_id, status);
    `);
  },

  // 18: notes about customers (who wrote what, when; never sent to X): this desktop's own on its own
  // handles (author null), and its replica of the team's, which the hub numbers and sends.
  (db) => {
    db.exec(`
      CREATE TABLE customer_notes (
        id TEXT PRIMARY KEY,
        customer_id TEXT NOT NULL,
        handle_id TEXT NOT NULL,
        author_id TEXT,
        text TEXT NOT NULL,
        at INTEGER NOT NULL,
        from_team INTEGER NOT NULL DEFAULT 0 CHECK (from_team IN (0, 1))
      ) STRICT;
      CREATE INDEX customer_notes_by_customer ON customer_notes (customer_id, at);
    `);
  },

  // 19: alerts the member's rules raised (a keyword, a priority, a labelled customer, an SLA breach):
  // one per rule and post (or DM, or case), so nothing alerts twice, kept until the e-mail digest
  // has sent those that go in it. Open cases are read by status for the breach watch.
  (db) => {
    db.exec(`
      CREATE TABLE alerts (
        id INTEGER PRIMARY KEY,
        rule_id TEXT NOT NULL,
        subject_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('post', 'dm', 'slaBreach')),
        handle_id TEXT,
        rule TEXT NOT NULL,
        author TEXT,
        text TEXT NOT NULL,
        link TEXT,
        digest INTEGER NOT NULL CHECK (digest IN (0, 1)),
        created_at INTEGER NOT NULL,
        digested_at INTEGER,
        UNIQUE (rule_id, subject_id)
      ) STRICT;
      CREATE INDEX alerts_waiting ON alerts (id) WHERE digest = 1 AND digested_at IS NULL;
      CREATE INDEX alerts_by_age ON alerts (created_at);
      CREATE INDEX post_assignments_by_status ON post_assignments (status);
    `);
  },

  // 20: the archive index merges its segments a little at each write again. With automerge 16
  // (migration 5) and FTS5's default crisismerge, also 16, a level reaching 16 segments was merged
  // in one go inside the committing transaction: with 200,000 posts stored, commits of live posts
  // stalled the core for 0.7-1.9 s now and then (host p99 freshness 0.8-1.7 s in the bench; 0.1 s
  // without). With crisismerge above automerge, FTS5 does that merge incrementally, in steps as
  // large as what each commit writes; only an index 64 segments behind is merged at once.
  (db) => {
    db.exec(`INSERT INTO posts_fts (posts_fts, rank) VALUES ('crisismerge', 64);`);
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
