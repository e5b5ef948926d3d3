// Members, their roles, custom roles, and what a member may do: the one place permissions are computed.
import type { Permission } from '../../shared/domain';
import { EVERY_HANDLE_ROLE_IDS, HANDLE_PERMISSIONS, PRESET_ROLES, TEAM_PERMISSIONS, permissionsOf, presetRole, type RoleDefinition } from '../../shared/hub-roles';
import type { MemberView, RoleView } from '../../shared/hub-protocol';
import type { HubDb } from '../db/schema';

export interface MemberRow {
  id: string;
  displayName: string;
  initials: string;
  teamRole: string | null;
  createdAt: number;
}

/** What a member may do right now, read from the database. */
export interface Access {
  member: MemberRow;
  teamPermissions: Set<Permission>;
  /** Handle permissions per handle id; handles absent here grant nothing. */
  handlePermissions: Map<string, Set<Permission>>;
}

export function permissionsOnHandle(access: Access, handleId: string): Set<Permission> {
  return access.handlePermissions.get(handleId) ?? new Set();
}

export function canViewHandle(access: Access, handleId: string): boolean {
  return permissionsOnHandle(access, handleId).has('view');
}

export async function insertMember(db: HubDb, member: MemberRow & { credentialHash: string }, handleRoles: Record<string, string>): Promise<void> {
  await db
    .insertInto('members')
    .values({ id: member.id, display_name: member.displayName, initials: member.initials, credential_hash: member.credentialHash, team_role: member.teamRole, created_at: member.createdAt, removed_at: null })
    .execute();
  const rows = Object.entries(handleRoles).map(([handleId, roleId]) => ({ member_id: member.id, handle_id: handleId, role_id: roleId }));
  if (rows.length > 0) await db.insertInto('member_roles').values(rows).execute();
}

/** The active member holding this credential hash, or null. */
/** The active member a credential belongs to: their first desktop's, or one given by a desktop link. */
export async function memberIdByCredentialHash(db: HubDb, credentialHash: string): Promise<string | null> {
  const row = await db.selectFrom('members').select('id').where('credential_hash', '=', credentialHash).where('removed_at', 'is', null).executeTakeFirst();
  if (row) return row.id;
  const linked = await db
    .selectFrom('member_credentials')
    .innerJoin('members', 'members.id', 'member_credentials.member_id')
    .select('members.id')
    .where('member_credentials.credential_hash', '=', credentialHash)
    .where('members.removed_at', 'is', null)
    .executeTakeFirst();
  return linked?.id ?? null;
}

export async function customRoles(db: HubDb): Promise<RoleDefinition[]> {
  const rows = await db.selectFrom('roles').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, name: row.name, permissions: parsePermissions(row.permissions), preset: false }));
}

/** Presets first, then the team's custom roles. */
export async function allRoles(db: HubDb): Promise<RoleView[]> {
  return [...PRESET_ROLES.map((role) => ({ ...role, permissions: [...role.permissions] })), ...(await customRoles(db))];
}

export async function findRole(db: HubDb, roleId: string): Promise<RoleDefinition | null> {
  return presetRole(roleId) ?? (await customRoles(db)).find((role) => role.id === roleId) ?? null;
}

function parsePermissions(text: string): Permission[] {
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed) ? parsed.filter((value): value is Permission => typeof value === 'string') : [];
}

/** Access of every active member (for fan-out), or of one (`onlyMemberId`). */
export async function loadAccess(db: HubDb, onlyMemberId?: string): Promise<Map<string, Access>> {
  let membersQuery = db.selectFrom('members').selectAll().where('removed_at', 'is', null);
  let rolesQuery = db.selectFrom('member_roles').selectAll();
  if (onlyMemberId !== undefined) {
    membersQuery = membersQuery.where('id', '=', onlyMemberId);
    rolesQuery = rolesQuery.where('member_id', '=', onlyMemberId);
  }
  const [members, memberRoles, custom, handles] = await Promise.all([
    membersQuery.execute(),
    rolesQuery.execute(),
    customRoles(db),
    db.selectFrom('handles').select('id').execute(),
  ]);
  const roleById = new Map<string, RoleDefinition>([...PRESET_ROLES, ...custom].map((role) => [role.id, role]));
  const accessById = new Map<string, Access>();
  for (const row of members) {
    const teamRole = row.team_role ? (roleById.get(row.team_role) ?? null) : null;
    const teamPermissions = new Set([...permissionsOf(teamRole)].filter((permission) => TEAM_PERMISSIONS.includes(permission)));
    const handlePermissions = new Map<string, Set<Permission>>();
    if (teamRole && EVERY_HANDLE_ROLE_IDS.includes(teamRole.id)) {
      for (const handle of handles) handlePermissions.set(handle.id, handleScoped(permissionsOf(teamRole)));
    }
    accessById.set(row.id, {
      member: { id: row.id, displayName: row.display_name, initials: row.initials, teamRole: row.team_role, createdAt: row.created_at },
      teamPermissions,
      handlePermissions,
    });
  }
  for (const row of memberRoles) {
    const access = accessById.get(row.member_id);
    if (!access) continue;
    const granted = handleScoped(permissionsOf(roleById.get(row.role_id)));
    const held = access.handlePermissions.get(row.handle_id) ?? new Set<Permission>();
    access.handlePermissions.set(row.handle_id, new Set([...held, ...granted]));
  }
  return accessById;
}

export async function accessOf(db: HubDb, memberId: string): Promise<Access | null> {
  return (await loadAccess(db, memberId)).get(memberId) ?? null;
}

function handleScoped(permissions: Set<Permission>): Set<Permission> {
  return new Set([...permissions].filter((permission) => HANDLE_PERMISSIONS.includes(permission)));
}

export async function listMembers(db: HubDb): Promise<MemberView[]> {
  const [members, memberRoles] = await Promise.all([
    db.selectFrom('members').selectAll().where('removed_at', 'is', null).orderBy('created_at').orderBy('id').execute(),
    db.selectFrom('member_roles').selectAll().execute(),
  ]);
  return members.map((row) => ({
    id: row.id,
    displayName: row.display_name,
    initials: row.initials,
    teamRole: row.team_role,
    handleRoles: Object.fromEntries(memberRoles.filter((role) => role.member_id === row.id).map((role) => [role.handle_id, role.role_id])),
    createdAt: row.created_at,
  }));
}

export async function activeMember(db: HubDb, memberId: string): Promise<MemberRow | null> {
  const row = await db.selectFrom('members').selectAll().where('id', '=', memberId).where('removed_at', 'is', null).executeTakeFirst();
  return row ? { id: row.id, displayName: row.display_name, initials: row.initials, teamRole: row.team_role, createdAt: row.created_at } : null;
}

export async function countActiveOwners(db: HubDb): Promise<number> {
  const rows = await db.selectFrom('members').select('id').where('team_role', '=', 'owner').where('removed_at', 'is', null).execute();
  return rows.length;
}
