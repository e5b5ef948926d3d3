import { describe, expect, it } from 'vitest';
import { newCase, type CaseReply } from '../../src/shared/hub-protocol';
import { baselineOf, changesSince, lockHolders } from '../../src/renderer/src/logic/reply-guards';

const names: Record<string, string> = { bob: 'Bob Agent', ann: 'Ann Owner' };
const nameOf = (id: string) => names[id] ?? 'a former member';
const reply = (seq: number, memberId: string, text: string, status: CaseReply['status'] = 'sent'): CaseReply => ({ seq, handleId: 'acme', postId: '1', memberId, text, at: seq, status });

describe('what changed under a draft', () => {
  const opened = newCase('acme', '1', { assigneeId: 'ann', status: 'open', version: 3 });
  const baseline = baselineOf(opened, [reply(10, 'ann', 'earlier')]);

  it('nothing changed: Send goes ahead', () => {
    expect(changesSince(baseline, opened, [reply(10, 'ann', 'earlier')], 'ann', nameOf)).toEqual([]);
  });

  it('a colleague replied since: their words, and not the status their reply moved', () => {
    const now = { ...opened, status: 'pending' as const, version: 4 };
    expect(changesSince(baseline, now, [reply(10, 'ann', 'earlier'), reply(12, 'bob', '@kaito_t we found your bag')], 'ann', nameOf)).toEqual(['Bob Agent replied: “@kaito_t we found your bag”']);
  });

  it('my own replies and failed ones are no news', () => {
    expect(changesSince(baseline, opened, [reply(11, 'ann', 'mine'), reply(12, 'bob', 'refused by X', 'failed')], 'ann', nameOf)).toEqual([]);
  });

  it('someone else has the case now, or its status moved', () => {
    expect(changesSince(baseline, { ...opened, assigneeId: 'bob', version: 4 }, [], 'ann', nameOf)).toEqual(['Bob Agent has the case now']);
    expect(changesSince(baseline, { ...opened, status: 'resolved', version: 4 }, [], 'ann', nameOf)).toEqual(['The case is Resolved now']);
    expect(changesSince(baseline, { ...opened, assigneeId: null, version: 4 }, [], 'ann', nameOf)).toEqual(['Nobody has the case now']);
  });
});

describe('the typing soft lock', () => {
  it('whoever typed first holds it; a colleague who starts later does not lock me', () => {
    expect(lockHolders(null, ['Bob Agent'])).toEqual(['Bob Agent']);
    expect(lockHolders([], ['Bob Agent'])).toEqual([]);
    expect(lockHolders(['Bob Agent'], [])).toEqual([]);
    expect(lockHolders(['Bob Agent', 'Cy'], ['Cy'])).toEqual(['Cy']);
    // Ann took the case over from the first typist: once she types, she holds the lock.
    expect(lockHolders([], ['Ann Owner'], 'Ann Owner')).toEqual(['Ann Owner']);
    expect(lockHolders([], ['Cy'], 'Ann Owner')).toEqual([]);
  });
});
