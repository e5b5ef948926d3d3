import type { Account, AccountStatus } from '../../../shared/domain';
import type { Database } from './database';
import { statement } from './statements';

interface AccountRow {
  id: string;
  username: string;
  name: string;
  avatar_url: string | null;
  status: AccountStatus;
  origin: 'local' | 'team';
}

const toAccount = (row: AccountRow): Account => ({
  id: row.id,
  username: row.username,
  name: row.name,
  avatarUrl: row.avatar_url,
  status: row.status,
  ...(row.origin === 'team' ? { fromTeam: true } : {}),
});

export function listAccounts(db: Database): Account[] {
  const rows = statement(db, 'SELECT id, username, name, avatar_url, status, origin FROM accounts ORDER BY created_at, username').all();
  return (rows as AccountRow[]).map(toAccount);
}

export function getAccount(db: Database, id: string): Account | null {
  const row = statement(db, 'SELECT id, username, name, avatar_url, status, origin FROM accounts WHERE id = ?').get(id);
  return row ? toAccount(row as AccountRow) : null;
}

export function upsertAccount(db: Database, account: Account, now = new Date().toISOString()): void {
  statement(
    db,
    `INSERT INTO accounts (id, username, name, avatar_url, status, origin, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET username = excluded.username, name = excluded.name,
       avatar_url = excluded.avatar_url, status = excluded.status, origin = excluded.origin`,
  ).run(account.id, account.username, account.name, account.avatarUrl, account.status, account.fromTeam ? 'team' : 'local', now);
}

export function setAccountStatus(db: Database, id: string, status: AccountStatus): boolean {
  return statement(db, 'UPDATE accounts SET status = ? WHERE id = ?').run(status, id).changes > 0;
}

/** The account row only; its columns and posts are the caller's choice (see accounts/account-service). */
export function deleteAccount(db: Database, id: string): boolean {
  return statement(db, 'DELETE FROM accounts WHERE id = ?').run(id).changes > 0;
}

/** What columns hold, and where each column files it. Constants: never built from input. */
const HELD_BY_COLUMNS = [
  { table: 'posts', filed: 'column_items', key: 'post_id' },
  { table: 'dm_events', filed: 'column_dm_events', key: 'event_id' },
] as const;

/**
 * Removes a handle and what only it holds: its columns (with their filed items and cursors), the
 * posts and DM events no other column holds, and its row. One transaction. Answers the removed
 * column ids.
 */
export function deleteAccountAndData(db: Database, accountId: string): string[] {
  return db.transaction(() => {
    const columnIds = (statement(db, 'SELECT id FROM columns WHERE account_id = ?').all(accountId) as { id: string }[]).map((row) => row.id);
    for (const { table, filed, key } of HELD_BY_COLUMNS) {
      statement(
        db,
        `DELETE FROM ${table} WHERE id IN (
           SELECT ${key} FROM ${filed} WHERE column_id IN (SELECT id FROM columns WHERE account_id = @accountId)
           EXCEPT SELECT ${key} FROM ${filed} WHERE column_id IN (SELECT id FROM columns WHERE account_id <> @accountId))`,
      ).run({ accountId });
    }
    statement(db, 'DELETE FROM columns WHERE account_id = ?').run(accountId);
    deleteAccount(db, accountId);
    return columnIds;
  })();
}
