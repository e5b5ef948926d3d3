import type { Database, Statement } from 'better-sqlite3';

const cache = new WeakMap<Database, Map<string, Statement>>();

/** Prepares each SQL text once per database: query modules stay plain functions. */
export function statement(db: Database, sql: string): Statement {
  let perDb = cache.get(db);
  if (!perDb) {
    perDb = new Map();
    cache.set(db, perDb);
  }
  let prepared = perDb.get(sql);
  if (!prepared) {
    prepared = db.prepare(sql);
    perDb.set(sql, prepared);
  }
  return prepared;
}

const transactions = new WeakMap<Database, (run: () => void) => void>();

/** Runs `run` in a transaction, or in a savepoint when one is open already (one wrapper per database). */
export function transaction(db: Database, run: () => void): void {
  let wrapped = transactions.get(db);
  if (!wrapped) {
    wrapped = db.transaction((body: () => void) => body());
    transactions.set(db, wrapped);
  }
  wrapped(run);
}
