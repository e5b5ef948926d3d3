// A case's timeline, read from the hub's log: the customer's messages, replies sent (by whom),
// internal notes, assignments, status and tag changes, and what the hub did itself (reopened it
// when the customer wrote again, woke it from a snooze, auto-assigned it). For those who see the
// handle's queue and for the case's assignee.
import { z } from 'zod';
import { HUB_ACTOR, type CaseTimelineItem } from '../../shared/hub-protocol';
import type { HubDb } from '../db/schema';
import { caseOfMessage, ingestedPost } from './assignments';
import { keptDmEvents } from './dm-events';
import { canViewHandle, permissionsOnHandle, type Access } from './members';

const CASE_INTENTS = ['assignPost', 'claimPost', 'setCaseStatus', 'tagCase', 'addNote', 'sendReply', 'replySettled', 'caseChanged', 'mergeCases', 'splitCase'];
const STATUS_WORDS: Record<string, string> = { open: 'Open', pending: 'Pending', snoozed: 'Snoozed', resolved: 'Resolved' };

const onPost = z.object({ postId: z.string() });
const assignArgs = z.object({ assigneeId: z.string().nullable() });
const statusArgs = z.object({ status: z.string(), until: z.number().optional() });
const tagArgs = z.object({ tag: z.string(), on: z.boolean() });
const textArgs = z.object({ text: z.string() });
const settledArgs = z.object({ inReplyTo: z.string(), reason: z.string().nullable() });
const changedArgs = z.object({ case: z.object({ postId: z.string(), assigneeId: z.string().nullable() }), reopenedBy: z.string().optional(), snoozeEnded: z.literal(true).optional() });

interface LoggedStep {
  intent: string;
  args: unknown;
  at: number;
}

/** One logged step of the case as a line, or null when it says nothing new (a member's own intent already did). */
function describe(step: LoggedStep, actorIsHub: boolean, nameOf: (memberId: string) => string): Pick<CaseTimelineItem, 'kind' | 'text'> | null {
  switch (step.intent) {
    case 'assignPost': {
      const args = assignArgs.safeParse(step.args);
      return args.success ? { kind: 'change', text: args.data.assigneeId ? `assigned it to ${nameOf(args.data.assigneeId)}` : 'unassigned it' } : null;
    }
    case 'claimPost':
      return { kind: 'change', text: 'took it' };
    case 'mergeCases':
      return { kind: 'change', text: 'merged another case of the customer’s into it' };
    case 'splitCase':
      return { kind: 'change', text: 'split a message off into a case of its own' };
    case 'setCaseStatus': {
      const args = statusArgs.safeParse(step.args);
      if (!args.success) return null;
      const until = args.data.until ? ` until ${new Date(args.data.until).toISOString().slice(0, 16).replace('T', ' ')} UTC` : '';
      return { kind: 'change', text: `set it ${STATUS_WORDS[args.data.status] ?? args.data.status}${until}` };
    }
    case 'tagCase': {
      const args = tagArgs.safeParse(step.args);
      return args.success ? { kind: 'change', text: args.data.on ? `tagged it “${args.data.tag}”` : `took off the tag “${args.data.tag}”` } : null;
    }
    case 'addNote':
    case 'sendReply': {
      const args = textArgs.safeParse(step.args);
      return args.success ? { kind: step.intent === 'addNote' ? 'note' : 'reply', text: args.data.text } : null;
    }
    case 'replySettled': {
      const args = settledArgs.safeParse(step.args);
      return args.success && args.data.reason ? { kind: 'change', text: `X refused the reply: ${args.data.reason}` } : null;
    }
    case 'caseChanged': {
      const args = changedArgs.safeParse(step.args);
      if (!actorIsHub || !args.success) return null;
      if (args.data.reopenedBy) return { kind: 'change', text: 'reopened it: the customer wrote again' };
      if (args.data.snoozeEnded) return { kind: 'change', text: 'reopened it: its snooze ended' };
      return args.data.case.assigneeId ? { kind: 'change', text: `assigned it to ${nameOf(args.data.case.assigneeId)}` } : null;
    }
  }
  return null;
}

/** The post ids a logged step is about (a reply settles the post it answered). */
function postOf(step: LoggedStep): string | null {
  if (step.intent === 'caseChanged') return changedArgs.safeParse(step.args).data?.case.postId ?? null;
  if (step.intent === 'replySettled') return settledArgs.safeParse(step.args).data?.inReplyTo ?? null;
  return onPost.safeParse(step.args).data?.postId ?? null;
}

export async function caseTimeline(db: HubDb, access: Access, handleId: string, postId: string): Promise<CaseTimelineItem[] | null> {
  if (!canViewHandle(access, handleId)) return null;
  const current = await caseOfMessage(db, handleId, postId);
  if (!permissionsOnHandle(access, handleId).has('view-unassigned') && current.assigneeId !== access.member.id) return null;
  const joined = await db.selectFrom('case_messages').select('post_id').where('handle_id', '=', handleId).where('case_post_id', '=', current.postId).execute();
  const postIds = new Set([current.postId, ...joined.map((row) => row.post_id)]);
  const opened = await db.selectFrom('assignments').select('created_at').where('handle_id', '=', handleId).where('post_id', '=', current.postId).executeTakeFirst();
  const names = new Map((await db.selectFrom('members').select(['id', 'display_name']).execute()).map((row) => [row.id, row.display_name]));
  const nameOf = (memberId: string) => (memberId === HUB_ACTOR ? 'Deckhand hub' : (names.get(memberId) ?? 'a former member'));

  const items: (CaseTimelineItem & { order: number })[] = [];
  for (const id of postIds) {
    const post = await ingestedPost(db, id);
    const at = post ? Date.parse(post.createdAt) : NaN;
    if (post) items.push({ at: Number.isFinite(at) ? at : 0, kind: 'message', actor: `@${post.author.username}`, text: post.text, order: 0 });
  }
  // The customer's direct messages of the case, as the hub kept them (ordered as their entries were logged).
  for (const { event, seq } of await keptDmEvents(db, handleId, [...postIds])) {
    const at = Date.parse(event.createdAt);
    items.push({ at: Number.isFinite(at) ? at : 0, kind: 'message', actor: event.sender ? `@${event.sender.username}` : 'The customer', text: `(direct message) ${event.text}`, order: seq });
  }
  const rows = await db
    .selectFrom('events')
    .select(['seq', 'actor_id', 'intent', 'args', 'at'])
    .where('space', '=', handleId)
    .where('outcome', '=', 'applied')
    .where('intent', 'in', CASE_INTENTS)
    .where('at', '>=', Number(opened?.created_at ?? 0) - 1)
    .orderBy('seq')
    .execute();
  for (const row of rows) {
    const step = { intent: row.intent, args: JSON.parse(row.args) as unknown, at: Number(row.at) };
    const about = postOf(step);
    if (about === null || !postIds.has(about)) continue;
    const line = describe(step, row.actor_id === HUB_ACTOR, nameOf);
    if (line) items.push({ at: step.at, actor: nameOf(row.actor_id), ...line, order: Number(row.seq) });
  }
  return items.sort((a, b) => a.at - b.at || a.order - b.order).map(({ order: _order, ...item }) => item);
}
