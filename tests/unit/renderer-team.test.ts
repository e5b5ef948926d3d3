import { describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS } from '../../src/shared/domain';
import type { InviteView, MemberView, RoleView } from '../../src/shared/hub-protocol';
import { PRESET_ROLES } from '../../src/shared/hub-roles';
import {
  canChangeRolesOf,
  canManageTeam,
  customRoleNameProblem,
  defaultInviteRoles,
  inviteSummary,
  membersInOrder,
  openInvites,
  permissionMatrix,
  roleChoices,
  roleIdOn,
  togglePermission,
} from '../../src/renderer/src/logic/team-roles';

const roles: RoleView[] = [...PRESET_ROLES.map((role) => ({ ...role, permissions: [...role.permissions] })), { id: 'lead', name: 'Shift lead', permissions: ['view', 'approve'], preset: false }];

function member(id: string, displayName: string, teamRole: string | null, handleRoles: Record<string, string> = {}): MemberView {
  return { id, displayName, initials: displayName.slice(0, 2).toUpperCase(), teamRole, handleRoles, createdAt: 0 };
}

const ann = member('m1', 'Ann Owner', 'owner');
const ada = member('m2', 'Ada Admin', 'admin');
const bob = member('m3', 'Bob Agent', null, { acme: 'trainee' });

describe('a member’s role on a handle', () => {
  it('is their own role there, else Owner or Admin of the team on every handle, else none', () => {
    expect(roleIdOn(bob, 'acme')).toBe('trainee');
    expect(roleIdOn(bob, 'globex')).toBeNull();
    expect(roleIdOn(ann, 'globex')).toBe('owner');
    expect(roleIdOn(member('m4', 'Vi', 'viewer'), 'acme')).toBeNull();
  });
});

describe('who may change roles', () => {
  it('only members whose team role manages the team', () => {
    expect(canManageTeam(ann, roles)).toBe(true);
    expect(canManageTeam(ada, roles)).toBe(true);
    expect(canManageTeam(bob, roles)).toBe(false);
    expect(canManageTeam(null, roles)).toBe(false);
  });

  it('an Owner is changed only by an Owner', () => {
    expect(canChangeRolesOf(ann, bob, roles)).toBe(true);
    expect(canChangeRolesOf(ada, bob, roles)).toBe(true);
    expect(canChangeRolesOf(ada, ann, roles)).toBe(false);
    expect(canChangeRolesOf(bob, ada, roles)).toBe(false);
  });

  it('offers every role, Owner only to an Owner', () => {
    const byAdmin = roleChoices(ada, roles);
    expect(byAdmin.map((choice) => choice.name)).toEqual(['Owner', 'Admin', 'Agent', 'Trainee', 'Viewer', 'Shift lead']);
    expect(byAdmin.filter((choice) => choice.disabled).map((choice) => choice.id)).toEqual(['owner']);
    expect(roleChoices(ann, roles).some((choice) => choice.disabled)).toBe(false);
  });
});

describe('the roles × permissions matrix', () => {
  it('has a row per permission and a named cell per role, presets read-only', () => {
    const rows = permissionMatrix(roles, true);
    expect(rows.map((row) => row.permission)).toEqual([...ALL_PERMISSIONS]);
    const reply = rows.find((row) => row.permission === 'reply')!;
    const trainee = reply.cells.find((cell) => cell.roleId === 'trainee')!;
    expect(trainee).toMatchObject({ label: 'reply for Trainee', checked: true, editable: false });
    const sendAlone = rows.find((row) => row.permission === 'send-without-approval')!.cells.find((cell) => cell.roleId === 'trainee')!;
    expect(sendAlone.checked).toBe(false);
    const lead = rows.find((row) => row.permission === 'approve')!.cells.find((cell) => cell.roleId === 'lead')!;
    expect(lead).toMatchObject({ label: 'approve for Shift lead', checked: true, editable: true });
  });

  it('leaves custom roles read-only for those who cannot manage the team', () => {
    expect(permissionMatrix(roles, false).every((row) => row.cells.every((cell) => !cell.editable))).toBe(true);
  });

  it('toggles a permission keeping the contract’s order and no duplicates', () => {
    expect(togglePermission(['view', 'approve'], 'reply', true)).toEqual(['view', 'reply', 'approve']);
    expect(togglePermission(['view', 'reply'], 'reply', true)).toEqual(['view', 'reply']);
    expect(togglePermission(['view', 'reply'], 'view', false)).toEqual(['reply']);
  });
});

describe('new custom roles and invites', () => {
  it('needs a name no role has yet', () => {
    expect(customRoleNameProblem('  ', roles)).toBe('Name the role');
    expect(customRoleNameProblem('trainee', roles)).toBe('A role named trainee already exists');
    expect(customRoleNameProblem(' Night shift ', roles)).toBeNull();
  });

  it('invites as Agent on every handle by default', () => {
    expect(defaultInviteRoles(['acme', 'globex'])).toEqual({ acme: 'agent', globex: 'agent' });
  });

  it('lists me first, then colleagues by name', () => {
    expect(membersInOrder([bob, ann, ada], 'm3').map((one) => one.displayName)).toEqual(['Bob Agent', 'Ada Admin', 'Ann Owner']);
  });

  it('lists only invites still usable, newest first, in words', () => {
    const invite = (id: string, createdAt: number, more: Partial<InviteView> = {}): InviteView => ({
      id, teamRole: null, handleRoles: { acme: 'agent', globex: 'trainee' }, createdBy: 'm1', createdAt, expiresAt: 1_000, usedBy: null, revoked: false, ...more,
    });
    const list = [invite('old', 1), invite('new', 2), invite('used', 3, { usedBy: 'm3' }), invite('revoked', 4, { revoked: true }), invite('expired', 5, { expiresAt: 500 })];
    expect(openInvites(list, 600).map((one) => one.id)).toEqual(['new', 'old']);
    const summary = inviteSummary(invite('x', 1, { expiresAt: Date.UTC(2026, 11, 10, 12) }), new Map(roles.map((role) => [role.id, role.name])), new Map([['acme', '@AcmeAir']]));
    expect(summary).toMatch(/^Agent on @AcmeAir, Trainee on a removed handle · expires .*10/);
  });
});
