// Migration 0014: replies that wait for an approver. A member without send-without-approval
// submits a reply; one with approve sends it (edited or not, credited to its author) or rejects it
// with a note. The row keeps who decided, so a second decision is refused by name.
import type { Kysely, Migration } from 'kysely';

type AnyDb = Kysely<unknown>;

export const approvals: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('approvals')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('handle_id', 'text', (c) => c.notNull())
      .addColumn('post_id', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('author_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('final_text', 'text')
      .addColumn('decided_by', 'text')
      .addColumn('note', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('decided_at', 'bigint')
      .execute();
    await db.schema.createIndex('approvals_handle_status').on('approvals').columns(['handle_id', 'status']).execute();
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('approvals').execute();
  },
};
