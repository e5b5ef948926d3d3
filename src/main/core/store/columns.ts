// The deck: columns with their source config, layout, filters and reading position, in order.
import {
  COLUMN_WIDTH,
  DEFAULT_COLUMN_FILTERS,
  type Column,
  type ColumnFilters,
  type ColumnKind,
  type ColumnSource,
  type SearchSpec,
} from '../../../shared/domain';
import { ALL_OPEN_CASES, caseQueueSchema } from '../../../shared/case-queues';
import { timeRangeSchema } from '../../../shared/date-range';
import type { Database } from './database';
import { statement } from './statements';

interface ColumnRow {
  id: string;
  kind: ColumnKind;
  account_id: string;
  title: string;
  query: string;
  position: number;
  config: string;
  width_px: number;
  collapsed: number;
  filters: string;
  notifications: number;
  last_read_id: string | null;
  scroll_anchor_id: string | null;
  scroll_offset_px: number;
  origin: 'local' | 'team' | 'personal';
}

/** What `config` holds per kind (the query lives in its own column: it is what X sees). */
interface StoredConfig {
  builder?: SearchSpec | null;
  /** A search column's dates; absent on columns saved before dates existed (and on live searches). */
  range?: unknown;
  queue?: unknown;
  userId?: string;
  username?: string;
}

const COLUMN_SELECT = `SELECT id, kind, account_id, title, query, position, config, width_px, collapsed, filters,
  notifications, CAST(last_read_id AS TEXT) AS last_read_id, CAST(scroll_anchor_id AS TEXT) AS scroll_anchor_id,
  scroll_offset_px, origin FROM columns`;

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function sourceOf(row: ColumnRow, config: StoredConfig): ColumnSource {
  switch (row.kind) {
    case 'search': {
      const range = config.range === undefined ? null : timeRangeSchema.safeParse(config.range);
      return { kind: 'search', query: row.query, builder: config.builder ?? null, ...(range?.success ? { range: range.data } : {}) };
    }
    case 'user':
      return { kind: 'user', userId: config.userId ?? '', username: config.username ?? '' };
    case 'archive':
      return { kind: 'archive', query: row.query };
    case 'cases': {
      const queue = caseQueueSchema.safeParse(config.queue);
      return { kind: 'cases', queue: queue.success ? queue.data : ALL_OPEN_CASES };
    }
    case 'mentions':
      return { kind: 'mentions' };
    case 'dms':
      return { kind: 'dms' };
    case 'approvals':
      return { kind: 'approvals' };
    case 'scheduled':
      return { kind: 'scheduled' };
  }
}

function toColumn(row: ColumnRow): Column {
  const config = parseJson<StoredConfig>(row.config, {});
  return {
    id: row.id,
    accountId: row.account_id,
    title: row.title,
    position: row.position,
    widthPx: row.width_px,
    collapsed: row.collapsed === 1,
    filters: { ...DEFAULT_COLUMN_FILTERS, ...parseJson<Partial<ColumnFilters>>(row.filters, {}) },
    notifications: row.notifications === 1,
    lastReadId: row.last_read_id,
    scroll: { anchorPostId: row.scroll_anchor_id, offsetPx: row.scroll_offset_px },
    ...(row.origin === 'team' ? { fromTeam: true as const } : row.origin === 'personal' ? { fromTeam: true as const, personal: true as const } : {}),
    ...sourceOf(row, config),
  };
}

function storedParts(source: ColumnSource): { query: string; config: StoredConfig } {
  switch (source.kind) {
    case 'search':
      return { query: source.query, config: { builder: source.builder, ...(source.range ? { range: source.range } : {}) } };
    case 'user':
      return { query: '', config: { userId: source.userId, username: source.username } };
    case 'archive':
      return { query: source.query, config: {} };
    case 'cases':
      return { query: '', config: { queue: source.queue } };
    case 'mentions':
    case 'dms':
    case 'approvals':
    case 'scheduled':
      return { query: '', config: {} };
  }
}

export function listColumns(db: Database): Column[] {
  return (statement(db, `${COLUMN_SELECT} ORDER BY position, created_at`).all() as ColumnRow[]).map(toColumn);
}

export function getColumn(db: Database, id: string): Column | null {
  const row = statement(db, `${COLUMN_SELECT} WHERE id = ?`).get(id) as ColumnRow | undefined;
  return row ? toColumn(row) : null;
}

export type NewColumn = {
  id: string;
  accountId: string;
  title: string;
  widthPx?: number;
  filters?: ColumnFilters;
  notifications?: boolean;
  /** A team column (defined at the team's hub, fed by it). */
  fromTeam?: true;
  /** With fromTeam: this member's own column, fed by the hub. */
  personal?: true;
} & ColumnSource;

