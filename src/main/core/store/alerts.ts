// Alerts the member's rules raised: one row per rule and subject (a post, a DM, a case), so the
// same post never alerts twice for a rule, and the e-mail digest knows which have not gone out.
import type { AlertView } from '../../../shared/alerts';
import type { Database } from './database';
import { statement, transaction } from './statements';

/** An alert as it is recorded (its id comes from the store; its sound is the rule's, not kept). */
export type NewAlert = Omit<AlertView, 'id' | 'at' | 'sound'>;

/** An alert the digest lists. */
export type DigestItem = Omit<AlertView, 'sound'>;

interface AlertRow {
  id: number;
  rule_id: string;
  subject_id: string;
  kind: AlertView['kind'];
  handle_id: string | null;
  rule: string;
  author: string | null;
  text: string;
  link: string | null;
  created_at: number;
}

const toItem = (row: AlertRow): DigestItem => ({
  id: row.id,
  ruleId: row.rule_id,
  rule: row.rule,
  kind: row.kind,
  subjectId: row.subject_id,
  handleId: row.handle_id,
  author: row.author,
  text: row.text,
  link: row.link,
  at: row.created_at,
});

/** Records an alert unless the rule already raised one for the subject; answers its id, or null when it had. */
export function recordAlert(db: Database, alert: NewAlert, options: { digest: boolean; at: number }): number | null {
  const result = statement(
    db,
    `INSERT INTO alerts (rule_id, subject_id, kind, handle_id, rule, author, text, link, digest, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (rule_id, subject_id) DO NOTHING`,
  ).run(alert.ruleId, alert.subjectId, alert.kind, alert.handleId, alert.rule, alert.author, alert.text, alert.link, options.digest ? 1 : 0, options.at);
  return result.changes > 0 ? Number(result.lastInsertRowid) : null;
}

/** The alerts the next digest sends, oldest first. */
export function alertsWaitingForDigest(db: Database, limit: number): DigestItem[] {
  const rows = statement(db, 'SELECT * FROM alerts WHERE digest = 1 AND digested_at IS NULL ORDER BY id LIMIT ?').all(limit) as AlertRow[];
  return rows.map(toItem);
}

export function countWaitingForDigest(db: Database): number {
  return (statement(db, 'SELECT COUNT(*) AS count FROM alerts WHERE digest = 1 AND digested_at IS NULL').get() as { count: number }).count;
}

/** The alerts a sent digest listed: they are not sent again. */
export function markDigested(db: Database, ids: readonly number[], at: number): void {
  transaction(db, () => {
    const mark = statement(db, 'UPDATE alerts SET digested_at = ? WHERE id = ? AND digested_at IS NULL');
    for (const id of ids) mark.run(at, id);
  });
}

/**
 * Forgets alerts raised before `before` that no digest waits for. A rule meets the same post again
 * only while it is new (a column's first fill, a gap filled), so old rows guard nothing.
 */
export function pruneAlerts(db: Database, before: number): number {
  return statement(db, 'DELETE FROM alerts WHERE created_at < ? AND (digest = 0 OR digested_at IS NOT NULL)').run(before).changes;
}
