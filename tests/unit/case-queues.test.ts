import { describe, expect, it } from 'vitest';
import { ALL_OPEN_CASES, ASSIGNED_TO_ME, UNASSIGNED, caseQueueSchema, inQueue, queueCount, queueTitle, type CaseQueue } from '../../src/shared/case-queues';
import { newCase } from '../../src/shared/hub-protocol';

const allCases: CaseQueue = { scope: 'all', statuses: [], assigneeId: null, tag: null, priority: null };
const mineOpen = newCase('acme', '1', { assigneeId: 'ann' });
const bobsPending = newCase('acme', '2', { assigneeId: 'bob', status: 'pending', tags: ['refund'], priority: 'high' });
const nobodysOpen = newCase('acme', '3');
const nobodysResolved = newCase('acme', '4', { status: 'resolved' });
const otherHandle = newCase('globex', '5', { assigneeId: 'ann' });
const cases = [mineOpen, bobsPending, nobodysOpen, nobodysResolved, otherHandle];

const inIt = (queue: CaseQueue, selfId: string | null = 'ann') => cases.filter((item) => inQueue(item, queue, 'acme', selfId)).map((item) => item.postId);

describe('what a case queue holds', () => {
  it('"Assigned to me" holds only my cases of the handle', () => {
    expect(inIt(ASSIGNED_TO_ME)).toEqual(['1']);
    expect(inIt(ASSIGNED_TO_ME, 'bob')).toEqual(['2']);
  });

  it('"Assigned to me" is empty when this desktop is not in a team', () => {
    expect(inIt(ASSIGNED_TO_ME, null)).toEqual([]);
    expect(inIt({ ...ASSIGNED_TO_ME, statuses: [] }, null)).toEqual([]);
  });

  it('"Unassigned" holds the cases nobody has, in its statuses', () => {
    expect(inIt(UNASSIGNED)).toEqual(['3']);
    expect(inIt({ ...UNASSIGNED, statuses: [] })).toEqual(['3', '4']);
  });

  it('"Cases" holds every owner’s cases of the handle, filtered by status', () => {
    expect(inIt(allCases)).toEqual(['1', '2', '3', '4']);
    expect(inIt(ALL_OPEN_CASES)).toEqual(['1', '3']);
    expect(inIt({ ...allCases, statuses: ['pending', 'resolved'] })).toEqual(['2', '4']);
  });

  it('filters "Cases" by assignee, tag and priority', () => {
    expect(inIt({ ...allCases, assigneeId: 'bob' })).toEqual(['2']);
    expect(inIt({ ...allCases, tag: 'refund' })).toEqual(['2']);
    expect(inIt({ ...allCases, tag: 'billing' })).toEqual([]);
    expect(inIt({ ...allCases, priority: 'high' })).toEqual(['2']);
    expect(inIt({ ...allCases, priority: 'normal' })).toEqual(['1', '3', '4']);
    expect(inIt({ ...allCases, assigneeId: 'bob', statuses: ['open'] })).toEqual([]);
  });

  it('never holds another handle’s case', () => {
    expect(inQueue(otherHandle, allCases, 'acme', 'ann')).toBe(false);
    expect(inQueue(otherHandle, ASSIGNED_TO_ME, 'acme', 'ann')).toBe(false);
    expect(inQueue(otherHandle, ASSIGNED_TO_ME, 'globex', 'ann')).toBe(true);
  });

  it('counts the cases in the queue for the column header', () => {
    expect(queueCount(cases, ALL_OPEN_CASES, 'acme', 'ann')).toBe(2);
    expect(queueCount(cases, ASSIGNED_TO_ME, 'globex', 'ann')).toBe(1);
    expect(queueCount(cases, ASSIGNED_TO_ME, 'acme', null)).toBe(0);
    expect(queueCount([], allCases, 'acme', 'ann')).toBe(0);
  });
});

describe('a case queue’s title', () => {
  const memberName = (id: string) => (id === 'bob' ? 'Bob Agent' : 'someone');

  it('names the queue and its handle', () => {
    expect(queueTitle(ASSIGNED_TO_ME, '@acme', memberName)).toBe('Assigned to me: @acme');
    expect(queueTitle(UNASSIGNED, '@acme', memberName)).toBe('Unassigned: @acme');
    expect(queueTitle(allCases, '@acme', memberName)).toBe('Cases: @acme');
  });

  it('lists the filters of a "Cases" queue', () => {
    expect(queueTitle({ scope: 'all', statuses: ['open', 'pending'], assigneeId: 'bob', tag: 'refund', priority: 'urgent' }, '@acme', memberName)).toBe('Cases: @acme (open/pending, Bob Agent, #refund, urgent)');
    expect(queueTitle({ ...allCases, tag: 'vip' }, '@acme', memberName)).toBe('Cases: @acme (#vip)');
  });
});

describe('a stored or requested case queue', () => {
  it('fills the filters it leaves out', () => {
    expect(caseQueueSchema.parse({ scope: 'all' })).toEqual(allCases);
    expect(caseQueueSchema.parse({ scope: 'mine', statuses: ['open'], tag: '  vip ' })).toEqual({ scope: 'mine', statuses: ['open'], assigneeId: null, tag: 'vip', priority: null });
  });

  it('is refused when malformed', () => {
    expect(caseQueueSchema.safeParse({ scope: 'all', statuses: ['closed'] }).success).toBe(false);
    expect(caseQueueSchema.safeParse({ scope: 'everyone' }).success).toBe(false);
    expect(caseQueueSchema.safeParse({ scope: 'all', priority: 'critical' }).success).toBe(false);
    expect(caseQueueSchema.safeParse({ scope: 'all', tag: '   ' }).success).toBe(false);
    expect(caseQueueSchema.safeParse({ scope: 'all', color: 'red' }).success).toBe(false);
    expect(caseQueueSchema.safeParse({}).success).toBe(false);
  });
});
