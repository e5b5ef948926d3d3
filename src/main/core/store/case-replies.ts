// Replies members sent as team handles: this desktop's replica of the hub's log (sendReply, then
// replySettled once X took or refused it).
import type { CaseReply } from '../../../shared/hub-protocol';
import type { Database } from './database';
import { statement } from './statements';

interface ReplyRow {
  seq: number;
  handle_id: string;
  post_id: string;
  member_id: string;
  text: string;
  at: number;
  status: CaseReply['status'];
}

const toReply = (row: ReplyRow): CaseReply => ({ seq: row.seq, handleId: row.handle_id, postId: row.post_id, memberId: row.member_id, text: row.text, at: row.at, status: row.status });

/** Keeps a reply once (an entry applied twice changes nothing); true when it is new here. */
export function saveReply(db: Database, reply: CaseReply): boolean {
  return (
    statement(db, 'INSERT OR IGNORE INTO case_replies (seq, handle_id, post_id, member_id, text, at, status) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      reply.seq,
      reply.handleId,
      reply.postId,
      reply.memberId,
      reply.text,
      reply.at,
      reply.status,
    ).changes > 0
  );
}

/** The member's oldest reply to the post still sending is now sent (as X's post `replyId`) or failed; true when one was. */
export function settleReply(db: Database, handleId: string, postId: string, memberId: string, replyId: string | null): boolean {
  return (
    statement(
      db,
      `UPDATE case_replies SET status = ?, reply_id = ? WHERE seq = (
         SELECT seq FROM case_replies WHERE handle_id = ? AND post_id = ? AND member_id = ? AND status = 'sending' ORDER BY seq LIMIT 1)`,
    ).run(replyId ? 'sent' : 'failed', replyId, handleId, postId, memberId).changes > 0
  );
}

/** Which member sent each of these X posts as a team handle (the ones this desktop knows of). */
export function replySenders(db: Database, replyIds: readonly string[]): Map<string, string> {
  const find = statement(db, 'SELECT member_id FROM case_replies WHERE reply_id = ?');
  const senders = new Map<string, string>();
  for (const id of replyIds) {
    const row = find.get(id) as { member_id: string } | undefined;
    if (row) senders.set(id, row.member_id);
  }
  return senders;
}

/** The replies to any post of the case `casePostId` (the posts it opened with and that joined it), oldest first. */
export function repliesInCase(db: Database, handleId: string, casePostId: string): CaseReply[] {
  return (
    statement(
      db,
      `SELECT * FROM case_replies WHERE handle_id = ? AND (post_id = ? OR post_id IN (SELECT post_id FROM case_messages WHERE handle_id = ? AND case_post_id = ?))
       ORDER BY seq`,
    ).all(handleId, casePostId, handleId, casePostId) as ReplyRow[]
  ).map(toReply);
}
