// Case queues as columns: "Assigned to me", "Unassigned" and "Cases" (filtered by status, assignee,
// tag, priority) over a team handle's cases. One pure definition of what a queue holds, used by the
// core (which lists its posts) and the renderer (which counts it in the column header).
import { z } from 'zod';
import { CASE_PRIORITIES, CASE_STATUSES, type AssignmentView } from './hub-protocol';

/** mine: assigned to this desktop's member; unassigned: nobody has it; all: any owner (or `assigneeId`). */
export const CASE_QUEUE_SCOPES = ['mine', 'unassigned', 'all'] as const;

export const caseQueueSchema = z.strictObject({
  scope: z.enum(CASE_QUEUE_SCOPES),
  /** The statuses shown (empty: every status). */
  statuses: z.array(z.enum(CASE_STATUSES)).max(CASE_STATUSES.length).default([]),
  assigneeId: z.string().min(1).max(100).nullable().default(null),
  tag: z.string().trim().min(1).max(30).nullable().default(null),
  priority: z.enum(CASE_PRIORITIES).nullable().default(null),
});
export type CaseQueue = z.output<typeof caseQueueSchema>;

/** The queues the add-column dialog offers by name. */
export const ASSIGNED_TO_ME: CaseQueue = { scope: 'mine', statuses: ['open', 'pending', 'snoozed'], assigneeId: null, tag: null, priority: null };
export const UNASSIGNED: CaseQueue = { scope: 'unassigned', statuses: ['open'], assigneeId: null, tag: null, priority: null };
export const ALL_OPEN_CASES: CaseQueue = { scope: 'all', statuses: ['open'], assigneeId: null, tag: null, priority: null };

/** Whether a case of `handleId` belongs in the queue, for member `selfId`. */
export function inQueue(item: AssignmentView, queue: CaseQueue, handleId: string, selfId: string | null): boolean {
  if (item.handleId !== handleId) return false;
  if (queue.scope === 'mine' && (selfId === null || item.assigneeId !== selfId)) return false;
  if (queue.scope === 'unassigned' && item.assigneeId !== null) return false;
  if (queue.scope === 'all' && queue.assigneeId !== null && item.assigneeId !== queue.assigneeId) return false;
  if (queue.statuses.length > 0 && !queue.statuses.includes(item.status)) return false;
  if (queue.tag !== null && !item.tags.includes(queue.tag)) return false;
  return queue.priority === null || item.priority === queue.priority;
}

/** A queue's title: its name, and the filters a "Cases" queue adds. */
export function queueTitle(queue: CaseQueue, handle: string, memberName: (id: string) => string): string {
  if (queue.scope === 'mine') return `Assigned to me: ${handle}`;
  if (queue.scope === 'unassigned') return `Unassigned: ${handle}`;
  const filters = [
    queue.statuses.length > 0 ? queue.statuses.join('/') : null,
    queue.assigneeId ? memberName(queue.assigneeId) : null,
    queue.tag ? `#${queue.tag}` : null,
    queue.priority,
  ].filter((part): part is string => part !== null);
  return `Cases: ${handle}${filters.length > 0 ? ` (${filters.join(', ')})` : ''}`;
}

/** How many of the cases are in the queue (the column header's count). */
export function queueCount(cases: Iterable<AssignmentView>, queue: CaseQueue, handleId: string, selfId: string | null): number {
  let count = 0;
  for (const item of cases) if (inQueue(item, queue, handleId, selfId)) count += 1;
  return count;
}
