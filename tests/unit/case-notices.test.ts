import { describe, expect, it } from 'vitest';
import { CaseNotices, mentions, noticeForChange, type CaseChangeSeen } from '../../src/main/core/team/case-notices';
import { DomainEvents } from '../../src/main/core/domain-events';
import { MemoryPreferenceStore, type Logger } from '../../src/main/core/ports';
import { newCase, type AssignmentView } from '../../src/shared/hub-protocol';
import { ManualClock } from '../../src/shared/clock';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from '../../src/shared/sla';
import { DEFAULT_CASE_NOTIFY, type CaseNotice } from '../../src/shared/team';

const names = {
  member: (id: string) => ({ maya: 'Maya Chen', bob: 'Bob Agent' })[id] ?? 'a former member',
  customer: (postId: string) => (postId === '1' ? '@kaito_t' : 'A customer'),
};
const unassigned = newCase('acme', '1');
const mine = newCase('acme', '1', { assigneeId: 'maya', version: 1 });
const change = (fields: Partial<CaseChangeSeen>): CaseChangeSeen => ({ before: unassigned, after: mine, actorId: 'bob', reopened: false, ...fields });

describe('the notice a case change makes for me', () => {
  it('tells me a colleague assigned me a customer’s post', () => {
    expect(noticeForChange(change({}), 'maya', names)).toEqual({ kind: 'assigned', handleId: 'acme', postId: '1', text: 'Bob Agent assigned you @kaito_t’s post' });
    expect(noticeForChange(change({ before: null }), 'maya', names)?.kind).toBe('assigned');
    expect(noticeForChange(change({ before: newCase('acme', '1', { assigneeId: 'bob' }) }), 'maya', names)?.kind).toBe('assigned');
  });

  it('names auto-assignment when the hub assigned it', () => {
    expect(noticeForChange(change({ actorId: 'hub' }), 'maya', names)?.text).toBe('Auto-assignment assigned you @kaito_t’s post');
  });

  it('says nothing when I claimed it myself', () => {
    expect(noticeForChange(change({ actorId: 'maya' }), 'maya', names)).toBeNull();
  });

  it('says nothing when a case already mine only changed status', () => {
    expect(noticeForChange(change({ before: mine, after: { ...mine, status: 'pending', version: 2 } }), 'maya', names)).toBeNull();
  });

  it('tells me when my case reopened because the customer wrote again', () => {
    const reopened = noticeForChange(change({ before: { ...mine, status: 'pending' }, after: { ...mine, version: 2 }, actorId: 'hub', reopened: true }), 'maya', names);
    expect(reopened).toEqual({ kind: 'reopened', handleId: 'acme', postId: '1', text: '@kaito_t wrote again: your case is open' });
  });

  it('says nothing of someone else’s case', () => {
    const bobs = newCase('acme', '1', { assigneeId: 'bob', version: 1 });
    expect(noticeForChange(change({ after: bobs, actorId: 'maya' }), 'maya', names)).toBeNull();
    expect(noticeForChange(change({ before: bobs, after: { ...bobs, version: 2 }, reopened: true }), 'maya', names)).toBeNull();
    expect(noticeForChange(change({ before: mine, after: { ...unassigned, version: 2 } }), 'maya', names)).toBeNull();
  });
});

describe('whether a note mentions me', () => {
  it('matches my first name or my full name, in any case', () => {
    expect(mentions('@Maya can you look?', 'Maya Chen')).toBe(true);
    expect(mentions('ping @maya chen please', 'Maya Chen')).toBe(true);
    expect(mentions('@MAYA', 'Maya Chen')).toBe(true);
    expect(mentions('thanks @Maya.', 'Maya Chen')).toBe(true);
    expect(mentions('@Maya, see above', ' Maya Chen ')).toBe(true);
  });

  it('does not match another name that starts with mine, or my name without "@"', () => {
    expect(mentions('@Mayan has this one', 'Maya Chen')).toBe(false);
    expect(mentions('@maya_c has this one', 'Maya Chen')).toBe(false);
    expect(mentions('Maya Chen should see this', 'Maya Chen')).toBe(false);
    expect(mentions('@Bob can you look?', 'Maya Chen')).toBe(false);
  });

  it('matches nothing for a blank name', () => {
    expect(mentions('@ anyone?', '   ')).toBe(false);
  });
});

const quietLogger: Logger = { info() {}, warn() {}, error() {} };

function notices(selfId: string | null = 'maya', cases: AssignmentView[] = [], policy: SlaPolicy | null = null, clock = new ManualClock()) {
  const preferences = new MemoryPreferenceStore();
  const domain = new DomainEvents(quietLogger);
  const told: CaseNotice[] = [];
  domain.on('caseNotice', (event) => void told.push(event.notice));
  const caseNotices = new CaseNotices({ preferences, domain, self: () => selfId, memberName: names.member, customer: names.customer, openCasesOf: () => cases, slaPolicy: () => policy, clock });
  return { caseNotices, preferences, told, clock };
}

