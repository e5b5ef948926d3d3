// The outbox's rows: a handle's sends kept before they go to X (see shared/outbox.ts).
import type { OutboxItemView, OutboxKind, OutboxStatus } from '../../../shared/outbox';
import type { Database } from './database';
import { statement } from './statements';

interface OutboxRow {
  id: string;
  account_id: string;
  kind: OutboxKind;
  target: string | null;
  text: string;
  send_at: number;
  status: OutboxStatus;
  x_id: string | null;
  reason: string | null;
  created_at: number;
  updated_at: number;
}

export type OutboxRecord = OutboxItemView;

const iso = (ms: number) => new Date(ms).toISOString();

const toRecord = (row: OutboxRow): OutboxRecord => ({
  id: row.id,
  accountId: row.account_id,
  kind: row.kind,
  target: row.target,
  text: row.text,
  sendAt: iso(row.send_at),
  status: row.status,
  xId: row.x_id,
  reason: row.reason,
  createdAt: iso(row.created_at),
  updatedAt: iso(row.updated_at),
  memberId: null,
});

export interface NewOutboxItem {
  id: string;
  accountId: string;
  kind: OutboxKind;
  target: string | null;
  text: string;
  sendAt: number;
}

export function addOutboxItem(db: Database, item: NewOutboxItem, now: number): void {
  statement(db, "INSERT INTO outbox (id, account_id, kind, target, text, send_at, status, x_id, reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'queued', NULL, NULL, ?, ?)").run(
    item.id,
    item.accountId,
    item.kind,
    item.target,
    item.text,
    item.sendAt,
    now,
    now,
  );
}

export function getOutboxItem(db: Database, id: string): OutboxRecord | null {
  const row = statement(db, 'SELECT * FROM outbox WHERE id = ?').get(id) as OutboxRow | undefined;
  return row ? toRecord(row) : null;
}

/** A handle's items for its Scheduled column: every waiting or failed one, and the newest sent. */
export function listOutboxItems(db: Database, accountId: string, sentLimit = 50): OutboxRecord[] {
  // Likes and reposts are not listed: one that fails is said where it was pressed, on the card.
  const open = statement(db, "SELECT * FROM outbox WHERE account_id = ? AND status != 'sent' AND kind IN ('reply', 'dm', 'post') ORDER BY send_at").all(accountId) as OutboxRow[];
  const sent = statement(db, "SELECT * FROM outbox WHERE account_id = ? AND status = 'sent' AND kind = 'post' ORDER BY updated_at DESC LIMIT ?").all(accountId, sentLimit) as OutboxRow[];
  return [...open, ...sent].map(toRecord);
}

/** Queued items whose time has come, oldest first. */
export function dueOutboxItems(db: Database, now: number): OutboxRecord[] {
  return (statement(db, "SELECT * FROM outbox WHERE status = 'queued' AND send_at <= ? ORDER BY send_at, created_at").all(now) as OutboxRow[]).map(toRecord);
}

/** Items a stopped process handed to X without recording X's answer: looked for at X before sending again. */
export function interruptedOutboxItems(db: Database): OutboxRecord[] {
  return (statement(db, "SELECT * FROM outbox WHERE status = 'sending' ORDER BY send_at, created_at").all() as OutboxRow[]).map(toRecord);
}

/** When the next queued item is due (ms), or null when nothing waits. */
export function nextDueAt(db: Database): number | null {
  const row = statement(db, "SELECT MIN(send_at) AS at FROM outbox WHERE status = 'queued'").get() as { at: number | null };
  return row.at;
}

/** Recorded before the item is handed to X: a later attempt looks for it at X first. False: it was not queued. */
export function markOutboxSending(db: Database, id: string, now: number): boolean {
  return statement(db, "UPDATE outbox SET status = 'sending', updated_at = ? WHERE id = ? AND status = 'queued'").run(now, id).changes === 1;
}

export function settleOutboxItem(db: Database, id: string, outcome: { status: 'sent'; xId: string } | { status: 'failed'; reason: string }, now: number): void {
  statement(db, "UPDATE outbox SET status = ?, x_id = ?, reason = ?, updated_at = ? WHERE id = ? AND status IN ('queued', 'sending')").run(
    outcome.status,
    outcome.status === 'sent' ? outcome.xId : null,
    outcome.status === 'failed' ? outcome.reason : null,
    now,
    id,
  );
}

/** A send that could not reach X waits again, until `sendAt`. */
export function postponeOutboxItem(db: Database, id: string, sendAt: number, now: number): void {
  statement(db, "UPDATE outbox SET status = 'queued', send_at = ?, updated_at = ? WHERE id = ? AND status = 'sending'").run(sendAt, now, id);
}

/** A failed item goes back in line, to be sent now. False: it had not failed. */
export function requeueOutboxItem(db: Database, id: string, now: number): boolean {
  return statement(db, "UPDATE outbox SET status = 'queued', reason = NULL, send_at = ?, updated_at = ? WHERE id = ? AND status = 'failed'").run(now, now, id).changes === 1;
}

/** Takes out an item that has not gone to X (queued or failed). False: it is sending or sent. */
export function removeOutboxItem(db: Database, id: string): boolean {
  return statement(db, "DELETE FROM outbox WHERE id = ? AND status IN ('queued', 'failed')").run(id).changes === 1;
}
