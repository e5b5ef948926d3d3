// Opens the hub's store: an SQLite file (the default: nothing else to install) or PostgreSQL.
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from './migrations';
import type { HubDb, HubTables } from './schema';

export type StoreEngine = 'sqlite' | 'postgres';

export interface HubStore {
  db: HubDb;
  engine: StoreEngine;
  /** Where the data is, for people: the file, or the PostgreSQL URL without its password. */
  location: string;
  close(): Promise<void>;
}

/** `DECKHAND_HUB_DB`, else the user's data directory (XDG on Linux). */
export function defaultHubDbPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DECKHAND_HUB_DB) return env.DECKHAND_HUB_DB;
  const home = homedir();
  const base =
    process.platform === 'darwin'
      ? join(home, 'Library', 'Application Support')
      : process.platform === 'win32'
        ? (env.APPDATA ?? join(home, 'AppData', 'Roaming'))
        : (env.XDG_DATA_HOME ?? join(home, '.local', 'share'));
  return join(base, 'deckhand-hub', 'hub.sqlite');
}

export function isPostgresUrl(spec: string): boolean {
  return /^postgres(ql)?:\/\//i.test(spec);
}

/** The URL without its password, fit for a log line. */
export function redactedUrl(spec: string): string {
  try {
    const url = new URL(spec);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

// PostgreSQL's bigint arrives as text by default; the hub's bigints (times, sequence numbers,
// versions) all fit in a double, so they are read back as numbers.
const INT8_OID = 20;
const pgTypes = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** Opens (creating if needed) and migrates the store named by `spec`: a file path or a postgres:// URL. */
export async function openHubStore(spec: string): Promise<HubStore> {
  if (isPostgresUrl(spec)) {
    const pool = new pg.Pool({ connectionString: spec, max: 10, types: pgTypes });
    // An idle client's error (the server restarting) must not crash the hub; the next query reconnects.
    pool.on('error', () => {});
    const db = new Kysely<HubTables>({ dialect: new PostgresDialect({ pool }) });
    await migrateOrClose(db);
    return { db, engine: 'postgres', location: redactedUrl(spec), close: () => db.destroy() };
  }
  mkdirSync(dirname(spec), { recursive: true });
  const database = new Database(spec);
  database.pragma('journal_mode = WAL');
  database.pragma('busy_timeout = 5000');
  const db = new Kysely<HubTables>({ dialect: new SqliteDialect({ database }) });
  await migrateOrClose(db);
  return { db, engine: 'sqlite', location: spec, close: () => db.destroy() };
}

async function migrateOrClose(db: HubDb): Promise<void> {
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
}