describe('case notices as my settings allow', () => {
  it('publishes a notice whose kind is on', async () => {
    const { caseNotices, told } = notices();
    await caseNotices.caseChanged(change({}));
    expect(told.map((notice) => notice.text)).toEqual(['Bob Agent assigned you @kaito_t’s post']);
  });

  it('does not publish a kind I switched off, and still publishes the others', async () => {
    const { caseNotices, told } = notices();
    caseNotices.save({ ...DEFAULT_CASE_NOTIFY, assigned: false });
    await caseNotices.caseChanged(change({}));
    expect(told).toEqual([]);
    await caseNotices.caseChanged(change({ before: mine, after: { ...mine, version: 2 }, reopened: true }));
    expect(told.map((notice) => notice.kind)).toEqual(['reopened']);
  });

  it('tells me of a colleague’s note that mentions me, not of my own', async () => {
    const { caseNotices, told } = notices();
    await caseNotices.noteAdded({ handleId: 'acme', postId: '1', memberId: 'maya', text: '@Maya note to self' });
    await caseNotices.noteAdded({ handleId: 'acme', postId: '1', memberId: 'bob', text: 'no mention here' });
    await caseNotices.noteAdded({ handleId: 'acme', postId: '1', memberId: 'bob', text: '@Maya refund approved' });
    expect(told).toEqual([{ kind: 'mentioned', handleId: 'acme', postId: '1', text: 'Bob Agent mentioned you in a note: @Maya refund approved' }]);
    caseNotices.save({ ...DEFAULT_CASE_NOTIFY, mentioned: false });
    await caseNotices.noteAdded({ handleId: 'acme', postId: '1', memberId: 'bob', text: '@Maya again' });
    expect(told).toHaveLength(1);
  });

  it('tells nothing when this desktop is not in a team', async () => {
    const { caseNotices, told } = notices(null);
    await caseNotices.caseChanged(change({}));
    await caseNotices.noteAdded({ handleId: 'acme', postId: '1', memberId: 'bob', text: '@Maya' });
    expect(told).toEqual([]);
  });

  it('keeps saved settings, and falls back to all on when what is stored is malformed', () => {
    const { caseNotices, preferences } = notices();
    expect(caseNotices.settings()).toEqual(DEFAULT_CASE_NOTIFY);
    const quiet = { assigned: false, mentioned: true, reopened: false, slaDue: true };
    caseNotices.save(quiet);
    expect(caseNotices.settings()).toEqual(quiet);
    preferences.set('team.caseNotifications', { assigned: 'no', mentioned: true, reopened: true, slaDue: true });
    expect(caseNotices.settings()).toEqual(DEFAULT_CASE_NOTIFY);
    preferences.set('team.caseNotifications', 'all off');
    expect(caseNotices.settings()).toEqual(DEFAULT_CASE_NOTIFY);
  });
});

describe('mentions in longer notes', () => {
  it('finds a later mention after someone else’s, and never an e-mail address', () => {
    expect(mentions('@Mayan passed this to @Maya', 'Maya Chen')).toBe(true);
    expect(mentions('forward to billing@maya.com', 'Maya Chen')).toBe(false);
    expect(mentions('ask @maya.chen', 'Maya Chen')).toBe(false);
    expect(mentions('thanks @Maya.', 'Maya Chen')).toBe(true);
  });
});

describe('SLA notices on an injected clock', () => {
  const start = new ManualClock().now();
  const policy: SlaPolicy = { ...DEFAULT_SLA_POLICY, firstResponseMinutes: 60, warnBeforeMinutes: 15 };
  const mine = newCase('acme', '1', { assigneeId: 'maya', waitingSince: start, version: 2 });

  it('tells me once, 15 minutes before my case’s first response is due, and not for a paused or someone else’s case', async () => {
    const paused = newCase('acme', '2', { assigneeId: 'maya', status: 'pending', waitingSince: start, pauses: [{ from: start + 60_000, to: null }], version: 2 });
    const theirs = newCase('acme', '3', { assigneeId: 'bob', waitingSince: start, version: 2 });
    const { caseNotices, told, clock } = notices('maya', [mine, paused, theirs], policy);
    const advance = async (ms: number) => {
      clock.advance(ms);
      await new Promise((resolve) => setImmediate(resolve));
    };
    caseNotices.watchSla();
    await advance(40 * 60_000);
    expect(told).toEqual([]);
    await advance(10 * 60_000);
    expect(told).toEqual([{ kind: 'slaDue', handleId: 'acme', postId: '1', text: 'First response due in 15 min: @kaito_t’s case' }]);
    await advance(30 * 60_000);
    expect(told).toHaveLength(1); // breached since, but already told for this wait
    caseNotices.stop();
    expect(clock.pending).toBe(0);
  });

  it('tells of a breach found at once, and nothing when the handle has no SLA or slaDue is off', async () => {
    const late = notices('maya', [mine], policy, new ManualClock(start + 2 * 3_600_000));
    await late.caseNotices.checkSla();
    expect(late.told.map((notice) => notice.text)).toEqual(['Breached: first response 1 h late: @kaito_t’s case']);
    const none = notices('maya', [mine], null, new ManualClock(start + 2 * 3_600_000));
    await none.caseNotices.checkSla();
    expect(none.told).toEqual([]);
    const off = notices('maya', [mine], policy, new ManualClock(start + 2 * 3_600_000));
    off.caseNotices.save({ ...DEFAULT_CASE_NOTIFY, slaDue: false });
    await off.caseNotices.checkSla();
    expect(off.told).toEqual([]);
  });
});
