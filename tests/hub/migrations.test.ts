import { NO_MIGRATIONS } from 'kysely';
import { describe, expect, it } from 'vitest';
import { HUB_MIGRATIONS, hubMigrator } from '../../src/hub/db/migrations';
import { HUB_ENGINES } from './engines';

/** The tables each migration adds (one that adds none may be left out). */
const TABLES_ADDED: Record<string, string[]> = {
  '0001_initial': ['applied_mutations', 'assignments', 'events', 'handles', 'invites', 'member_roles', 'members', 'roles', 'spaces', 'team'],
  '0002_lookup_indexes': [],
  '0003_vault': ['hub_meta', 'sealed_secrets'],
  '0004_team_ingest': ['outbox', 'team_columns', 'team_posts'],
  '0005_member_desktops': ['member_credentials', 'member_layouts'],
  '0006_case_status': [],
  '0007_case_tags': [],
  '0008_case_work': ['case_messages'],
  '0009_case_message_list': [],
  '0010_customer_labels': ['customer_labels'],
  '0011_outbox_kinds': [],
  '0012_team_dm_events': ['team_dm_events'],
  '0014_approvals': ['approvals'],
  '0015_customer_notes': ['customer_notes'],
  '0016_scheduled_posts': [],
  '0017_post_approvals': [],
};

describe.each(HUB_ENGINES)('hub migrations on $name', (engine) => {
  it('apply one by one on a fresh database, then roll back one by one', async () => {
    const store = await engine.freshStore();
    const migrator = hubMigrator(store.db);
    // openHubStore migrated to the latest: go back to nothing, then step up through each number.
    const down = await migrator.migrateTo(NO_MIGRATIONS);
    expect(down.error).toBeUndefined();
    const tableNames = async () => (await store.db.introspection.getTables()).map((table) => table.name).filter((name) => !name.startsWith('kysely_')).sort();
    expect(await tableNames()).toEqual([]);

    const expected: string[] = [];
    for (const name of Object.keys(HUB_MIGRATIONS)) {
      const step = await migrator.migrateUp();
      expect(step.error, name).toBeUndefined();
      expect(step.results?.map((result) => [result.migrationName, result.status])).toEqual([[name, 'Success']]);
      expected.push(...(TABLES_ADDED[name] ?? []));
      expect(await tableNames(), name).toEqual([...expected].sort());
    }
    expect((await migrator.migrateUp()).results).toEqual([]);

    for (const name of Object.keys(HUB_MIGRATIONS).reverse()) {
      const step = await migrator.migrateDown();
      expect(step.error, name).toBeUndefined();
      expect(step.results?.map((result) => [result.migrationName, result.status])).toEqual([[name, 'Success']]);
    }
    expect(await tableNames()).toEqual([]);
  });
});
