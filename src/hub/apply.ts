// The hub's one gate: every pushed intent is applied in ONE transaction — skip if already applied,
// check the member's permission on that handle, run, bump the space's version, append to the event
// log (refusals too) — and every read is checked the same way.
import { z } from 'zod';
import type { Permission } from '../shared/domain';
import { INTENT_REQUIREMENTS, INTENT_SCHEMAS, READ_REQUIREMENTS, READ_SCHEMAS, isIntentName, isReadName, type IntentName, type Requirement } from '../shared/hub-intents';
import type { Mutation, MutationResult, RefusalCode } from '../shared/hub-protocol';
import type { HubDb } from './db/schema';
import { INTENT_HANDLERS } from './intents';
import { isCaseIntent } from './case-intents';
import { Refusal, type AfterCommit, type HubServices, type IntentContext, type IntentOutcome } from './intent-context';
import { logCaseChange } from './case-log';
import { auditEntries } from './queries/audit';
import { caseTimeline } from './queries/case-timeline';
import { listApprovals } from './queries/approvals';
import { scheduledPostsOf, sentBetween } from './queries/outbox';
import { listInvites } from './queries/invites';
import { teamReport } from './queries/reports';
import { TEAM_SPACE, appendEvent, bumpSpace, getTeam, recordResult, recordedResult, takeNextSeq, type Audience } from './queries/log';
import { accessOf, allRoles, listMembers, permissionsOnHandle, type Access } from './queries/members';

export interface ApplyEnvironment {
  db: HubDb;
  now: () => number;
  hubUrl: string;
  services: HubServices;
}

/** What the server does after the commit: poke the space, end a removed member's sessions, and what the intent asked for. */
export interface AppliedEffects {
  space: string;
  version: number | null;
  removedMemberId: string | null;
  after: AfterCommit | null;
}

export interface Applied {
  result: MutationResult;
  effects: AppliedEffects | null;
}

const storedSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('applied'), result: z.unknown() }),
  z.object({ outcome: z.literal('refused'), code: z.enum(['forbidden', 'conflict', 'not_found', 'invalid_input', 'unknown_intent']), reason: z.string() }),
]);
type Stored = { outcome: 'applied'; result: unknown } | { outcome: 'refused'; code: RefusalCode; reason: string };

function missing(requirement: Requirement, access: Access, handleId: string | null): Permission[] {
  const held = requirement.scope === 'team' ? access.teamPermissions : handleId === null ? new Set<Permission>() : permissionsOnHandle(access, handleId);
  return requirement.permissions.filter((permission) => !held.has(permission));
}

function refusalForMissing(lacking: Permission[], handleId: string | null): Refusal {
  const where = handleId === null ? 'in this team' : `on ${handleId}`;
  return new Refusal('forbidden', `Refused: needs ${lacking.join(' and ')} ${where}.`);
}

/** The handle an intent's raw args speak of (for the log's space), when there is one. */
function handleIdOf(args: unknown): string | null {
  if (args && typeof args === 'object' && 'handleId' in args && typeof args.handleId === 'string' && args.handleId.length <= 100) return args.handleId;
  return null;
}

