// Numbered migrations, in order, for both engines (Kysely's schema builder speaks each dialect).
// A migration never changes once released: later changes come as a new number.
import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import { caseStatus, caseTags, memberDesktops, teamIngest } from './migration-team-ingest';
import { caseWork } from './migration-case-work';
import { caseMessageList, customerLabels, outboxKinds } from './migration-case-merge';
import { savedReplies } from './migration-saved-replies';
import { teamDmEvents } from './migration-dm-events';
import { approvals } from './migration-approvals';
import { postApprovals } from './migration-post-approvals';
import { scheduledPosts } from './migration-scheduled-posts';
import { customerNotes } from './migration-customer-notes';

// Migrations see the database untyped: the schema they build is the one of their own time.
type AnyDb = Kysely<unknown>;

const initial: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('team')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('seq_head', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('kept_from_seq', 'bigint', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema
      .createTable('members')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('initials', 'text', (c) => c.notNull())
      .addColumn('credential_hash', 'text', (c) => c.notNull().unique())
      .addColumn('team_role', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('removed_at', 'bigint')
      .execute();
    await db.schema
      .createTable('invites')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('code_hash', 'text', (c) => c.notNull().unique())
      .addColumn('team_role', 'text')
      .addColumn('handle_roles', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('used_by', 'text')
      .addColumn('used_at', 'bigint')
      .addColumn('revoked_at', 'bigint')
      .execute();
    await db.schema
      .createTable('roles')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('permissions', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('member_roles')
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('handle_id', 'text', (c) => c.notNull())
      .addColumn('role_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('member_roles_pk', ['member_id', 'handle_id'])
      .execute();
    await db.schema
      .createTable('handles')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('added_by', 'text', (c) => c.notNull())
      .addColumn('added_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('events')
      .addColumn('seq', 'bigint', (c) => c.primaryKey())
      .addColumn('space', 'text', (c) => c.notNull())
      .addColumn('audience', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text', (c) => c.notNull())
      .addColumn('client_id', 'text', (c) => c.notNull())
      .addColumn('mutation_id', 'bigint', (c) => c.notNull())
      .addColumn('intent', 'text', (c) => c.notNull())
      .addColumn('args', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('spaces')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('version', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('applied_mutations')
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('client_id', 'text', (c) => c.notNull())
      .addColumn('mutation_id', 'bigint', (c) => c.notNull())
      .addColumn('result', 'text', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('applied_mutations_pk', ['member_id', 'client_id', 'mutation_id'])
      .execute();
    await db.schema
      .createTable('assignments')
      .addColumn('handle_id', 'text', (c) => c.notNull())
      .addColumn('post_id', 'text', (c) => c.notNull())
      .addColumn('assignee_id', 'text')
      .addColumn('version', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('assignments_pk', ['handle_id', 'post_id'])
      .execute();
  },
  async down(db: AnyDb) {
    for (const table of ['assignments', 'applied_mutations', 'spaces', 'events', 'handles', 'member_roles', 'roles', 'invites', 'members', 'team']) {
      await db.schema.dropTable(table).execute();
    }
  },
};

/** Pull reads a space's entries after a cursor; the desktop lists a member's cases. */
const lookupIndexes: Migration = {
  async up(db: AnyDb) {
    await db.schema.createIndex('events_space_seq').on('events').columns(['space', 'seq']).execute();
    await db.schema.createIndex('assignments_assignee').on('assignments').columns(['assignee_id']).execute();
    await db.schema.createIndex('member_roles_handle').on('member_roles').columns(['handle_id']).execute();
  },
  async down(db: AnyDb) {
    for (const index of ['member_roles_handle', 'assignments_assignee', 'events_space_seq']) await db.schema.dropIndex(index).execute();
  },
};

/** Brand tokens (src/hub/vault.ts): the hub's own id, which prefixes its keychain entries, and tokens sealed with the operator's key. */
const vault: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('hub_meta')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('sealed_secrets')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('nonce', 'text', (c) => c.notNull())
      .addColumn('tag', 'text', (c) => c.notNull())
      .addColumn('ciphertext', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
  },
  async down(db: AnyDb) {
    for (const table of ['sealed_secrets', 'hub_meta']) await db.schema.dropTable(table).execute();
  },
};

/** In order; the names sort in the same order (Kysely checks that). */
export const HUB_MIGRATIONS: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_lookup_indexes': lookupIndexes,
  '0003_vault': vault,
  '0004_team_ingest': teamIngest,
  '0005_member_desktops': memberDesktops,
  '0006_case_status': caseStatus,
  '0007_case_tags': caseTags,
  '0008_case_work': caseWork,
  '0009_case_message_list': caseMessageList,
  '0010_customer_labels': customerLabels,
  '0011_outbox_kinds': outboxKinds,
  '0012_team_dm_events': teamDmEvents,
  '0013_saved_replies': savedReplies,
  '0014_approvals': approvals,
  '0015_customer_notes': customerNotes,
  '0016_scheduled_posts': scheduledPosts,
  '0017_post_approvals': postApprovals,
};

export function hubMigrator<Tables>(db: Kysely<Tables>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => HUB_MIGRATIONS } });
}

/** Brings the database to the newest schema, or throws with the failing migration's error. */
export async function migrateToLatest<Tables>(db: Kysely<Tables>): Promise<MigrationResultSet> {
  const outcome = await hubMigrator(db).migrateToLatest();
  if (outcome.error) {
    const failed = outcome.results?.find((result) => result.status === 'Error');
    const cause = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
    throw new Error(`Hub database migration ${failed?.migrationName ?? ''} failed: ${cause}`);
  }
  return outcome;
}
