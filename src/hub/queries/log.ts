// The team row, the event log (also the audit log, refusals included), space versions and the
// record of applied mutations that makes pushes idempotent.
import type { LogEntry, HandleView, TeamHandleView, TeamView } from '../../shared/hub-protocol';
import { stringsFromJson } from '../../shared/case-tags';
import { caseSettingsFromJson, type CaseSettings } from '../../shared/case-settings';
import { savedRepliesFromJson } from '../../shared/saved-replies';
import type { HubDb } from '../db/schema';

export const TEAM_SPACE = 'team';

export async function teamExists(db: HubDb): Promise<boolean> {
  return (await db.selectFrom('team').select('id').where('id', '=', 1).executeTakeFirst()) !== undefined;
}

export async function insertTeam(db: HubDb, name: string, at: number): Promise<void> {
  await db.insertInto('team').values({ id: 1, name, created_at: at, seq_head: 0, kept_from_seq: 1 }).execute();
  await db.insertInto('spaces').values({ id: TEAM_SPACE, version: 0 }).execute();
}

export async function getTeam(db: HubDb): Promise<TeamView | null> {
  const team = await db.selectFrom('team').select('name').where('id', '=', 1).executeTakeFirst();
  if (!team) return null;
  return { name: team.name, handles: await listHandles(db) };
}

export async function listHandles(db: HubDb): Promise<HandleView[]> {
  const rows = await db.selectFrom('handles').select(['id', 'username', 'tags', 'tag_on_resolve', 'case_settings', 'saved_replies']).orderBy('added_at').orderBy('id').execute();
  return rows.map((row) => ({
    id: row.id,
    username: row.username,
    tags: stringsFromJson(row.tags),
    tagRequiredOnResolve: Number(row.tag_on_resolve) === 1,
    caseSettings: caseSettingsFromJson(row.case_settings),
    savedReplies: savedRepliesFromJson(row.saved_replies),
  }));
}

/** A handle's case settings (the defaults for a handle the hub does not have). */
export async function caseSettingsOf(db: HubDb, handleId: string): Promise<CaseSettings> {
  const row = await db.selectFrom('handles').select('case_settings').where('id', '=', handleId).executeTakeFirst();
  return caseSettingsFromJson(row?.case_settings ?? '{}');
}

export async function listTeamHandles(db: HubDb): Promise<TeamHandleView[]> {
  const rows = await db.selectFrom('handles').select(['id', 'username', 'name', 'avatar_url']).orderBy('added_at').orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, username: row.username, name: row.name, avatarUrl: row.avatar_url }));
}

/** A handle connected (again): X's profile of it is kept; its space starts at version 0. */
export async function upsertHandle(db: HubDb, handle: TeamHandleView, addedBy: string, at: number): Promise<void> {
  await db
    .insertInto('handles')
    .values({ id: handle.id, username: handle.username, name: handle.name, avatar_url: handle.avatarUrl, added_by: addedBy, added_at: at })
    .onConflict((oc) => oc.column('id').doUpdateSet({ username: handle.username, name: handle.name, avatar_url: handle.avatarUrl }))
    .execute();
  await db.insertInto('spaces').values({ id: handle.id, version: 0 }).onConflict((oc) => oc.column('id').doNothing()).execute();
}

/**
 * Hands out the next sequence number. The UPDATE holds the team row's lock until the transaction
 * ends, so writers run one at a time (also across hub processes on one PostgreSQL) and sequence
 * order is commit order: a puller never skips an entry that commits late.
 */
export async function takeNextSeq(db: HubDb): Promise<number> {
  const row = await db.updateTable('team').set((eb) => ({ seq_head: eb('seq_head', '+', 1) })).where('id', '=', 1).returning('seq_head').executeTakeFirstOrThrow();
  return row.seq_head;
}

export async function logBounds(db: HubDb): Promise<{ head: number; keptFrom: number }> {
  const row = await db.selectFrom('team').select(['seq_head', 'kept_from_seq']).where('id', '=', 1).executeTakeFirst();
  return { head: row?.seq_head ?? 0, keptFrom: row?.kept_from_seq ?? 1 };
}

export async function bumpSpace(db: HubDb, space: string): Promise<number> {
  const row = await db.updateTable('spaces').set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', space).returning('version').executeTakeFirst();
  if (row) return row.version;
  await db.insertInto('spaces').values({ id: space, version: 1 }).execute();
  return 1;
}

