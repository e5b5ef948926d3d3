import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { autoAssignSettingsSchema, drainQueue, pickAssignee, type AutoAssignSettings, type Candidate } from '../../src/shared/auto-assign';

const ROUND_ROBIN: AutoAssignSettings = { mode: 'round-robin', capacity: 5 };
const BALANCED: AutoAssignSettings = { mode: 'balanced', capacity: 5 };

const agent = (memberId: string, openCases = 0, away = false): Candidate => ({ memberId, openCases, away });
const TEAM = [agent('ana'), agent('ben'), agent('cho')];

const caseKeys = (count: number) => Array.from({ length: count }, (_, index) => `case-${index + 1}`);

/** Open cases per member after the assignments, starting from the candidates' own counts. */
function loadAfter(candidates: readonly Candidate[], assignments: { memberId: string }[]): Record<string, number> {
  const load = Object.fromEntries(candidates.map((candidate) => [candidate.memberId, candidate.openCases]));
  for (const { memberId } of assignments) load[memberId] = (load[memberId] ?? 0) + 1;
  return load;
}

describe('autoAssignSettingsSchema', () => {
  it('defaults to off with a capacity of 10', () => {
    expect(autoAssignSettingsSchema.parse(undefined)).toEqual({ mode: 'off', capacity: 10 });
    expect(autoAssignSettingsSchema.parse({ mode: 'balanced' })).toEqual({ mode: 'balanced', capacity: 10 });
  });

  it('refuses unknown modes and capacities outside 1..500 with readable messages', () => {
    const problem = (input: unknown) => {
      const result = autoAssignSettingsSchema.safeParse(input);
      return result.success ? 'accepted' : z.prettifyError(result.error);
    };
    expect(problem({ mode: 'random', capacity: 5 })).toContain('must be off, round-robin or balanced');
    expect(problem({ mode: 'balanced', capacity: 0 })).toContain('must be at least 1 open case');
    expect(problem({ mode: 'balanced', capacity: 501 })).toContain('must be at most 500 open cases');
    expect(problem({ mode: 'balanced', capacity: 2.5 })).toContain('must be a whole number of open cases');
  });
});

describe('pickAssignee', () => {
  it('assigns nobody when auto-assignment is off', () => {
    expect(pickAssignee({ mode: 'off', capacity: 5 }, TEAM, null)).toBeNull();
  });

  it('goes round the team after the last one assigned, wrapping at the end', () => {
    expect(pickAssignee(ROUND_ROBIN, TEAM, null)).toBe('ana');
    expect(pickAssignee(ROUND_ROBIN, TEAM, 'ana')).toBe('ben');
    expect(pickAssignee(ROUND_ROBIN, TEAM, 'cho')).toBe('ana');
    expect(pickAssignee(ROUND_ROBIN, TEAM, 'someone-who-left')).toBe('ana');
  });

  it('skips members who are away or at capacity', () => {
    expect(pickAssignee(ROUND_ROBIN, [agent('ana'), agent('ben', 0, true), agent('cho')], 'ana')).toBe('cho');
    expect(pickAssignee(ROUND_ROBIN, [agent('ana'), agent('ben', 5), agent('cho', 7)], 'ana')).toBe('ana');
    expect(pickAssignee(ROUND_ROBIN, [agent('ana', 5), agent('ben', 0, true)], null)).toBeNull();
    expect(pickAssignee(BALANCED, [agent('ana', 5), agent('ben', 0, true)], null)).toBeNull();
  });

  it('balanced picks the least loaded eligible member, ties in round-robin order', () => {
    expect(pickAssignee(BALANCED, [agent('ana', 3), agent('ben', 1), agent('cho', 2)], null)).toBe('ben');
    expect(pickAssignee(BALANCED, [agent('ana', 3), agent('ben', 0, true), agent('cho', 2)], null)).toBe('cho');
    expect(pickAssignee(BALANCED, [agent('ana', 1), agent('ben', 1), agent('cho', 1)], 'ana')).toBe('ben');
    expect(pickAssignee(BALANCED, [agent('ana', 1), agent('ben', 2), agent('cho', 1)], 'ana')).toBe('cho');
    expect(pickAssignee(BALANCED, [agent('ana', 1), agent('ben', 2), agent('cho', 1)], 'cho')).toBe('ana');
  });
});

