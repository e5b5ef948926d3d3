// What the Team panel shows of roles: a member's role on a handle, what they may do there, which
// roles one may hand out, and the roles × permissions matrix. The hub decides; this only mirrors
// its rules so the desktop hides what would be refused anyway.
import { ALL_PERMISSIONS, type Permission } from '../../../shared/domain';
import type { InviteView, MemberView, PresenceStatus, RoleView } from '../../../shared/hub-protocol';
import { EVERY_HANDLE_ROLE_IDS } from '../../../shared/hub-roles';

/** The role id a member holds on a handle: their own there, else an Owner/Admin team role, else none. */
export function roleIdOn(member: MemberView, handleId: string): string | null {
  const own = member.handleRoles[handleId];
  if (own) return own;
  return member.teamRole && EVERY_HANDLE_ROLE_IDS.includes(member.teamRole) ? member.teamRole : null;
}

function permissionsOfRole(roleId: string | null, roles: readonly RoleView[]): Set<Permission> {
  return new Set(roles.find((role) => role.id === roleId)?.permissions ?? []);
}

/** Whether a member holds a permission on a handle, as the hub would judge it. */
export function mayOnHandle(member: MemberView | null, handleId: string, roles: readonly RoleView[], permission: Permission): boolean {
  return member !== null && permissionsOfRole(roleIdOn(member, handleId), roles).has(permission);
}

/** Whether a member may manage the team (invite, change roles): from their team role only. */
export function canManageTeam(member: MemberView | null, roles: readonly RoleView[]): boolean {
  return member !== null && permissionsOfRole(member.teamRole, roles).has('manage-team');
}

/** Connecting brand handles to the team is a team-level permission (Owners and Admins by default). */
export function canConnectHandles(member: MemberView | null, roles: readonly RoleView[]): boolean {
  return member !== null && permissionsOfRole(member.teamRole, roles).has('manage-handles');
}

export interface RoleChoice {
  id: string;
  name: string;
  /** Shown but not choosable: only an Owner makes someone Owner. */
  disabled: boolean;
}

/** The roles `actor` may give on a handle, every team role listed (Owner only for Owners). */
export function roleChoices(actor: MemberView | null, roles: readonly RoleView[]): RoleChoice[] {
  const actorIsOwner = actor?.teamRole === 'owner';
  return roles.map((role) => ({ id: role.id, name: role.name, disabled: role.id === 'owner' && !actorIsOwner }));
}

/**
 * Whether `actor` may change `target`'s roles: they manage the team, and an Owner is changed only
 * by an Owner (an Admin cannot demote one).
 */
export function canChangeRolesOf(actor: MemberView | null, target: MemberView, roles: readonly RoleView[]): boolean {
  if (!canManageTeam(actor, roles)) return false;
  return target.teamRole !== 'owner' || actor?.teamRole === 'owner';
}

export interface MatrixCell {
  roleId: string;
  roleName: string;
  checked: boolean;
  /** Presets are fixed; custom roles are edited in place. */
  editable: boolean;
  /** The checkbox's accessible name: "reply for Trainee". */
  label: string;
}

export interface MatrixRow {
  permission: Permission;
  cells: MatrixCell[];
}

/** One row per permission, one cell per role, in the contract's permission order. */
export function permissionMatrix(roles: readonly RoleView[], canEdit: boolean): MatrixRow[] {
  return ALL_PERMISSIONS.map((permission) => ({
    permission,
    cells: roles.map((role) => ({
      roleId: role.id,
      roleName: role.name,
      checked: role.permissions.includes(permission),
      editable: canEdit && !role.preset,
      label: `${permission} for ${role.name}`,
    })),
  }));
}

/** A role's permissions with one switched on or off, in the contract's order. */
export function togglePermission(permissions: readonly Permission[], permission: Permission, on: boolean): Permission[] {
  const next = new Set(permissions);
  if (on) next.add(permission);
  else next.delete(permission);
  return ALL_PERMISSIONS.filter((candidate) => next.has(candidate));
}

/** Whether `name` may name a new custom role: not empty and not already a role's name. */
export function customRoleNameProblem(name: string, roles: readonly RoleView[]): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'Name the role';
  if (roles.some((role) => role.name.toLowerCase() === trimmed.toLowerCase())) return `A role named ${trimmed} already exists`;
  return null;
}

/** The invite's starting choice: Agent on every handle of the team. */
export function defaultInviteRoles(handleIds: readonly string[]): Record<string, string> {
  return Object.fromEntries(handleIds.map((id) => [id, 'agent']));
}

export const PRESENCE_LABELS: Record<PresenceStatus, string> = { online: 'online', away: 'away', offline: 'offline' };

/** Members in the order a person scans them: me first, then by name. */
export function membersInOrder<T extends MemberView>(members: readonly T[], meId: string | null): T[] {
  return [...members].sort((a, b) => Number(b.id === meId) - Number(a.id === meId) || a.displayName.localeCompare(b.displayName));
}

/** Invites nobody has used yet, not revoked and not expired, newest first. */
export function openInvites(invites: readonly InviteView[], now: number): InviteView[] {
  return invites.filter((invite) => !invite.usedBy && !invite.revoked && invite.expiresAt > now).sort((a, b) => b.createdAt - a.createdAt);
}

/** "Agent on @AcmeAir, Trainee on @NimbusMobile · expires 10 Dec": one open invite, for people. */
export function inviteSummary(invite: InviteView, roleNames: ReadonlyMap<string, string>, handleNames: ReadonlyMap<string, string>): string {
  const name = (roleId: string) => roleNames.get(roleId) ?? roleId;
  const parts = Object.entries(invite.handleRoles).map(([handleId, roleId]) => `${name(roleId)} on ${handleNames.get(handleId) ?? 'a removed handle'}`);
  if (invite.teamRole) parts.unshift(`${name(invite.teamRole)} of the team`);
  const expires = new Date(invite.expiresAt).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
  return `${parts.length > 0 ? parts.join(', ') : 'No role yet'} · expires ${expires}`;
}
