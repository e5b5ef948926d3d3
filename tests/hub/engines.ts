// Runs a hub suite on both engines: describe.each(HUB_ENGINES) and, per test, `freshStore()`.
// The PostgreSQL half starts one throwaway cluster per test file and a new database per store.
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openHubStore, type HubStore, type StoreEngine } from '../../src/hub/db/open';
import { postgresAvailability, startPostgres, type PostgresCluster } from '../helpers/postgres';
import { tempDir } from '../helpers/temp';

export interface HubEngine {
  name: StoreEngine;
  /** The --db argument of a fresh, empty store (file path or URL). */
  freshSpec(): Promise<string>;
  /** A fresh store, migrated, closed after the file's tests. */
  freshStore(): Promise<HubStore>;
}

const postgres = postgresAvailability();
let cluster: Promise<PostgresCluster> | null = null;
const cleanups: (() => Promise<void> | void)[] = [];

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups.length = 0;
  if (cluster) await (await cluster).stop();
  cluster = null;
});

function engine(name: StoreEngine, freshSpec: () => Promise<string>): HubEngine {
  return {
    name,
    freshSpec,
    async freshStore() {
      const store = await openHubStore(await freshSpec());
      cleanups.push(() => store.close());
      return store;
    },
  };
}

const sqlite = engine('sqlite', async () => {
  const dir = tempDir('deckhand-hub-');
  cleanups.push(() => dir.remove());
  return join(dir.path, 'hub.sqlite');
});

const postgresEngine = postgres.available
  ? engine('postgres', async () => {
      cluster ??= startPostgres(postgres.bin);
      return (await cluster).createDatabase();
    })
  : null;

/** SQLite always; PostgreSQL when its binaries are there (else skipped with a printed reason). */
export const HUB_ENGINES: HubEngine[] = postgresEngine ? [sqlite, postgresEngine] : [sqlite];
