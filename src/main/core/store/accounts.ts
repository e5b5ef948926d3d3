import type { Account, AccountStatus } from '../../../shared/domain';
import type { Database } from './database';
import { statement } from './statements';

interface AccountRow {
  id: string;
  username: string;
  name: string;
  avatar_url: string | null;
  status: AccountStatus;
}

const toAccount = (row: AccountRow): Account => ({
  id: row.id,
  username: row.username,
  name: row.name,
  avatarUrl: row.avatar_url,
  status: row.status,
});

export function listAccounts(db: Database): Account[] {
  const rows = statement(db, 'SELECT id, username, name, avatar_url, status FROM accounts ORDER BY created_at, username').all();
  return (rows as AccountRow[]).map(toAccount);
}

export function getAccount(db: Database, id: string): Account | null {
  const row = statement(db, 'SELECT id, username, name, avatar_url, status FROM accounts WHERE id = ?').get(id);
  return row ? toAccount(row as AccountRow) : null;
}

export function upsertAccount(db: Database, account: Account, now = new Date().toISOString()): void {
  statement(
    db,
    `INSERT INTO accounts (id, username, name, avatar_url, status, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET username = excluded.username, name = excluded.name,
       avatar_url = excluded.avatar_url, status = excluded.status`,
  ).run(account.id, account.username, account.name, account.avatarUrl, account.status, now);
}
