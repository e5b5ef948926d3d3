// The labels customers carry (VIP, press, lead, partner, the team's own): this desktop's on its own
// handles' customers, and its replica of the team's (the hub keeps those; its log brings changes).
import type { Database } from './database';
import { statement } from './statements';

/** A customer's labels, in the order they were given. */
export function labelsOf(db: Database, customerId: string): string[] {
  return (statement(db, 'SELECT label FROM customer_labels WHERE customer_id = ? ORDER BY added_at, label').all(customerId) as { label: string }[]).map((row) => row.label);
}

/** Every label given so far, most used first (what the "Add label" menu offers besides the presets). */
export function labelsInUse(db: Database): string[] {
  return (statement(db, 'SELECT label FROM customer_labels GROUP BY label ORDER BY COUNT(*) DESC, label').all() as { label: string }[]).map((row) => row.label);
}

/** Puts a label on a customer or takes it off; false when nothing changed. */
export function setCustomerLabel(db: Database, customerId: string, label: string, on: boolean, at: number): boolean {
  const result = on
    ? statement(db, 'INSERT OR IGNORE INTO customer_labels (customer_id, label, added_at) VALUES (?, ?, ?)').run(customerId, label, at)
    : statement(db, 'DELETE FROM customer_labels WHERE customer_id = ? AND label = ?').run(customerId, label);
  return result.changes > 0;
}

/** The team's labels as a snapshot has them, whole. */
export function replaceCustomerLabels(db: Database, labels: readonly { customerId: string; label: string; addedAt: number }[]): void {
  db.transaction(() => {
    statement(db, 'DELETE FROM customer_labels').run();
    for (const item of labels) statement(db, 'INSERT OR IGNORE INTO customer_labels (customer_id, label, added_at) VALUES (?, ?, ?)').run(item.customerId, item.label, item.addedAt);
  })();
}

/** The customers carrying a label. */
export function customersLabelled(db: Database, label: string): string[] {
  return (statement(db, 'SELECT customer_id FROM customer_labels WHERE label = ? COLLATE NOCASE').all(label) as { customer_id: string }[]).map((row) => row.customer_id);
}

/** Whether the customer carries the label (any case): the column filters ask per post. */
export function hasCustomerLabel(db: Database, customerId: string, label: string): boolean {
  return statement(db, 'SELECT 1 FROM customer_labels WHERE customer_id = ? AND label = ? COLLATE NOCASE LIMIT 1').get(customerId, label) !== undefined;
}
