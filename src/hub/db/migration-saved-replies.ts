// Saved replies (issue 13): each handle keeps the team's answers to what customers ask again and
// again, as one JSON list beside its tags and case settings (edited and read whole).
import type { Kysely, Migration } from 'kysely';

type AnyDb = Kysely<unknown>;

export const savedReplies: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('handles').addColumn('saved_replies', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  },
  async down(db: AnyDb) {
    await db.schema.alterTable('handles').dropColumn('saved_replies').execute();
  },
};
