// What one outbox item asks of X, done through the team's ingest, and the case it speaks of. After
// a crash between handing an item to X and recording X's answer ("interrupted"), a reply or a DM
// is looked up at X before it is sent again; a like or repost is a state, so it is simply set again.
import type { AssignmentView, HubEntryArgs } from '../../shared/hub-protocol';
import type { DmEventView } from '../../shared/domain';
import type { HubDb } from '../db/schema';
import { caseOfMessage, newestCaseOf } from '../queries/assignments';
import { engagementOf, type OutboxItem } from '../queries/outbox';
import type { TeamIngest } from './team-ingest';

export type SendOutcome = { status: 'sent'; xPostId: string } | { status: 'failed'; reason: string };

export interface Sent {
  outcome: SendOutcome;
  /** A direct message as sent (kept by every replica at once). */
  dm: DmEventView | null;
}

export async function sendItem(ingest: TeamIngest, item: OutboxItem, interrupted: boolean): Promise<Sent> {
  try {
    const engagement = engagementOf(item.kind);
    if (engagement) {
      await ingest.engage(item.handleId, item.inReplyTo, engagement.kind, engagement.on);
      return { outcome: { status: 'sent', xPostId: item.inReplyTo }, dm: null };
    }
    if (item.kind === 'post') {
      const found = interrupted ? await ingest.findSentPost(item.handleId, item.text) : null;
      return { outcome: { status: 'sent', xPostId: found ?? (await ingest.post(item.handleId, item.text)) }, dm: null };
    }
    if (item.kind === 'dm') {
      const sent = (interrupted ? await ingest.findSentDm(item.handleId, item.inReplyTo, item.text) : null) ?? (await ingest.sendDm(item.handleId, item.inReplyTo, item.text));
      return { outcome: { status: 'sent', xPostId: sent.id }, dm: { ...sent, sender: null } };
    }
    const found = interrupted ? await ingest.findSentReply(item.handleId, item.inReplyTo, item.text) : null;
    return { outcome: { status: 'sent', xPostId: found ?? (await ingest.reply(item.handleId, item.inReplyTo, item.text)).id }, dm: null };
  } catch (error) {
    return { outcome: { status: 'failed', reason: error instanceof Error ? error.message : String(error) }, dm: null };
  }
}

/** The case an item speaks of: a reply's, like's or repost's post's; a DM's customer's newest; a group DM's none. */
export async function caseOfItem(trx: HubDb, item: OutboxItem): Promise<AssignmentView | null> {
  if (item.kind === 'post') return null;
  if (item.kind !== 'dm') return caseOfMessage(trx, item.handleId, item.inReplyTo);
  const others = item.inReplyTo.split('-').filter((id) => id !== item.handleId);
  const [customer] = others;
  return others.length === 1 && customer ? ((await newestCaseOf(trx, item.handleId, customer))?.case ?? null) : null;
}

/** The log entry of a settled like or repost (null: the item is a reply or a DM). */
export function engagementSettled(item: OutboxItem, outcome: SendOutcome): HubEntryArgs['engagementSettled'] | null {
  const engagement = engagementOf(item.kind);
  if (!engagement) return null;
  return { outboxId: item.id, memberId: item.memberId, handleId: item.handleId, postId: item.inReplyTo, ...engagement, ok: outcome.status === 'sent', reason: outcome.status === 'sent' ? null : outcome.reason };
}
