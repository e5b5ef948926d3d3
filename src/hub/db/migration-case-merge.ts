// Cases merged and split (issue 12): each case lists the customer's messages it gathers, so every
// desktop shows a follow-up (or a merged post) as part of its case.
import type { Kysely, Migration } from 'kysely';

type AnyDb = Kysely<unknown>;

export const caseMessageList: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('assignments').addColumn('message_ids', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  },
  async down(db: AnyDb) {
    await db.schema.alterTable('assignments').dropColumn('message_ids').execute();
  },
};
