// Migration 0016: new posts as a team handle, now or at a time. The outbox keeps them (kind
// 'post', no reply target) with the time each goes out; null: as soon as the leader can.
import type { Kysely, Migration } from 'kysely';

type AnyDb = Kysely<unknown>;

export const scheduledPosts: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('outbox').addColumn('send_at', 'bigint').execute();
    await db.schema.createIndex('outbox_status_send_at').on('outbox').columns(['status', 'send_at']).execute();
  },
  async down(db: AnyDb) {
    await db.schema.dropIndex('outbox_status_send_at').execute();
    await db.schema.alterTable('outbox').dropColumn('send_at').execute();
  },
};
