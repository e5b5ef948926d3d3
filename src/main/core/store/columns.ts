import type { Column, ColumnKind } from '../../../shared/domain';
import type { Database } from './database';
import { statement } from './statements';

interface ColumnRow {
  id: string;
  kind: ColumnKind;
  account_id: string;
  title: string;
  query: string;
  position: number;
}

const toColumn = (row: ColumnRow): Column => ({
  id: row.id,
  kind: row.kind,
  accountId: row.account_id,
  title: row.title,
  query: row.query,
  position: row.position,
});

export function listColumns(db: Database): Column[] {
  const rows = statement(db, 'SELECT id, kind, account_id, title, query, position FROM columns ORDER BY position, created_at').all();
  return (rows as ColumnRow[]).map(toColumn);
}

export function getColumn(db: Database, id: string): Column | null {
  const row = statement(db, 'SELECT id, kind, account_id, title, query, position FROM columns WHERE id = ?').get(id);
  return row ? toColumn(row as ColumnRow) : null;
}

export function insertColumn(db: Database, column: Omit<Column, 'position'>, now = new Date().toISOString()): Column {
  const { next } = statement(db, 'SELECT COALESCE(MAX(position) + 1, 0) AS next FROM columns').get() as { next: number };
  statement(db, 'INSERT INTO columns (id, kind, account_id, title, query, position, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    column.id,
    column.kind,
    column.accountId,
    column.title,
    column.query,
    next,
    now,
  );
  return { ...column, position: next };
}

export function deleteColumn(db: Database, id: string): boolean {
  return statement(db, 'DELETE FROM columns WHERE id = ?').run(id).changes > 0;
}

export function getCursor(db: Database, columnId: string): string | null {
  const row = statement(db, 'SELECT CAST(newest_id AS TEXT) AS id FROM sync_cursors WHERE column_id = ?').get(columnId) as { id: string } | undefined;
  return row?.id ?? null;
}

/** Moves the cursor forward only: a late, older batch never rewinds it. */
export function advanceCursor(db: Database, columnId: string, newestId: string): void {
  statement(
    db,
    `INSERT INTO sync_cursors (column_id, newest_id) VALUES (?, ?)
     ON CONFLICT (column_id) DO UPDATE SET newest_id = MAX(newest_id, excluded.newest_id)`,
  ).run(columnId, newestId);
}