/** Applies one mutation of `memberId`'s desktop `clientId`; never throws for bad input. */
export async function applyMutation(env: ApplyEnvironment, memberId: string, clientId: string, mutation: Mutation): Promise<Applied> {
  const key = { memberId, clientId, mutationId: mutation.id };
  return env.db.transaction().execute(async (trx) => {
    const seq = await takeNextSeq(trx); // also the write lock: from here on this transaction is alone
    const previous = await recordedResult(trx, key);
    if (previous !== undefined) return { result: { ...storedSchema.parse(previous), id: mutation.id, replayed: true }, effects: null };

    const now = env.now();
    const access = await accessOf(trx, memberId);
    let space = TEAM_SPACE;
    let stored: Stored;
    let outcome: IntentOutcome | null = null;
    try {
      if (!access) throw new Refusal('forbidden', 'You are no longer a member of this team.');
      if (!isIntentName(mutation.name)) throw new Refusal('unknown_intent', `Unknown intent "${mutation.name}".`);
      const name: IntentName = mutation.name;
      const requirement = INTENT_REQUIREMENTS[name];
      const handleId = requirement.scope === 'handle' ? handleIdOf(mutation.args) : null;
      if (handleId !== null) space = handleId;
      const parsed = INTENT_SCHEMAS[name].safeParse(mutation.args ?? {});
      if (!parsed.success) throw new Refusal('invalid_input', `Invalid ${name}: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'args'}: ${issue.message}`).join('; ')}`);
      const lacking = missing(requirement, access, handleId);
      if (lacking.length > 0) throw refusalForMissing(lacking, handleId);
      const context: IntentContext = { db: trx, access, now, hubUrl: env.hubUrl, services: env.services };
      outcome = await runHandler(name, context, parsed.data);
      if (outcome.space) space = outcome.space;
      stored = { outcome: 'applied', result: outcome.recorded ?? outcome.result };
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      stored = { outcome: 'refused', code: error.code, reason: error.message };
    }

    // A refused intent about a case says which post it was about: like the case, it is for the queue's viewers only.
    const refusedAudience: Audience = space === TEAM_SPACE ? 'manage-team' : isCaseIntent(mutation.name) ? 'case' : 'member';
    const audience: Audience = outcome?.audience ?? refusedAudience;
    const reason = stored.outcome === 'refused' ? stored.reason : null;
    const forMember = outcome?.forMember ?? null;
    await appendEvent(trx, { seq, space, audience, forMember, actorId: memberId, clientId, mutationId: mutation.id, intent: mutation.name, args: outcome?.logged ?? mutation.args, outcome: stored.outcome, reason, at: now });
    await recordResult(trx, key, stored, now);
    if (!outcome) return { result: { ...stored, id: mutation.id, replayed: false }, effects: null };
    for (const changed of outcome.casesChanged ?? []) {
      await logCaseChange(trx, { space, actorId: memberId, clientId, mutationId: mutation.id, at: now }, changed.case, changed.previousAssigneeId);
    }
    const version = await bumpSpace(trx, space);
    return {
      result: { outcome: 'applied', result: outcome.result, id: mutation.id, replayed: false },
      effects: { space, version, removedMemberId: outcome.removedMemberId ?? null, after: outcome.after ?? null },
    };
  });
}

function runHandler<N extends IntentName>(name: N, context: IntentContext, args: unknown): Promise<IntentOutcome> {
  // The args were parsed by INTENT_SCHEMAS[name] just before: the handler of that name accepts them.
  const handler = INTENT_HANDLERS[name] as (context: IntentContext, args: unknown) => Promise<IntentOutcome>;
  return handler(context, args);
}

export type ReadAnswer = { ok: true; value: unknown } | { ok: false; code: RefusalCode; message: string };

/** A read, checked against the member's current permissions. */
export async function runRead(db: HubDb, memberId: string, name: string, args: unknown): Promise<ReadAnswer> {
  const access = await accessOf(db, memberId);
  if (!access) return { ok: false, code: 'forbidden', message: 'You are no longer a member of this team.' };
  if (!isReadName(name)) return { ok: false, code: 'unknown_intent', message: `Unknown read "${name}".` };
  const parsed = READ_SCHEMAS[name].safeParse(args ?? {});
  if (!parsed.success) return { ok: false, code: 'invalid_input', message: `Invalid ${name}: ${parsed.error.issues.map((issue) => issue.message).join('; ')}` };
  const lacking = missing(READ_REQUIREMENTS[name], access, null);
  if (lacking.length > 0) return { ok: false, code: 'forbidden', message: refusalForMissing(lacking, null).message };
  switch (name) {
    case 'getTeam':
      return { ok: true, value: await getTeam(db) };
    case 'listMembers':
      return { ok: true, value: await listMembers(db) };
    case 'listRoles':
      return { ok: true, value: await allRoles(db) };
    case 'listInvites':
      return { ok: true, value: await listInvites(db) };
    case 'caseTimeline': {
      const wanted = READ_SCHEMAS.caseTimeline.parse(args);
      const items = await caseTimeline(db, access, wanted.handleId, wanted.postId);
      return items ? { ok: true, value: items } : { ok: false, code: 'forbidden', message: 'Refused: a case’s timeline is for those who see the handle’s queue, and its assignee.' };
    }
    case 'listApprovals': {
      const approvals = await listApprovals(db, access, READ_SCHEMAS.listApprovals.parse(args));
      return approvals ? { ok: true, value: approvals } : { ok: false, code: 'forbidden', message: 'Refused: a handle’s approvals are for those who may view it.' };
    }
    case 'auditLog': {
      const entries = await auditEntries(db, access, READ_SCHEMAS.auditLog.parse(args ?? {}));
      return entries ? { ok: true, value: entries } : { ok: false, code: 'forbidden', message: 'Refused: the audit log needs view-reports on a handle, or manage-team.' };
    }
    case 'reports': {
      const report = await teamReport(db, access, READ_SCHEMAS.reports.parse(args));
      return report ? { ok: true, value: report } : { ok: false, code: 'forbidden', message: 'Refused: reports need view-reports on the handle.' };
    }
    case 'scheduledPosts': {
      const { handleId } = READ_SCHEMAS.scheduledPosts.parse(args);
      if (!permissionsOnHandle(access, handleId).has('view')) return { ok: false, code: 'forbidden', message: 'Refused: a handle’s posts are for those who may view it.' };
      return { ok: true, value: await scheduledPostsOf(db, handleId) };
    }
    case 'daySends': {
      const { handleId, from, to } = READ_SCHEMAS.daySends.parse(args);
      if (!permissionsOnHandle(access, handleId).has('view')) return { ok: false, code: 'forbidden', message: 'Refused: a handle’s sends are for those who may view it.' };
      return { ok: true, value: await sentBetween(db, handleId, from, to) };
    }
  }
}
