// Who takes a new case, and with what: the handle's routing rules (in order) set its priority and
// tags, flag it do-not-engage or name a member or a role; auto-assignment (round-robin or
// balanced, a capacity per agent, nobody away) picks among those who may answer. A case nobody can
// take waits in the queue, which drains as agents free up or come back.
import { drainQueue as drainInTurn, pickAssignee, type AutoAssignSettings, type Candidate } from '../../shared/auto-assign';
import type { CaseSettings } from '../../shared/case-settings';
import { routePost, type AssignTarget, type RoutingDecision } from '../../shared/routing-rules';
import { assessPost } from '../../shared/sentiment';
import type { HubDb } from '../db/schema';
import type { CustomerMessage } from './case-intake';
import { HUB_ACTOR, type AssignmentView } from '../../shared/hub-protocol';
import { logCaseChange } from '../case-log';
import { assignmentOf, writeAssignment } from '../queries/assignments';
import { loadAccess, permissionsOnHandle } from '../queries/members';

/** Cases one drain gives at most (the next change drains on). */
const DRAIN_BATCH = 200;

/** What no rule decides (a handle without rules: the ingest then spends nothing on assessing posts). */
const NO_DECISION: RoutingDecision = { assignTo: null, priority: null, tags: [], doNotEngage: false, matchedRuleIds: [] };

/** What the rules look at: the message, its author, their labels, and its tone and priority. */
function factsOf(post: CustomerMessage, labels: string[]) {
  const assessment = assessPost({ text: post.text, lang: post.lang, followers: post.followers, verified: post.verified, labels });
  return { text: post.text, lang: post.lang, followers: post.followers, verified: post.verified, labels, sentiment: assessment.sentiment, priorityScore: assessment.priority };
}

/** A new case as its handle's rules shape it, and whom (if anyone) the rules give it to. */
export function routeOpenedCase(opened: AssignmentView, post: CustomerMessage, settings: CaseSettings, labels: string[]): { routed: AssignmentView; target: AssignTarget | null } {
  const decision = settings.routing.length > 0 ? routePost(settings.routing, factsOf(post, labels)) : NO_DECISION;
  const listed = settings.doNotEngage.some((entry) => entry.userId === post.authorId);
  const routed = {
    ...opened,
    priority: decision.priority ?? opened.priority,
    tags: [...new Set([...opened.tags, ...decision.tags])],
    doNotEngage: opened.doNotEngage || listed || decision.doNotEngage,
  };
  return { routed, target: routed.doNotEngage ? null : decision.assignTo };
}

const lastKey = (handleId: string) => `auto-assign:last:${handleId}`;

async function lastAssigned(trx: HubDb, handleId: string): Promise<string | null> {
  return (await trx.selectFrom('hub_meta').select('value').where('key', '=', lastKey(handleId)).executeTakeFirst())?.value ?? null;
}

async function rememberLast(trx: HubDb, handleId: string, memberId: string): Promise<void> {
  await trx.insertInto('hub_meta').values({ key: lastKey(handleId), value: memberId }).onConflict((oc) => oc.column('key').doUpdateSet({ value: memberId })).execute();
}

/** Those who may answer on the handle (optionally holding `roleId` there), in the order they joined, with their open cases. */
async function candidatesOn(trx: HubDb, handleId: string, available: ReadonlySet<string>, roleId: string | null): Promise<Candidate[]> {
  const access = [...(await loadAccess(trx)).values()].filter((member) => permissionsOnHandle(member, handleId).has('reply'));
  const holders = roleId === null ? null : new Set((await trx.selectFrom('member_roles').select('member_id').where('handle_id', '=', handleId).where('role_id', '=', roleId).execute()).map((row) => row.member_id));
  const load = await trx
    .selectFrom('assignments')
    .select(['assignee_id', (eb) => eb.fn.countAll<number | string>().as('open')])
    .where('handle_id', '=', handleId)
    .where('status', '!=', 'resolved')
    .where('assignee_id', 'is not', null)
    .groupBy('assignee_id')
    .execute();
  const openBy = new Map(load.map((row) => [row.assignee_id, Number(row.open)]));
  return access
    .filter((member) => holders === null || holders.has(member.member.id))
    .sort((a, b) => a.member.createdAt - b.member.createdAt || a.member.id.localeCompare(b.member.id))
    .map((member) => ({ memberId: member.member.id, openCases: openBy.get(member.member.id) ?? 0, away: !available.has(member.member.id) }));
}

/**
 * Whom the rules give a case to: the member they name (if they may still answer there), or the
 * next eligible member of the role they name, as auto-assignment picks (balanced when it is off).
 * Null: the case waits in the queue.
 */
