// The team's roles: preset permission sets held per brand handle, plus custom ones the team composes.
// Pure data, shared by the hub (which enforces them) and the desktop (which hides what one cannot do).
import { ALL_PERMISSIONS, type Permission } from './domain';

/** Permissions that speak of the team as a whole; they come from a member's team role only. */
export const TEAM_PERMISSIONS: readonly Permission[] = ['manage-team', 'manage-handles'];

/** Permissions held per brand handle. */
export const HANDLE_PERMISSIONS: readonly Permission[] = ALL_PERMISSIONS.filter((permission) => !TEAM_PERMISSIONS.includes(permission));

export const PRESET_ROLE_IDS = ['owner', 'admin', 'agent', 'trainee', 'viewer'] as const;
export type PresetRoleId = (typeof PRESET_ROLE_IDS)[number];

export interface RoleDefinition {
  id: string;
  name: string;
  permissions: Permission[];
  preset: boolean;
}

/**
 * The presets, and why:
 * - Owner: everything. The team must always keep one.
 * - Admin: everything too; what sets the Owner apart is a rule, not a permission: an Admin cannot
 *   remove or demote an Owner, nor make anyone Owner.
 * - Agent: works the queue: sees it (view, view-unassigned), answers (reply, dm) without a second
 *   pair of eyes (send-without-approval), hands posts around (assign). Not `post` (brand posts are
 *   a marketing decision), not `take-over` (taking a colleague's case is a lead's call), not the
 *   shared saved-reply library, reports or the deck.
 * - Trainee: sees the posts given to them (view, no view-unassigned) and drafts replies that wait
 *   for approval (reply without send-without-approval).
 * - Viewer: reads everything on the handle, queue and reports included, and changes nothing.
 * Owner and Admin as a team role also act on every handle (a new handle never locks them out).
 */
export const PRESET_ROLES: readonly RoleDefinition[] = [
  { id: 'owner', name: 'Owner', permissions: [...ALL_PERMISSIONS], preset: true },
  { id: 'admin', name: 'Admin', permissions: [...ALL_PERMISSIONS], preset: true },
  {
    id: 'agent',
    name: 'Agent',
    permissions: ['view', 'view-unassigned', 'reply', 'dm', 'assign', 'send-without-approval'],
    preset: true,
  },
  { id: 'trainee', name: 'Trainee', permissions: ['view', 'reply'], preset: true },
  { id: 'viewer', name: 'Viewer', permissions: ['view', 'view-unassigned', 'view-reports'], preset: true },
];

/** Team roles whose handle permissions apply on every brand handle of the team. */
export const EVERY_HANDLE_ROLE_IDS: readonly string[] = ['owner', 'admin'];

export function isPresetRoleId(id: string): id is PresetRoleId {
  return (PRESET_ROLE_IDS as readonly string[]).includes(id);
}

/** The preset with this id, or null. */
export function presetRole(id: string): RoleDefinition | null {
  return PRESET_ROLES.find((role) => role.id === id) ?? null;
}

/** The permissions of a role (a definition, or a preset id); an unknown id grants nothing. */
export function permissionsOf(role: RoleDefinition | string | null | undefined): Set<Permission> {
  if (!role) return new Set();
  const definition = typeof role === 'string' ? presetRole(role) : role;
  return new Set(definition?.permissions ?? []);
}
