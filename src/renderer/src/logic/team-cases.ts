// What a card says of who has a team handle's post, and whom it may be given to.
import type { AssignmentView, RoleView } from '../../../shared/hub-protocol';
import type { TeamMember } from '../../../shared/team';
import type { MenuItem } from './menu-navigation';
import { mayOnHandle } from './team-roles';

/** "Assigned to Bob Agent", or "Unassigned". */
export function assignmentLabel(assignment: AssignmentView | null, members: readonly TeamMember[], myId: string | null): string {
  if (!assignment?.assigneeId) return 'Unassigned';
  const member = members.find((candidate) => candidate.id === assignment.assigneeId);
  const name = member?.displayName ?? 'a former member';
  return `Assigned to ${name}${assignment.assigneeId === myId ? ' (you)' : ''}`;
}

/** "Assign to me", each colleague who may view the handle, and "Unassign" when someone has it. */
export function assignChoices(members: readonly TeamMember[], roles: readonly RoleView[], handleId: string, myId: string | null, assignment: AssignmentView | null): MenuItem[] {
  const holder = assignment?.assigneeId ?? null;
  const colleagues = members
    .filter((member) => member.id !== myId && mayOnHandle(member, handleId, roles, 'view'))
    .map((member) => ({ id: member.id, label: member.id === holder ? `${member.displayName} (has it)` : member.displayName }));
  return [
    { id: 'me', label: 'Assign to me' },
    ...colleagues,
    ...(holder ? [{ id: 'nobody', label: 'Unassign', separatorBefore: true }] : []),
  ];
}
