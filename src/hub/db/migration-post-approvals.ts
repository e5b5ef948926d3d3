// Migration 0017: new posts wait for an approver too. An approval is a reply (the post it answers
// in post_id) or a new post (post_id empty) with the time it is to go out (null: when approved).
import { sql, type Kysely, type Migration } from 'kysely';

type AnyDb = Kysely<unknown>;

export const postApprovals: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .alterTable('approvals')
      .addColumn('kind', 'text', (column) => column.notNull().defaultTo(sql`'reply'`))
      .execute();
    await db.schema.alterTable('approvals').addColumn('send_at', 'bigint').execute();
  },
  async down(db: AnyDb) {
    await db.schema.alterTable('approvals').dropColumn('send_at').execute();
    await db.schema.alterTable('approvals').dropColumn('kind').execute();
  },
};
