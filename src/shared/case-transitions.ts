// How a case moves, as pure functions shared by the hub (which applies them) and tests: status
// changes pause and resume the SLA clock, a reply stops it, the customer writing starts it again.
import type { AssignmentView, CasePause, CaseStatus } from './hub-protocol';

/** Pending and snoozed cases wait on the customer (or a time): their SLA clock stands still. */
const PAUSED: ReadonlySet<CaseStatus> = new Set(['pending', 'snoozed']);

function closePauses(pauses: readonly CasePause[], at: number): CasePause[] {
  return pauses.map((pause) => (pause.to === null ? { from: pause.from, to: Math.max(pause.from, at) } : pause));
}

/** The case with a new status (and snooze time), the SLA clock paused or running to match. */
export function withStatus(current: AssignmentView, status: CaseStatus, at: number, snoozedUntil: number | null = null): AssignmentView {
  const next = { ...current, status, snoozedUntil: status === 'snoozed' ? snoozedUntil : null, version: current.version + 1 };
  if (status === 'resolved') return { ...next, waitingSince: null, pauses: [] };
  if (current.waitingSince === null) return { ...next, pauses: [] };
  const wasPaused = current.pauses.some((pause) => pause.to === null);
  if (PAUSED.has(status)) return wasPaused ? next : { ...next, pauses: [...current.pauses, { from: at, to: null }] };
  return { ...next, pauses: closePauses(current.pauses, at) };
}

/** The team answered: the case waits on the customer, and their clock is met. */
export function answered(current: AssignmentView): AssignmentView {
  return { ...current, status: 'pending', snoozedUntil: null, answered: true, waitingSince: null, pauses: [], version: current.version + 1 };
}

/** The customer wrote (again) at `at`: the case is open and, unless already waiting, the clock starts. */
export function customerWrote(current: AssignmentView, at: number): AssignmentView {
  const waitingSince = current.waitingSince ?? at;
  const pauses = current.waitingSince === null ? [] : closePauses(current.pauses, at);
  return { ...current, status: 'open', snoozedUntil: null, waitingSince, pauses, version: current.version + 1 };
}

/**
 * Two cases of one customer become one at `at`: the target keeps its name and owner, gathers the
 * other's messages and tags, the higher priority, the earlier wait; it is open when either was
 * (the clock running again), else it keeps its own status.
 */
export function mergedInto(target: AssignmentView, absorbed: AssignmentView, at: number): AssignmentView {
  const waits = [target.waitingSince, absorbed.waitingSince].filter((since): since is number => since !== null);
  const order = ['low', 'normal', 'high', 'urgent'] as const;
  const gathered: AssignmentView = {
    ...target,
    tags: [...new Set([...target.tags, ...absorbed.tags])],
    priority: order[Math.max(order.indexOf(target.priority), order.indexOf(absorbed.priority))] ?? target.priority,
    waitingSince: waits.length > 0 ? Math.min(...waits) : null,
    // The target's pauses only: the absorbed case's clock merges into the target's.
    pauses: target.waitingSince === null ? [] : target.pauses,
    answered: target.answered || absorbed.answered,
    doNotEngage: target.doNotEngage || absorbed.doNotEngage,
    messageIds: [...new Set([...target.messageIds, absorbed.postId, ...absorbed.messageIds])],
  };
  const status = target.status === 'open' || absorbed.status === 'open' ? 'open' : target.status;
  return withStatus(gathered, status, at, status === 'snoozed' ? target.snoozedUntil : null);
}

/** The case a merge leaves behind: resolved, its messages gone to the other. */
export function absorbed(current: AssignmentView, at: number): AssignmentView {
  return { ...withStatus(current, 'resolved', at), messageIds: [] };
}

/** The case `postId` leaves when it is split into a case of its own. */
export function withoutMessage(current: AssignmentView, postId: string): AssignmentView {
  return { ...current, messageIds: current.messageIds.filter((id) => id !== postId), version: current.version + 1 };
}
