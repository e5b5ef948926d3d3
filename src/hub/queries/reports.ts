// A report's raw material, read from the hub's store: the cases of the handles a member may view
// reports on, each with its history from the log (status changes, replies X took) and the
// customer messages that joined it; src/shared/reports.ts does the counting. The log keeps case
// changes and settled replies for good (only ingested posts are pruned), so old ranges still add up.
import { z } from 'zod';
import { caseSettingsFromJson } from '../../shared/case-settings';
import { stringsFromJson } from '../../shared/case-tags';
import { CASE_STATUSES, type CaseStatus } from '../../shared/hub-protocol';
import { computeReport, type Report, type ReportCase, type ReportRequest } from '../../shared/reports';
import type { HubDb } from '../db/schema';
import { permissionsOnHandle, type Access } from './members';

const caseChangedArgs = z.object({ case: z.object({ postId: z.string(), status: z.enum(CASE_STATUSES), assigneeId: z.string().nullable(), tags: z.array(z.string()) }) });
const replySettledArgs = z.object({ memberId: z.string(), inReplyTo: z.string(), replyId: z.string().nullable(), kind: z.enum(['reply', 'dm']).optional() });

/** The handles a member may view reports on (all of them, or the one asked for); null when none. */
export function reportHandles(access: Access, handleId: string | undefined): string[] | null {
  const allowed = [...access.handlePermissions.keys()].filter((id) => permissionsOnHandle(access, id).has('view-reports'));
  const wanted = handleId === undefined ? allowed : allowed.filter((id) => id === handleId);
  return wanted.length > 0 ? wanted : null;
}

interface Gathered extends ReportCase {
  customerId: string | null;
  tags: string[];
  statusChanges: { at: number; status: CaseStatus }[];
  messagesAt: number[];
  replies: { at: number; memberId: string }[];
}

const parsedJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

/** The report over the request's range of the handles `access` may view reports on; null: none (a refusal). */
export async function teamReport(db: HubDb, access: Access, request: ReportRequest): Promise<Report | null> {
  const handleIds = reportHandles(access, request.handleId);
  if (!handleIds) return null;
  const { from, to } = request;
  const handles = await db.selectFrom('handles').select(['id', 'username', 'case_settings']).where('id', 'in', handleIds).orderBy('username').execute();
  const memberNames = new Map((await db.selectFrom('members').select(['id', 'display_name']).execute()).map((row) => [row.id, row.display_name]));

  // Cases opened before the range's end that were still alive at its start (a case resolved and untouched before `from` adds nothing).
  const rows = await db
    .selectFrom('assignments')
    .select(['handle_id', 'post_id', 'created_at', 'assignee_id', 'tags', 'customer_id'])
    .where('handle_id', 'in', handleIds)
    .where('created_at', 'is not', null)
    .where('created_at', '<', to)
    .where((eb) => eb.or([eb('status', '!=', 'resolved'), eb('updated_at', '>=', from)]))
    .execute();
  const cases = new Map<string, Gathered>();
  const keyOf = (handleId: string, postId: string) => `${handleId}\u0000${postId}`;
  for (const row of rows) {
    cases.set(keyOf(row.handle_id, row.post_id), {
      handleId: row.handle_id,
      caseId: row.post_id,
      openedAt: Number(row.created_at),
      assigneeId: row.assignee_id,
      tags: stringsFromJson(row.tags),
      customerId: row.customer_id,
      statusChanges: [],
      messagesAt: [],
      replies: [],
    });
  }
  let earliest = from;
  for (const item of cases.values()) earliest = Math.min(earliest, item.openedAt);

  const messages = await db.selectFrom('case_messages').select(['handle_id', 'case_post_id', 'at']).where('handle_id', 'in', handleIds).where('at', '>=', from).where('at', '<', to).execute();
  for (const message of messages) cases.get(keyOf(message.handle_id, message.case_post_id))?.messagesAt.push(Number(message.at));

  const history = await db
    .selectFrom('events')
    .select(['space', 'intent', 'args', 'at'])
    .where('space', 'in', handleIds)
    .where('outcome', '=', 'applied')
    .where((eb) => eb.or([eb.and([eb('intent', '=', 'caseChanged'), eb('audience', '=', 'case')]), eb('intent', '=', 'replySettled')]))
    .where('at', '>=', earliest)
    .where('at', '<', to)
    .orderBy('seq')
    .execute();
  const replies: { handleId: string; at: number; args: z.output<typeof replySettledArgs> }[] = [];
  // The state each case was last logged in before the range's end: what it is grouped by.
  const lastLogged = new Map<string, { assigneeId: string | null; tags: string[] }>();
  for (const entry of history) {
    const at = Number(entry.at);
    if (entry.intent === 'replySettled') {
      const args = replySettledArgs.safeParse(parsedJson(entry.args));
      if (args.success && args.data.replyId !== null) replies.push({ handleId: entry.space, at, args: args.data });
      continue;
    }
    const args = caseChangedArgs.safeParse(parsedJson(entry.args));
    if (!args.success) continue;
    const key = keyOf(entry.space, args.data.case.postId);
    const item = cases.get(key);
    if (!item) continue;
    item.statusChanges.push({ at, status: args.data.case.status });
    lastLogged.set(key, { assigneeId: args.data.case.assigneeId, tags: args.data.case.tags });
  }
  for (const [key, state] of lastLogged) {
    const item = cases.get(key);
    if (!item) continue;
    item.assigneeId = state.assigneeId;
    item.tags = state.tags;
  }
  await creditReplies(db, handleIds, replies, cases, keyOf);

  return computeReport({
    from,
    to,
    handles: handles.map((handle) => ({ id: handle.id, label: `@${handle.username}`, sla: caseSettingsFromJson(handle.case_settings).sla })),
    memberNames,
    cases: [...cases.values()],
  });
}

/** Each reply joins the case it answered: a post's case (the one it opened or joined), or for a DM the customer's case open by then. */
async function creditReplies(
  db: HubDb,
  handleIds: string[],
  replies: { handleId: string; at: number; args: z.output<typeof replySettledArgs> }[],
  cases: Map<string, Gathered>,
  keyOf: (handleId: string, postId: string) => string,
): Promise<void> {
  const answered = [...new Set(replies.filter((reply) => reply.args.kind !== 'dm').map((reply) => reply.args.inReplyTo))];
  const joined = new Map<string, string>();
  for (let start = 0; start < answered.length; start += 500) {
    const rows = await db.selectFrom('case_messages').select(['handle_id', 'post_id', 'case_post_id']).where('handle_id', 'in', handleIds).where('post_id', 'in', answered.slice(start, start + 500)).execute();
    for (const row of rows) joined.set(keyOf(row.handle_id, row.post_id), row.case_post_id);
  }
  for (const reply of replies) {
    let item: Gathered | undefined;
    if (reply.args.kind === 'dm') {
      const customer = reply.args.inReplyTo.split('-').find((id) => id !== reply.handleId);
      item = [...cases.values()]
        .filter((candidate) => candidate.handleId === reply.handleId && candidate.customerId === customer && candidate.openedAt <= reply.at)
        .sort((a, b) => b.openedAt - a.openedAt)[0];
    } else {
      const caseId = joined.get(keyOf(reply.handleId, reply.args.inReplyTo)) ?? reply.args.inReplyTo;
      item = cases.get(keyOf(reply.handleId, caseId));
    }
    item?.replies.push({ at: reply.at, memberId: reply.args.memberId });
  }
}
