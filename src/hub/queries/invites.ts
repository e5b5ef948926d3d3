// Invites: single use, with an expiry, stored as the hash of their code.
import type { InviteView } from '../../shared/hub-protocol';
import type { HubDb } from '../db/schema';

export interface NewInvite {
  id: string;
  codeHash: string;
  teamRole: string | null;
  handleRoles: Record<string, string>;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  /** A desktop link for this existing member, instead of an invite for a new one. */
  forMember?: string;
}

export async function insertInvite(db: HubDb, invite: NewInvite): Promise<void> {
  await db
    .insertInto('invites')
    .values({
      id: invite.id,
      code_hash: invite.codeHash,
      team_role: invite.teamRole,
      handle_roles: JSON.stringify(invite.handleRoles),
      created_by: invite.createdBy,
      created_at: invite.createdAt,
      expires_at: invite.expiresAt,
      used_by: null,
      used_at: null,
      revoked_at: null,
      for_member: invite.forMember ?? null,
    })
    .execute();
}

function toView(row: { id: string; team_role: string | null; handle_roles: string; created_by: string; created_at: number; expires_at: number; used_by: string | null; revoked_at: number | null }): InviteView {
  const parsed: unknown = JSON.parse(row.handle_roles);
  const handleRoles: Record<string, string> = {};
  if (parsed && typeof parsed === 'object') for (const [handle, role] of Object.entries(parsed)) if (typeof role === 'string') handleRoles[handle] = role;
  return { id: row.id, teamRole: row.team_role, handleRoles, createdBy: row.created_by, createdAt: row.created_at, expiresAt: row.expires_at, usedBy: row.used_by, revoked: row.revoked_at !== null };
}

/** Invites of new members (a member's own desktop links are not the admins' business). */
export async function listInvites(db: HubDb): Promise<InviteView[]> {
  const rows = await db.selectFrom('invites').selectAll().where('for_member', 'is', null).orderBy('created_at').orderBy('id').execute();
  return rows.map(toView);
}

export async function inviteById(db: HubDb, id: string): Promise<InviteView | null> {
  const row = await db.selectFrom('invites').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toView(row) : null;
}

export async function inviteByCodeHash(db: HubDb, codeHash: string): Promise<(InviteView & { forMember: string | null }) | null> {
  const row = await db.selectFrom('invites').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
  return row ? { ...toView(row), forMember: row.for_member } : null;
}

export async function revokeInviteRow(db: HubDb, id: string, at: number): Promise<void> {
  await db.updateTable('invites').set({ revoked_at: at }).where('id', '=', id).execute();
}

/** Marks the invite used unless it already is; true when this call took it (single use under races). */
export async function takeInvite(db: HubDb, id: string, memberId: string, at: number): Promise<boolean> {
  const result = await db.updateTable('invites').set({ used_by: memberId, used_at: at }).where('id', '=', id).where('used_by', 'is', null).where('revoked_at', 'is', null).executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
