// Case work (issue 12): cases gain what routing, SLA and snooze need; a case gathers the
// customer's later messages; handles keep their case settings; log entries about a case can be
// addressed to its assignee (who may not see the handle's queue).
import type { Kysely, Migration } from 'kysely';

type AnyDb = Kysely<unknown>;

const CASE_COLUMNS: [string, 'text' | 'bigint' | 'integer', string | number | null][] = [
  ['priority', 'text', 'normal'],
  ['snoozed_until', 'bigint', null],
  ['waiting_since', 'bigint', null],
  ['answered', 'integer', 0],
  ['pauses', 'text', '[]'],
  ['do_not_engage', 'integer', 0],
  ['created_at', 'bigint', null],
];

export const caseWork: Migration = {
  async up(db: AnyDb) {
    for (const [name, type, fallback] of CASE_COLUMNS) {
      await db.schema
        .alterTable('assignments')
        .addColumn(name, type, (c) => (fallback === null ? c : c.notNull().defaultTo(fallback)))
        .execute();
    }
    await db.schema.createIndex('assignments_handle_status').on('assignments').columns(['handle_id', 'status']).execute();
    // JSON: SLA, auto-assignment, routing rules, the do-not-engage list (src/shared/case-settings.ts).
    await db.schema.alterTable('handles').addColumn('case_settings', 'text', (c) => c.notNull().defaultTo('{}')).execute();
    await db.schema.alterTable('events').addColumn('for_member', 'text').execute();
    await db.schema
      .createTable('case_messages')
      .addColumn('handle_id', 'text', (c) => c.notNull())
      .addColumn('post_id', 'text', (c) => c.notNull())
      .addColumn('case_post_id', 'text', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('case_messages_pk', ['handle_id', 'post_id'])
      .execute();
    await db.schema.createIndex('case_messages_case').on('case_messages').columns(['handle_id', 'case_post_id']).execute();
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('case_messages').execute();
    await db.schema.alterTable('events').dropColumn('for_member').execute();
    await db.schema.alterTable('handles').dropColumn('case_settings').execute();
    await db.schema.dropIndex('assignments_handle_status').execute();
    for (const [name] of [...CASE_COLUMNS].reverse()) await db.schema.alterTable('assignments').dropColumn(name).execute();
  },
};
