// Pull: the log entries after a cursor that the member may see, or a snapshot of what they may see
// when their cursor is older than the kept log.
import type { HubMessage, Snapshot } from '../shared/hub-protocol';
import type { HubDb } from './db/schema';
import { casesVisibleTo, ingestedPost } from './queries/assignments';
import { TEAM_SPACE, getTeam, listTeamHandles, logBounds, spaceVersions, visibleEntries } from './queries/log';
import { accessOf, allRoles, canViewHandle, listMembers, permissionsOnHandle, type Access } from './queries/members';
import { listTeamColumns, memberLayouts, recentPosts } from './queries/team-columns';
import { notesOn } from './queries/notes';
import { caseDmEvents } from './queries/dm-events';
import { customerNotesOn } from './queries/customer-notes';

export const PULL_PAGE = 500;
/** Posts per team column a snapshot brings (a desktop's archive keeps what it saw before). */
export const SNAPSHOT_POSTS = 200;

function viewableHandles(access: Access): string[] {
  return [...access.handlePermissions.keys()].filter((handleId) => canViewHandle(access, handleId)).sort();
}

/** Handles whose queue (what the hub ingested, unassigned) the member may see. */
function queueHandles(access: Access): string[] {
  return viewableHandles(access).filter((handleId) => permissionsOnHandle(access, handleId).has('view-unassigned'));
}

export async function pull(db: HubDb, memberId: string, cursor: number, wantsSnapshot = false): Promise<HubMessage> {
  const access = await accessOf(db, memberId);
  if (!access) return { type: 'error', code: 'unauthorized', message: 'You are no longer a member of this team.' };
  const { head, keptFrom } = await logBounds(db);
  // A new desktop asks for a snapshot rather than the team's whole history.
  if (cursor < keptFrom - 1 || wantsSnapshot) return { type: 'snapshot', snapshot: await snapshotFor(db, access), cursor: head };
  const entries = await visibleEntries(db, {
    cursor,
    head,
    memberId,
    handleIds: viewableHandles(access),
    unassignedHandleIds: queueHandles(access),
    manageTeam: access.teamPermissions.has('manage-team'),
    limit: PULL_PAGE,
  });
  const more = entries.length === PULL_PAGE;
  const last = entries.at(-1);
  return { type: 'pullResult', entries, cursor: more && last ? last.seq : Math.max(cursor, head), more };
}

export async function snapshotFor(db: HubDb, access: Access): Promise<Snapshot> {
  const handleIds = viewableHandles(access);
  const team = (await getTeam(db)) ?? { name: '', handles: [] };
  const versions = await spaceVersions(db);
  const spaces: Record<string, number> = { [TEAM_SPACE]: versions.get(TEAM_SPACE) ?? 0 };
  for (const handleId of handleIds) spaces[handleId] = versions.get(handleId) ?? 0;
  const columns = await listTeamColumns(db, handleIds);
  const queues = new Set(queueHandles(access));
  const recent = await recentPosts(
    db,
    columns.filter((column) => queues.has(column.handleId)).map((column) => column.id),
    SNAPSHOT_POSTS,
  );
  const assignments = await casesVisibleTo(db, access.member.id, [...queues], handleIds);
  // A member sees notes on the cases they may see; posts and DMs of their cases outside the queue they see come with them.
  const visibleCases = new Set(assignments.map((item) => `${item.handleId}/${item.postId}`));
  const notes = (await notesOn(db, handleIds)).filter((note) => queues.has(note.handleId) || visibleCases.has(`${note.handleId}/${note.postId}`));
  const casePosts = [];
  const caseDms: Snapshot['caseDms'] = [];
  for (const item of assignments) {
    if (queues.has(item.handleId)) continue;
    const post = await ingestedPost(db, item.postId);
    if (post) casePosts.push(post);
    const events = await caseDmEvents(db, item.handleId, item.postId);
    if (events.length > 0) caseDms.push({ handleId: item.handleId, events });
  }
  return {
    team: { name: team.name, handles: team.handles.filter((handle) => handleIds.includes(handle.id)) },
    handles: (await listTeamHandles(db)).filter((handle) => handleIds.includes(handle.id)),
    columns,
    layouts: await memberLayouts(db, access.member.id),
    notes,
    recent,
    members: await listMembers(db),
    roles: await allRoles(db),
    assignments,
    casePosts,
    caseDms,
    // Like the log's noteCustomer entries: the notes written through the handles the member may view.
    customerNotes: await customerNotesOn(db, handleIds),
    customerLabels: (await db.selectFrom('customer_labels').select(['customer_id', 'label', 'added_at']).orderBy('added_at').execute()).map((row) => ({ customerId: row.customer_id, label: row.label, addedAt: Number(row.added_at) })),
    spaces,
  };
}
