// Migration 0012: the direct messages the hub ingests, kept as posts are (team_posts): a DM case
// given to someone who may not see the handle's queue carries its messages to them, a snapshot
// brings them, and a case's timeline reads them after the log's entries are pruned.
import type { Kysely, Migration } from 'kysely';

type AnyDb = Kysely<unknown>;

export const teamDmEvents: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('team_dm_events')
      .addColumn('handle_id', 'text', (c) => c.notNull())
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('conversation_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('team_dm_events_pk', ['handle_id', 'event_id'])
      .execute();
    await db.schema.createIndex('team_dm_events_handle_seq').on('team_dm_events').columns(['handle_id', 'seq']).execute();
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('team_dm_events').execute();
  },
};