export async function spaceVersions(db: HubDb): Promise<Map<string, number>> {
  const rows = await db.selectFrom('spaces').selectAll().execute();
  return new Map(rows.map((row) => [row.id, row.version]));
}

/**
 * member: whoever may view the space (every member for the team's); manage-team: the team admin
 * audit; view-unassigned: what the hub ingested, only for those who may see a handle's queue;
 * self: the actor alone (in their own space); case: about a case, for those who see the handle's
 * queue and its assignee (`forMember`); case-only: for `forMember` alone (a case taken from them).
 */
export type Audience = 'member' | 'manage-team' | 'view-unassigned' | 'self' | 'case' | 'case-only';

/** A member's own space: what only they see (their layout of team columns), on all their desktops. */
export const memberSpace = (memberId: string) => `member:${memberId}`;

/** A log entry as the hub writes it: what desktops see, plus who may see it. */
export type NewEvent = LogEntry & { audience: Audience; forMember?: string | null };

export async function appendEvent(db: HubDb, event: NewEvent): Promise<void> {
  await db
    .insertInto('events')
    .values({
      seq: event.seq,
      space: event.space,
      audience: event.audience,
      actor_id: event.actorId,
      client_id: event.clientId,
      mutation_id: event.mutationId,
      intent: event.intent,
      args: JSON.stringify(event.args ?? null),
      outcome: event.outcome,
      reason: event.reason,
      at: event.at,
      for_member: event.forMember ?? null,
    })
    .execute();
}

/**
 * Entries after `cursor` up to `head` that a member may see: those of the handles they may view,
 * and the team's own (its admin audit only with manage-team).
 */
export async function visibleEntries(
  db: HubDb,
  options: { cursor: number; head: number; memberId: string; handleIds: string[]; unassignedHandleIds: string[]; manageTeam: boolean; limit: number },
): Promise<LogEntry[]> {
  const rows = await db
    .selectFrom('events')
    .selectAll()
    .where('seq', '>', options.cursor)
    .where('seq', '<=', options.head)
    .where((eb) => {
      const teamAudience = options.manageTeam ? eb('space', '=', TEAM_SPACE) : eb.and([eb('space', '=', TEAM_SPACE), eb('audience', '=', 'member')]);
      const audiences = [teamAudience, eb.and([eb('space', '=', memberSpace(options.memberId)), eb('actor_id', '=', options.memberId)])];
      if (options.handleIds.length > 0) {
        audiences.push(eb.and([eb('space', 'in', options.handleIds), eb('audience', 'not in', ['view-unassigned', 'case', 'case-only'])]));
        audiences.push(eb.and([eb('space', 'in', options.handleIds), eb('audience', 'in', ['case', 'case-only']), eb('for_member', '=', options.memberId)]));
      }
      if (options.unassignedHandleIds.length > 0) audiences.push(eb.and([eb('space', 'in', options.unassignedHandleIds), eb('audience', 'in', ['view-unassigned', 'case'])]));
      return eb.or(audiences);
    })
    .orderBy('seq')
    .limit(options.limit)
    .execute();
  return rows.map((row) => ({
    seq: row.seq,
    space: row.space,
    actorId: row.actor_id,
    clientId: row.client_id,
    mutationId: row.mutation_id,
    intent: row.intent,
    args: JSON.parse(row.args) as unknown,
    outcome: row.outcome === 'applied' ? 'applied' : 'refused',
    reason: row.reason,
    at: row.at,
  }));
}

/** Drops entries before `beforeSeq` (retention); cursors older than that get a snapshot. */
export async function pruneEventsBefore(db: HubDb, beforeSeq: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('events').where('seq', '<', beforeSeq).execute();
    await trx.updateTable('team').set({ kept_from_seq: beforeSeq }).where('id', '=', 1).where('kept_from_seq', '<', beforeSeq).execute();
  });
}

export async function recordedResult(db: HubDb, key: { memberId: string; clientId: string; mutationId: number }): Promise<unknown> {
  const row = await db
    .selectFrom('applied_mutations')
    .select('result')
    .where('member_id', '=', key.memberId)
    .where('client_id', '=', key.clientId)
    .where('mutation_id', '=', key.mutationId)
    .executeTakeFirst();
  return row ? (JSON.parse(row.result) as unknown) : undefined;
}

export async function recordResult(db: HubDb, key: { memberId: string; clientId: string; mutationId: number }, result: unknown, at: number): Promise<void> {
  await db.insertInto('applied_mutations').values({ member_id: key.memberId, client_id: key.clientId, mutation_id: key.mutationId, result: JSON.stringify(result), at }).execute();
}
