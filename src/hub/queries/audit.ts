// The event log read as the audit log: members' intents (refusals included) and what the hub did
// itself (handles connected, replies sent, cases reopened), newest first. What it ingested is not
// an act of anyone's and stays out. Members see the handles where they may view reports; those who
// manage the team see everything.
import type { AuditEntry } from '../../shared/hub-protocol';
import { HUB_ACTOR } from '../../shared/hub-protocol';
import type { HubDb } from '../db/schema';
import { permissionsOnHandle, type Access } from './members';

const DETAIL_MAX = 300;

export async function auditEntries(db: HubDb, access: Access, options: { beforeSeq?: number | undefined; limit: number }): Promise<AuditEntry[] | null> {
  const manageTeam = access.teamPermissions.has('manage-team');
  const reportHandles = [...access.handlePermissions.keys()].filter((handleId) => permissionsOnHandle(access, handleId).has('view-reports'));
  if (!manageTeam && reportHandles.length === 0) return null;
  let query = db.selectFrom('events').selectAll().where('intent', 'not in', ['ingested', 'ingestedDms']).orderBy('seq', 'desc').limit(options.limit);
  if (options.beforeSeq !== undefined) query = query.where('seq', '<', options.beforeSeq);
  if (!manageTeam) query = query.where('space', 'in', reportHandles);
  const rows = await query.execute();
  const names = new Map((await db.selectFrom('members').select(['id', 'display_name']).execute()).map((row) => [row.id, row.display_name]));
  const handles = new Map((await db.selectFrom('handles').select(['id', 'username']).execute()).map((row) => [row.id, `@${row.username}`]));
  return rows.map((row) => ({
    seq: row.seq,
    at: row.at,
    actorId: row.actor_id,
    actor: row.actor_id === HUB_ACTOR ? 'Deckhand hub' : (names.get(row.actor_id) ?? 'a former member'),
    handle: handles.get(row.space) ?? null,
    intent: row.intent,
    outcome: row.outcome === 'applied' ? 'applied' : 'refused',
    reason: row.reason,
    detail: row.args.length > DETAIL_MAX ? `${row.args.slice(0, DETAIL_MAX - 1)}…` : row.args,
  }));
}
