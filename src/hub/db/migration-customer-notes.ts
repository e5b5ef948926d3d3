// Migration 0015: notes about customers (issue 14). Each is written through a brand handle, and
// goes to those who may view that handle; read back by customer and, for snapshots, by handle.
import type { Kysely, Migration } from 'kysely';

type AnyDb = Kysely<unknown>;

export const customerNotes: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('customer_notes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('customer_id', 'text', (c) => c.notNull())
      .addColumn('handle_id', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('customer_notes_handle').on('customer_notes').columns(['handle_id', 'at']).execute();
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('customer_notes').execute();
  },
};
