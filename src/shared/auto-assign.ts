// Auto-assignment of a brand handle's new cases to its agents. Pure: the hub calls it when a case
// opens, when one is resolved and when an agent comes back; the Team settings form uses the schema.
import { z } from 'zod';

export const AUTO_ASSIGN_MODES = ['off', 'round-robin', 'balanced'] as const;
export type AutoAssignMode = (typeof AUTO_ASSIGN_MODES)[number];

export const DEFAULT_AUTO_ASSIGN_SETTINGS: AutoAssignSettings = { mode: 'off', capacity: 10 };

export const autoAssignSettingsSchema = z
  .strictObject({
    mode: z.enum(AUTO_ASSIGN_MODES, 'must be off, round-robin or balanced').default('off'),
    /** Open cases an agent may hold before auto-assignment passes them by. */
    capacity: z
      .number()
      .int('must be a whole number of open cases')
      .min(1, 'must be at least 1 open case')
      .max(500, 'must be at most 500 open cases')
      .default(10),
  })
  .default(() => ({ ...DEFAULT_AUTO_ASSIGN_SETTINGS }));
export type AutoAssignSettings = { mode: AutoAssignMode; capacity: number };

/** A member who could take cases, given in the team's stable order. */
export interface Candidate {
  memberId: string;
  openCases: number;
  away: boolean;
}

const eligible = (settings: AutoAssignSettings, candidate: Candidate) => !candidate.away && candidate.openCases < settings.capacity;

/**
 * The candidates in turn order: starting just after the last one assigned, wrapping around. When
 * that member is no longer a candidate (left the team, lost the role) the turn starts at the top.
 */
function inTurnOrder(candidates: readonly Candidate[], lastAssignedId: string | null): Candidate[] {
  const last = lastAssignedId === null ? -1 : candidates.findIndex((candidate) => candidate.memberId === lastAssignedId);
  return [...candidates.slice(last + 1), ...candidates.slice(0, last + 1)];
}

/**
 * Who gets the next case, or null when it waits in the queue (auto-assignment off, or everyone
 * away or at capacity). Round-robin: the next eligible member after `lastAssignedId`. Balanced: the
 * eligible member with the fewest open cases, ties taken in round-robin order.
 */
export function pickAssignee(settings: AutoAssignSettings, candidates: readonly Candidate[], lastAssignedId: string | null): string | null {
  if (settings.mode === 'off') return null;
  const turn = inTurnOrder(candidates, lastAssignedId).filter((candidate) => eligible(settings, candidate));
  if (settings.mode === 'round-robin') return turn[0]?.memberId ?? null;
  let least: Candidate | null = null;
  for (const candidate of turn) if (least === null || candidate.openCases < least.openCases) least = candidate;
  return least?.memberId ?? null;
}

export interface QueueDrain {
  assignments: { caseKey: string; memberId: string }[];
  /** The turn to carry to the next call (unchanged when nothing was assigned). */
  lastAssignedId: string | null;
  /** The case keys still waiting, oldest first. */
  queued: string[];
}

/** Assigns queued cases, oldest first, while someone is eligible; each assignment counts against capacity. */
export function drainQueue(
  settings: AutoAssignSettings,
  candidates: readonly Candidate[],
  queue: readonly string[],
  lastAssignedId: string | null,
): QueueDrain {
  const load = candidates.map((candidate) => ({ ...candidate }));
  const assignments: QueueDrain['assignments'] = [];
  let turn = lastAssignedId;
  for (const caseKey of queue) {
    const memberId = pickAssignee(settings, load, turn);
    if (memberId === null) break;
    for (const candidate of load) if (candidate.memberId === memberId) candidate.openCases += 1;
    assignments.push({ caseKey, memberId });
    turn = memberId;
  }
  return { assignments, lastAssignedId: turn, queued: queue.slice(assignments.length) };
}
