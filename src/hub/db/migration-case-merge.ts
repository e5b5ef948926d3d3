// Cases merged and split (issue 12): each case lists the customer's messages it gathers, so every
// desktop shows a follow-up (or a merged post) as part of its case. Customers' labels, for routing.
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

/** Labels the team gives its customers (VIP, press …), across handles: routing rules read them. */
export const customerLabels: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('customer_labels')
      .addColumn('customer_id', 'text', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('added_by', 'text', (c) => c.notNull())
      .addColumn('added_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('customer_labels_pk', ['customer_id', 'label'])
      .execute();
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('customer_labels').execute();
  },
};

/** The outbox sends direct messages too: `in_reply_to` then holds the DM conversation's id. */
export const outboxKinds: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('outbox').addColumn('kind', 'text', (c) => c.notNull().defaultTo('reply')).execute();
  },
  async down(db: AnyDb) {
    await db.schema.alterTable('outbox').dropColumn('kind').execute();
  },
};
