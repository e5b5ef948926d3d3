import { describe, expect, it } from 'vitest';
import { answered, customerWrote, mergedInto, withStatus } from '../../src/shared/case-transitions';
import { newCase } from '../../src/shared/hub-protocol';

const wroteAt = 1_000_000;
const pausedAt = 1_060_000;
const resumedAt = 1_120_000;

describe('a case changing status', () => {
  it('pauses the SLA clock when it goes pending while the customer waits', () => {
    const waiting = newCase('acme', '1', { waitingSince: wroteAt, version: 3 });
    const pending = withStatus(waiting, 'pending', pausedAt);
    expect(pending.status).toBe('pending');
    expect(pending.pauses).toEqual([{ from: pausedAt, to: null }]);
    expect(pending.waitingSince).toBe(wroteAt);
    expect(pending.version).toBe(4);
  });

  it('starts no pause when nothing waits for an answer', () => {
    const pending = withStatus(newCase('acme', '1'), 'pending', pausedAt);
    expect(pending.status).toBe('pending');
    expect(pending.pauses).toEqual([]);
    expect(pending.waitingSince).toBeNull();
  });

  it('keeps the pause it already has when going from pending to snoozed', () => {
    const pending = withStatus(newCase('acme', '1', { waitingSince: wroteAt }), 'pending', pausedAt);
    const snoozed = withStatus(pending, 'snoozed', resumedAt, 2_000_000);
    expect(snoozed.pauses).toEqual([{ from: pausedAt, to: null }]);
  });

  it('runs the clock again when a pending case is opened, closing its pause', () => {
    const pending = withStatus(newCase('acme', '1', { waitingSince: wroteAt }), 'pending', pausedAt);
    const reopened = withStatus(pending, 'open', resumedAt);
    expect(reopened.status).toBe('open');
    expect(reopened.pauses).toEqual([{ from: pausedAt, to: resumedAt }]);
    expect(reopened.waitingSince).toBe(wroteAt);
    expect(reopened.version).toBe(pending.version + 1);
  });

  it('clears the wait and the pauses when resolved', () => {
    const pending = withStatus(newCase('acme', '1', { waitingSince: wroteAt }), 'pending', pausedAt);
    const resolved = withStatus(pending, 'resolved', resumedAt);
    expect(resolved.status).toBe('resolved');
    expect(resolved.waitingSince).toBeNull();
    expect(resolved.pauses).toEqual([]);
  });

  it('keeps the snooze time only while snoozed', () => {
    const snoozed = withStatus(newCase('acme', '1'), 'snoozed', pausedAt, 5_000_000);
    expect(snoozed.snoozedUntil).toBe(5_000_000);
    expect(withStatus(newCase('acme', '1'), 'snoozed', pausedAt).snoozedUntil).toBeNull();
    expect(withStatus(snoozed, 'open', resumedAt).snoozedUntil).toBeNull();
    expect(withStatus(snoozed, 'pending', resumedAt).snoozedUntil).toBeNull();
    expect(withStatus(snoozed, 'resolved', resumedAt).snoozedUntil).toBeNull();
    // A snooze time given for another status is not kept either.
    expect(withStatus(newCase('acme', '1'), 'pending', pausedAt, 5_000_000).snoozedUntil).toBeNull();
  });
});

describe('the team answering', () => {
  it('leaves the case pending, answered, with nothing waiting', () => {
    const paused = withStatus(newCase('acme', '1', { waitingSince: wroteAt, version: 7 }), 'snoozed', pausedAt, 5_000_000);
    const reply = answered(paused);
    expect(reply).toMatchObject({ status: 'pending', answered: true, waitingSince: null, snoozedUntil: null, pauses: [], version: paused.version + 1 });
  });
});

describe('the customer writing', () => {
  it('reopens an answered case and starts the clock at their message', () => {
    const pending = answered(newCase('acme', '1', { waitingSince: wroteAt }));
    const again = customerWrote(pending, resumedAt);
    expect(again).toMatchObject({ status: 'open', waitingSince: resumedAt, pauses: [], answered: true, version: pending.version + 1 });
  });

  it('keeps the earlier wait when a message already waited, and ends its pause', () => {
    const snoozed = withStatus(newCase('acme', '1', { waitingSince: wroteAt }), 'snoozed', pausedAt, 5_000_000);
    const again = customerWrote(snoozed, resumedAt);
    expect(again).toMatchObject({ status: 'open', waitingSince: wroteAt, snoozedUntil: null, pauses: [{ from: pausedAt, to: resumedAt }] });
  });
});

describe('merging two cases of one customer', () => {
  it('gathers both tags, keeps the higher priority and the earlier wait', () => {
    const target = newCase('acme', '1', { tags: ['billing', 'vip'], priority: 'normal', waitingSince: resumedAt, status: 'pending', version: 2 });
    const absorbed = newCase('acme', '2', { tags: ['vip', 'refund'], priority: 'urgent', waitingSince: wroteAt, status: 'pending' });
    const merged = mergedInto(target, absorbed, resumedAt);
    expect(merged.postId).toBe('1');
    expect(merged.tags).toEqual(['billing', 'vip', 'refund']);
    expect(merged.priority).toBe('urgent');
    expect(merged.waitingSince).toBe(wroteAt);
    expect(merged.status).toBe('pending');
    expect(merged.version).toBe(3);
    expect(mergedInto(absorbed, target, resumedAt).priority).toBe('urgent');
  });

  it('is open when either case is open, and waits when only one waits', () => {
    const target = newCase('acme', '1', { status: 'resolved' });
    const absorbed = newCase('acme', '2', { status: 'open', waitingSince: wroteAt });
    expect(mergedInto(target, absorbed, resumedAt)).toMatchObject({ status: 'open', waitingSince: wroteAt });
    expect(mergedInto(absorbed, target, resumedAt)).toMatchObject({ status: 'open', waitingSince: wroteAt });
    expect(mergedInto(newCase('acme', '1', { status: 'snoozed' }), newCase('acme', '2', { status: 'resolved' }), resumedAt).waitingSince).toBeNull();
  });

  it('runs the clock again when the merged case is open (its pause ends, its snooze goes) and gathers both cases’ messages', () => {
    const target = newCase('acme', '1', { status: 'snoozed', snoozedUntil: 9_999_999, waitingSince: wroteAt, pauses: [{ from: pausedAt, to: null }], messageIds: ['1', '3'] });
    const other = newCase('acme', '2', { status: 'open', waitingSince: pausedAt, messageIds: ['2', '3'] });
    expect(mergedInto(target, other, resumedAt)).toMatchObject({ status: 'open', snoozedUntil: null, waitingSince: wroteAt, pauses: [{ from: pausedAt, to: resumedAt }], messageIds: ['1', '3', '2'] });
    // A resolved target with a waiting pending case stays resolved, nothing waiting.
    expect(mergedInto(newCase('acme', '1', { status: 'resolved' }), newCase('acme', '2', { status: 'pending', waitingSince: wroteAt }), resumedAt)).toMatchObject({ status: 'resolved', waitingSince: null, pauses: [] });
  });

  it('keeps "answered" and "do not engage" when either case had them', () => {
    const merged = mergedInto(newCase('acme', '1'), newCase('acme', '2', { answered: true, doNotEngage: true }), resumedAt);
    expect(merged).toMatchObject({ answered: true, doNotEngage: true });
  });
});
