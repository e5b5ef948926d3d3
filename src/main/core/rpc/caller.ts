// Who is asking, and what they may do where. A caller is resolved once per connection by the host
// (the solo agent at this desktop; a team member once the hub exists) and asked on every command
// and every event.
import { ALL_PERMISSIONS, type Permission } from '../../../shared/domain';

/** Where a permission is asked for: a brand handle, or the workspace as a whole. */
export type Scope = { kind: 'workspace' } | { kind: 'handle'; accountId: string };

export interface Caller {
  readonly id: string;
  can(permission: Permission, scope: Scope): boolean;
}

/** The agent working alone at this desktop: every permission on every handle of its workspace. */
export const SOLO_AGENT: Caller = { id: 'local', can: () => true };

/**
 * A caller holding permissions per handle. At the workspace level it holds what it holds on every
 * handle it may see (so a list across handles never shows it more than each handle allows), plus
 * the workspace-wide grants.
 */
export function callerWithGrants(id: string, grants: ReadonlyMap<string, ReadonlySet<Permission>>, workspaceGrants: ReadonlySet<Permission> = new Set()): Caller {
  return {
    id,
    can(permission, scope) {
      if (scope.kind === 'handle') return grants.get(scope.accountId)?.has(permission) === true;
      return workspaceGrants.has(permission) || [...grants.values()].some((held) => held.has(permission));
    },
  };
}

export const everyPermission: ReadonlySet<Permission> = new Set(ALL_PERMISSIONS);
