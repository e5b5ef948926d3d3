// What stands between a draft reply as a team handle and Send: what changed on the case since the
// draft was opened (a colleague replied, someone else has it now, its status moved), a colleague
// who was already typing a reply to it (a soft lock that take-over breaks), and a customer the team
// does not engage with. Pure: the compose store asks, the composer shows.
import type { AssignmentView, CaseReply } from '../../../shared/hub-protocol';

/** The case as the draft found it. */
export interface DraftBaseline {
  version: number | null;
  assigneeId: string | null;
  status: AssignmentView['status'] | null;
  /** The newest reply on the case when the draft was opened. */
  lastReplySeq: number;
}

export function baselineOf(current: AssignmentView | null, replies: readonly CaseReply[]): DraftBaseline {
  return { version: current?.version ?? null, assigneeId: current?.assigneeId ?? null, status: current?.status ?? null, lastReplySeq: replies.reduce((newest, reply) => Math.max(newest, reply.seq), 0) };
}

const STATUS_WORDS: Record<AssignmentView['status'], string> = { open: 'Open', pending: 'Pending', snoozed: 'Snoozed', resolved: 'Resolved' };

const quote = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 140 ? `${flat.slice(0, 139)}…` : flat;
};

/**
 * What changed since the draft was opened, one line each, for people ("Bob Agent replied: …").
 * Empty: nothing did, Send goes ahead.
 */
export function changesSince(baseline: DraftBaseline, current: AssignmentView | null, replies: readonly CaseReply[], myId: string | null, nameOf: (memberId: string) => string): string[] {
  const lines = replies.filter((reply) => reply.seq > baseline.lastReplySeq && reply.memberId !== myId && reply.status !== 'failed').map((reply) => `${nameOf(reply.memberId)} replied: “${quote(reply.text)}”`);
  if (!current || baseline.version === null || current.version === baseline.version) return lines;
  if (current.assigneeId !== baseline.assigneeId && current.assigneeId !== myId) lines.push(current.assigneeId ? `${nameOf(current.assigneeId)} has the case now` : 'Nobody has the case now');
  // A colleague's reply already says why the case waits: its status is news only without one.
  if (current.status !== baseline.status && lines.length === 0) lines.push(`The case is ${STATUS_WORDS[current.status]} now`);
  return lines;
}

/**
 * The colleagues whose typing locks this draft: those typing a reply to the post when this member
 * started typing (whoever types first holds the lock; a later typist does not lock the first), and
 * the colleague who has the case, once they type (a take-over breaks the first typist's lock).
 */
export function lockHolders(typingWhenIStarted: readonly string[] | null, typingNow: readonly string[], caseHolder: string | null = null): string[] {
  const first = typingWhenIStarted ?? typingNow;
  return typingNow.filter((name) => first.includes(name) || name === caseHolder);
}
