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

/**
 * "Assign to me" (or "Take over" a colleague's case, with the take-over permission), each
 * colleague who may view the handle, and "Unassign" when someone has it.
 */
export function assignChoices(members: readonly TeamMember[], roles: readonly RoleView[], handleId: string, myId: string | null, assignment: AssignmentView | null): MenuItem[] {
  const holder = assignment?.assigneeId ?? null;
  const me = members.find((member) => member.id === myId);
  const mine = holder !== null && holder !== myId && me && mayOnHandle(me, handleId, roles, 'take-over') ? { id: 'take-over', label: 'Take over' } : { id: 'me', label: 'Assign to me' };
  const colleagues = members
    .filter((member) => member.id !== myId && mayOnHandle(member, handleId, roles, 'view'))
    .map((member) => ({ id: member.id, label: member.id === holder ? `${member.displayName} (has it)` : member.displayName }));
  return [
    mine,
    ...colleagues,
    ...(holder ? [{ id: 'nobody', label: 'Unassign', separatorBefore: true }] : []),
  ];
}

/** When a snooze ends: a time, or the customer's next message (null). */
export interface SnoozeChoice extends MenuItem {
  until: number | null;
}

/** "For 1 hour", "For 4 hours", "Until tomorrow 9:00" (local time), "Until the customer writes". */
export function snoozeChoices(now: number): SnoozeChoice[] {
  const tomorrow = new Date(now);
  tomorrow.setDate(tomorrow.getDate() + 1);
  tomorrow.setHours(9, 0, 0, 0);
  return [
    { id: 'hour', label: 'For 1 hour', until: now + 3_600_000 },
    { id: 'four-hours', label: 'For 4 hours', until: now + 4 * 3_600_000 },
    { id: 'tomorrow', label: 'Until tomorrow 9:00', until: tomorrow.getTime() },
    { id: 'customer', label: 'Until the customer writes', until: null },
  ];
}

/** "Snoozed until 14:30" / "Snoozed until the customer writes", for a snoozed case. */
export function snoozeLabel(assignment: AssignmentView | null, now: number): string | null {
  if (assignment?.status !== 'snoozed') return null;
  if (assignment.snoozedUntil === null) return 'Snoozed until the customer writes';
  const until = new Date(assignment.snoozedUntil);
  const sameDay = new Date(now).toDateString() === until.toDateString();
  const time = until.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return `Snoozed until ${sameDay ? time : `${until.toLocaleDateString([], { weekday: 'short', day: 'numeric', month: 'short' })} ${time}`}`;
}

/** Split a follow-up off its case; merge the case into another open one of the same customer. */
export function mergeSplitChoices(current: AssignmentView | null, postId: string, cases: Iterable<AssignmentView>): MenuItem[] {
  if (!current) return [];
  const items: MenuItem[] = [];
  if (current.postId !== postId) items.push({ id: 'split', label: 'Split into its own case' });
  if (current.customerId === null) return items;
  for (const other of cases) {
    if (other.handleId !== current.handleId || other.postId === current.postId || other.customerId !== current.customerId || other.status === 'resolved') continue;
    items.push({ id: `merge:${other.postId}`, label: `Merge into case #${other.postId.slice(-5)} (${other.status})` });
  }
  return items;
}

/** Each post's case: the one it opened, or the one it joined (by the cases' message lists). */
export function caseIndex(cases: Iterable<AssignmentView>): Map<string, AssignmentView> {
  const index = new Map<string, AssignmentView>();
  for (const item of cases) {
    for (const messageId of item.messageIds) index.set(`${item.handleId}/${messageId}`, item);
  }
  for (const item of cases) index.set(`${item.handleId}/${item.postId}`, item);
  return index;
}

/** The customer's newest case on the handle (a DM conversation shows it), by its opening message's id. */
export function newestCaseOf(cases: Iterable<AssignmentView>, handleId: string, customerId: string): AssignmentView | null {
  let newest: AssignmentView | null = null;
  for (const item of cases) {
    if (item.handleId !== handleId || item.customerId !== customerId || (item.messageIds.length === 0 && item.status === 'resolved')) continue;
    if (!newest || item.postId.length > newest.postId.length || (item.postId.length === newest.postId.length && item.postId > newest.postId)) newest = item;
  }
  return newest;
}