/** Appends a column at the end of the deck. */
export function insertColumn(db: Database, column: NewColumn, now = new Date().toISOString()): Column {
  const { next } = statement(db, 'SELECT COALESCE(MAX(position) + 1, 0) AS next FROM columns').get() as { next: number };
  const { query, config } = storedParts(column);
  statement(
    db,
    `INSERT INTO columns (id, kind, account_id, title, query, position, created_at, config, width_px, filters, notifications, origin)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    column.id,
    column.kind,
    column.accountId,
    column.title,
    query,
    next,
    now,
    JSON.stringify(config),
    column.widthPx ?? COLUMN_WIDTH.default,
    JSON.stringify(column.filters ?? DEFAULT_COLUMN_FILTERS),
    (column.notifications ?? column.kind === 'mentions') ? 1 : 0,
    column.personal ? 'personal' : column.fromTeam ? 'team' : 'local',
  );
  return getColumn(db, column.id)!;
}

/** Layout and settings a user edits; the source changes through `replaceColumnSource`. */
export interface ColumnSettings {
  title?: string;
  widthPx?: number;
  collapsed?: boolean;
  filters?: ColumnFilters;
  notifications?: boolean;
}

export function updateColumnSettings(db: Database, id: string, settings: ColumnSettings): void {
  const sets: string[] = [];
  const values: (string | number)[] = [];
  const set = (sql: string, value: string | number) => {
    sets.push(sql);
    values.push(value);
  };
  if (settings.title !== undefined) set('title = ?', settings.title);
  if (settings.widthPx !== undefined) set('width_px = ?', settings.widthPx);
  if (settings.collapsed !== undefined) set('collapsed = ?', settings.collapsed ? 1 : 0);
  if (settings.filters !== undefined) set('filters = ?', JSON.stringify(settings.filters));
  if (settings.notifications !== undefined) set('notifications = ?', settings.notifications ? 1 : 0);
  if (sets.length === 0) return;
  db.prepare(`UPDATE columns SET ${sets.join(', ')} WHERE id = ?`).run(...values, id);
}

/**
 * A new query (or builder) for a column. When the query changes, what the column held belonged to
 * the old one: its items, cursor and reading position start over.
 */
export function replaceColumnSource(db: Database, id: string, source: ColumnSource): { queryChanged: boolean } {
  const before = getColumn(db, id);
  if (!before) return { queryChanged: false };
  const { query, config } = storedParts(source);
  // New dates are a new source too: what the column held was fetched for the old ones.
  const queryChanged = storedParts(before).query !== query || (source.kind === 'search' && JSON.stringify(storedParts(before).config.range ?? null) !== JSON.stringify(config.range ?? null));
  db.transaction(() => {
    statement(db, 'UPDATE columns SET query = ?, config = ? WHERE id = ?').run(query, JSON.stringify(config), id);
    if (queryChanged) {
      statement(db, 'DELETE FROM column_items WHERE column_id = ?').run(id);
      statement(db, 'DELETE FROM sync_cursors WHERE column_id = ?').run(id);
      statement(db, 'UPDATE columns SET last_read_id = NULL, scroll_anchor_id = NULL, scroll_offset_px = 0 WHERE id = ?').run(id);
    }
  })();
  return { queryChanged };
}

/** Moves a column to `toIndex` (clamped) and renumbers the deck densely from 0. */
export function moveColumn(db: Database, id: string, toIndex: number): boolean {
  const order = listColumns(db).map((c) => c.id);
  const from = order.indexOf(id);
  if (from < 0) return false;
  order.splice(from, 1);
  order.splice(Math.min(Math.max(0, toIndex), order.length), 0, id);
  renumber(db, order);
  return true;
}

function renumber(db: Database, order: readonly string[]): void {
  const update = statement(db, 'UPDATE columns SET position = ? WHERE id = ?');
  db.transaction(() => order.forEach((columnId, index) => update.run(index, columnId)))();
}

export function deleteColumn(db: Database, id: string): boolean {
  const deleted = statement(db, 'DELETE FROM columns WHERE id = ?').run(id).changes > 0;
  if (deleted) renumber(db, listColumns(db).map((c) => c.id));
  return deleted;
}

/** Moves the unread marker forward only: a stale "read up to" from another window never rewinds it. */
export function markRead(db: Database, id: string, lastReadId: string): void {
  statement(db, 'UPDATE columns SET last_read_id = MAX(COALESCE(last_read_id, 0), CAST(? AS INTEGER)) WHERE id = ?').run(lastReadId, id);
}

export function setScroll(db: Database, id: string, anchorPostId: string | null, offsetPx: number): void {
  statement(db, 'UPDATE columns SET scroll_anchor_id = ?, scroll_offset_px = ? WHERE id = ?').run(anchorPostId, offsetPx, id);
}
