// Migration 0004: what the hub ingests for the team. Handles keep X's profile (desktops show it),
// team columns say what to ingest, team_posts keep what was ingested per column (for snapshots
// and for a post handed to someone who may not see the queue), and the outbox keeps replies
// until X took them (a hub killed mid-send sends them on restart).
import type { Kysely, Migration } from 'kysely';

type AnyDb = Kysely<unknown>;

export const teamIngest: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('handles').addColumn('name', 'text', (c) => c.notNull().defaultTo('')).execute();
    await db.schema.alterTable('handles').addColumn('avatar_url', 'text').execute();
    await db.schema
      .createTable('team_columns')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('handle_id', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('team_posts')
      .addColumn('column_id', 'text', (c) => c.notNull())
      .addColumn('post_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('team_posts_pk', ['column_id', 'post_id'])
      .execute();
    await db.schema.createIndex('team_posts_column_seq').on('team_posts').columns(['column_id', 'seq']).execute();
    await db.schema
      .createTable('outbox')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('handle_id', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('in_reply_to', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('x_post_id', 'text')
      .addColumn('reason', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('outbox_status').on('outbox').columns(['status']).execute();
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('outbox').execute();
    await db.schema.dropTable('team_posts').execute();
    await db.schema.dropTable('team_columns').execute();
    await db.schema.alterTable('handles').dropColumn('avatar_url').execute();
    await db.schema.alterTable('handles').dropColumn('name').execute();
  },
};

/**
 * Migration 0005: a member on several desktops. Each member's layout and reading position of each
 * team column, for all their desktops; a credential per further desktop, given by a desktop link
 * (an invite for an existing member).
 */
export const memberDesktops: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('member_credentials')
      .addColumn('credential_hash', 'text', (c) => c.primaryKey())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.alterTable('invites').addColumn('for_member', 'text').execute();
    await db.schema.alterTable('team_columns').addColumn('owner_id', 'text').execute();
    await db.schema
      .createTable('member_layouts')
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('column_id', 'text', (c) => c.notNull())
      .addColumn('layout', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('member_layouts_pk', ['member_id', 'column_id'])
      .execute();
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('member_layouts').execute();
    await db.schema.alterTable('team_columns').dropColumn('owner_id').execute();
    await db.schema.alterTable('invites').dropColumn('for_member').execute();
    await db.schema.dropTable('member_credentials').execute();
  },
};

/** Migration 0006: a post's assignment becomes a case: its status, and the customer whose new messages reopen it. */
export const caseStatus: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('assignments').addColumn('status', 'text', (c) => c.notNull().defaultTo('open')).execute();
    await db.schema.alterTable('assignments').addColumn('customer_id', 'text').execute();
    await db.schema.createIndex('assignments_customer').on('assignments').columns(['handle_id', 'customer_id']).execute();
  },
  async down(db: AnyDb) {
    await db.schema.dropIndex('assignments_customer').execute();
    await db.schema.alterTable('assignments').dropColumn('customer_id').execute();
    await db.schema.alterTable('assignments').dropColumn('status').execute();
  },
};

/** Migration 0007: tags: the ones a handle's cases may carry (and whether resolving needs one), and each case's. */
export const caseTags: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('handles').addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]')).execute();
    await db.schema.alterTable('handles').addColumn('tag_on_resolve', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('assignments').addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  },
  async down(db: AnyDb) {
    await db.schema.alterTable('assignments').dropColumn('tags').execute();
    await db.schema.alterTable('handles').dropColumn('tag_on_resolve').execute();
    await db.schema.alterTable('handles').dropColumn('tags').execute();
  },
};
