// The team outbox: intents waiting for the hub (pending) or that it refused (kept until dismissed).
import type { TeamOutboxItem } from '../../../shared/team';
import type { Database } from './database';
import { statement } from './statements';

interface OutboxRow {
  mutation_id: number;
  intent: string;
  args: string;
  summary: string;
  status: 'pending' | 'refused';
  reason: string | null;
  created_at: string;
}

export interface StoredIntent extends TeamOutboxItem {
  args: unknown;
}

const toItem = (row: OutboxRow): StoredIntent => ({
  id: row.mutation_id,
  intent: row.intent,
  args: JSON.parse(row.args) as unknown,
  summary: row.summary,
  status: row.status,
  reason: row.reason,
  createdAt: row.created_at,
});

export function listOutbox(db: Database): StoredIntent[] {
  return (statement(db, 'SELECT * FROM team_outbox ORDER BY mutation_id').all() as OutboxRow[]).map(toItem);
}

export function addToOutbox(db: Database, item: { id: number; intent: string; args: unknown; summary: string }, now = new Date().toISOString()): void {
  statement(db, "INSERT INTO team_outbox (mutation_id, intent, args, summary, status, reason, created_at) VALUES (?, ?, ?, ?, 'pending', NULL, ?)").run(
    item.id,
    item.intent,
    JSON.stringify(item.args),
    item.summary,
    now,
  );
}

export function markRefused(db: Database, id: number, reason: string): void {
  statement(db, "UPDATE team_outbox SET status = 'refused', reason = ? WHERE mutation_id = ?").run(reason, id);
}

export function removeFromOutbox(db: Database, id: number): boolean {
  return statement(db, 'DELETE FROM team_outbox WHERE mutation_id = ?').run(id).changes > 0;
}

export function clearOutbox(db: Database): void {
  statement(db, 'DELETE FROM team_outbox').run();
}