describe('drainQueue', () => {
  it('gives 30 cases to 3 agents of capacity 5 in turn: 5 each, 15 left waiting', () => {
    const queue = caseKeys(30);
    const drained = drainQueue(ROUND_ROBIN, TEAM, queue, null);
    expect(drained.assignments).toHaveLength(15);
    expect(drained.assignments.slice(0, 4).map((a) => [a.caseKey, a.memberId])).toEqual([
      ['case-1', 'ana'],
      ['case-2', 'ben'],
      ['case-3', 'cho'],
      ['case-4', 'ana'],
    ]);
    expect(loadAfter(TEAM, drained.assignments)).toEqual({ ana: 5, ben: 5, cho: 5 });
    expect(drained.queued).toEqual(queue.slice(15));
    expect(drained.lastAssignedId).toBe('cho');
  });

  it('never exceeds capacity, counting the cases members already hold', () => {
    for (const settings of [ROUND_ROBIN, BALANCED]) {
      const team = [agent('ana', 4), agent('ben', 0), agent('cho', 5), agent('dev', 2)];
      const drained = drainQueue(settings, team, caseKeys(20), 'ben');
      const load = loadAfter(team, drained.assignments);
      expect(Math.max(...Object.values(load))).toBe(5);
      expect(load).toEqual({ ana: 5, ben: 5, cho: 5, dev: 5 });
      expect(drained.assignments).toHaveLength(9);
    }
  });

  it('passes over an away member', () => {
    const team = [agent('ana'), agent('ben', 0, true), agent('cho')];
    const drained = drainQueue(ROUND_ROBIN, team, caseKeys(4), null);
    expect(drained.assignments.map((a) => a.memberId)).toEqual(['ana', 'cho', 'ana', 'cho']);
  });

  it('balanced always gives the next case to the least loaded member, ties in turn', () => {
    const team = [agent('ana', 3), agent('ben', 1), agent('cho', 2)];
    const drained = drainQueue(BALANCED, team, caseKeys(6), null);
    // ben 1→2; ben and cho tie at 2, cho is next after ben; ben 2→3; all at 3, next after ben is cho; then ana.
    expect(drained.assignments.map((a) => a.memberId)).toEqual(['ben', 'cho', 'ben', 'cho', 'ana', 'ben']);
  });

  it('assigns exactly one more case when one agent resolves a case', () => {
    const first = drainQueue(ROUND_ROBIN, TEAM, caseKeys(30), null);
    expect(loadAfter(TEAM, first.assignments)).toEqual({ ana: 5, ben: 5, cho: 5 });
    const afterResolve = [agent('ana', 4), agent('ben', 5), agent('cho', 5)];
    const second = drainQueue(ROUND_ROBIN, afterResolve, first.queued, first.lastAssignedId);
    expect(second.assignments).toEqual([{ caseKey: 'case-16', memberId: 'ana' }]);
    expect(second.queued).toHaveLength(14);
    expect(second.lastAssignedId).toBe('ana');
  });

  it('keeps everything queued and the turn unchanged when off or nobody can take a case', () => {
    expect(drainQueue({ mode: 'off', capacity: 5 }, TEAM, caseKeys(2), 'ben')).toEqual({ assignments: [], lastAssignedId: 'ben', queued: caseKeys(2) });
    const everyoneAway = TEAM.map((candidate) => ({ ...candidate, away: true }));
    expect(drainQueue(BALANCED, everyoneAway, caseKeys(2), null).assignments).toEqual([]);
  });

  it('leaves the caller’s candidates untouched', () => {
    const team = [agent('ana'), agent('ben')];
    drainQueue(ROUND_ROBIN, team, caseKeys(3), null);
    expect(team).toEqual([agent('ana'), agent('ben')]);
  });
});
