import { describe, expect, it } from 'vitest';
import { PRESET_ROLES } from '../../src/shared/hub-roles';
import { newCase } from '../../src/shared/hub-protocol';
import type { TeamMember } from '../../src/shared/team';
import { assignChoices, assignmentLabel, caseIndex, mergeSplitChoices } from '../../src/renderer/src/logic/team-cases';

const member = (id: string, displayName: string, handleRoles: Record<string, string>): TeamMember => ({ id, displayName, initials: 'X', teamRole: null, handleRoles, createdAt: 0, presence: 'online', viewing: null });
const ann = member('ann', 'Ann Owner', { acme: 'agent' });
const bob = member('bob', 'Bob Agent', { acme: 'agent' });
const nia = member('nia', 'Nia Nimbus', {}); // may not view @acme
const members = [ann, bob, nia];

describe('who has a team handle’s post', () => {
  it('says who has it, or that nobody does', () => {
    expect(assignmentLabel(null, members, 'ann')).toBe('Unassigned');
    expect(assignmentLabel(newCase('acme', '1', { assigneeId: null, version: 2 }), members, 'ann')).toBe('Unassigned');
    expect(assignmentLabel(newCase('acme', '1', { assigneeId: 'bob', version: 1 }), members, 'ann')).toBe('Assigned to Bob Agent');
    expect(assignmentLabel(newCase('acme', '1', { assigneeId: 'bob', version: 1 }), members, 'bob')).toBe('Assigned to Bob Agent (you)');
    expect(assignmentLabel(newCase('acme', '1', { assigneeId: 'gone', version: 1 }), members, 'ann')).toBe('Assigned to a former member');
  });

  it('offers oneself and the colleagues who may view the handle, and unassigning when someone has it', () => {
    const roles = [...PRESET_ROLES];
    expect(assignChoices(members, roles, 'acme', 'ann', null).map((item) => item.label)).toEqual(['Assign to me', 'Bob Agent']);
    expect(assignChoices(members, roles, 'acme', 'ann', newCase('acme', '1', { assigneeId: 'bob', version: 1 })).map((item) => item.label)).toEqual(['Assign to me', 'Bob Agent (has it)', 'Unassign']);
  });
});

describe('a customer’s cases on a card', () => {
  const opened = newCase('acme', '100', { customerId: '7', messageIds: ['100', '104'], version: 2 });
  const later = newCase('acme', '200', { customerId: '7', status: 'pending', messageIds: ['200'], version: 1 });
  const done = newCase('acme', '300', { customerId: '7', status: 'resolved', messageIds: ['300'], version: 3 });
  const someoneElse = newCase('acme', '400', { customerId: '8', messageIds: ['400'], version: 1 });

  it('a follow-up shows the case it joined; an opening post its own', () => {
    const index = caseIndex([opened, later, done, someoneElse]);
    expect(index.get('acme/104')).toBe(opened);
    expect(index.get('acme/100')).toBe(opened);
    expect(index.get('acme/999')).toBeUndefined();
  });

  it('offers to split a follow-up off, and to merge into the customer’s other unresolved cases only', () => {
    const all = [opened, later, done, someoneElse];
    expect(mergeSplitChoices(opened, '104', all).map((item) => item.label)).toEqual(['Split into its own case', 'Merge into case #200 (pending)']);
    expect(mergeSplitChoices(opened, '100', all).map((item) => item.id)).toEqual(['merge:200']);
    expect(mergeSplitChoices(null, '100', all)).toEqual([]);
  });
});

describe('taking over a colleague’s case', () => {
  it('offers "Take over" to a member with take-over when someone else has the case, else "Assign to me"', () => {
    const lea = member('lea', 'Lea Lead', { acme: 'admin' });
    const team = [...members, lea];
    const bobs = newCase('acme', '1', { assigneeId: 'bob', version: 1 });
    expect(assignChoices(team, [...PRESET_ROLES], 'acme', 'lea', bobs)[0]).toEqual({ id: 'take-over', label: 'Take over' });
    expect(assignChoices(team, [...PRESET_ROLES], 'acme', 'ann', bobs)[0]).toEqual({ id: 'me', label: 'Assign to me' });
    expect(assignChoices(team, [...PRESET_ROLES], 'acme', 'lea', newCase('acme', '1', { version: 1 }))[0]).toEqual({ id: 'me', label: 'Assign to me' });
  });
});