async function chooseAssignee(trx: HubDb, handleId: string, settings: CaseSettings, target: AssignTarget, available: ReadonlySet<string>): Promise<string | null> {
  if ('memberId' in target) {
    const member = (await loadAccess(trx, target.memberId)).get(target.memberId);
    return member && permissionsOnHandle(member, handleId).has('view') ? target.memberId : null;
  }
  const mode: AutoAssignSettings = settings.autoAssign.mode === 'off' ? { ...settings.autoAssign, mode: 'balanced' } : settings.autoAssign;
  const chosen = pickAssignee(mode, await candidatesOn(trx, handleId, available, target.roleId), await lastAssigned(trx, handleId));
  if (chosen) await rememberLast(trx, handleId, chosen);
  return chosen;
}

/** The handle's open, unassigned cases, oldest first (the queue auto-assignment drains). */
export async function queuedCases(trx: HubDb, handleId: string, limit: number): Promise<string[]> {
  const rows = await trx
    .selectFrom('assignments')
    .select('post_id')
    .where('handle_id', '=', handleId)
    .where('status', '=', 'open')
    .where('assignee_id', 'is', null)
    .where('do_not_engage', '=', 0)
    .orderBy('created_at')
    .orderBy('post_id')
    .limit(limit)
    .execute();
  return rows.map((row) => row.post_id);
}

/** Gives a case to `assigneeId` as the hub (actor HUB_ACTOR), logged for the queue's viewers and the assignee. */
async function giveAsHub(trx: HubDb, item: AssignmentView, assigneeId: string, at: number): Promise<void> {
  const next = { ...item, assigneeId, version: item.version + 1 };
  await writeAssignment(trx, next, at);
  await logCaseChange(trx, { space: item.handleId, actorId: HUB_ACTOR, clientId: HUB_ACTOR, mutationId: 0, at }, next, item.assigneeId);
}

/**
 * Gives `items` (oldest first) to the agents in turn, as auto-assignment picks: the candidates and
 * their loads read once, each case counted against capacity as it is given. Answers how many were given.
 */
async function assignInTurn(trx: HubDb, handleId: string, settings: CaseSettings, available: ReadonlySet<string>, items: readonly AssignmentView[], at: number): Promise<number> {
  if (settings.autoAssign.mode === 'off' || items.length === 0) return 0;
  const byKey = new Map(items.map((item) => [item.postId, item]));
  const drained = drainInTurn(settings.autoAssign, await candidatesOn(trx, handleId, available, null), [...byKey.keys()], await lastAssigned(trx, handleId));
  for (const { caseKey, memberId } of drained.assignments) {
    const item = byKey.get(caseKey);
    if (item) await giveAsHub(trx, item, memberId, at);
  }
  if (drained.lastAssignedId && drained.assignments.length > 0) await rememberLast(trx, handleId, drained.lastAssignedId);
  return drained.assignments.length;
}

/** The cases an ingest just opened go where the rules say, the others to the next agents in turn; answers how many were given. */
export async function assignOpened(trx: HubDb, opened: readonly AssignmentView[], targets: ReadonlyMap<string, AssignTarget>, settings: CaseSettings, available: ReadonlySet<string>, at: number): Promise<number> {
  let given = 0;
  for (const item of opened) {
    const target = targets.get(item.postId);
    if (!target) continue;
    const assigneeId = await chooseAssignee(trx, item.handleId, settings, target, available);
    if (assigneeId === null) continue;
    await giveAsHub(trx, item, assigneeId, at);
    given += 1;
  }
  const [first] = opened;
  const untargeted = opened.filter((item) => !targets.has(item.postId));
  return first ? given + (await assignInTurn(trx, first.handleId, settings, available, untargeted, at)) : given;
}

/** Drains the handle's queue, oldest case first, while someone may take one; answers how many were given. */
export async function drainQueue(trx: HubDb, handleId: string, settings: CaseSettings, available: ReadonlySet<string>, at: number): Promise<number> {
  if (settings.autoAssign.mode === 'off') return 0;
  const queued: AssignmentView[] = [];
  for (const postId of await queuedCases(trx, handleId, DRAIN_BATCH)) queued.push(await assignmentOf(trx, handleId, postId));
  return assignInTurn(trx, handleId, settings, available, queued, at);
}

/** The labels the team gave a customer. */
export async function labelsOf(trx: HubDb, customerId: string): Promise<string[]> {
  return (await trx.selectFrom('customer_labels').select('label').where('customer_id', '=', customerId).orderBy('label').execute()).map((row) => row.label);
}
