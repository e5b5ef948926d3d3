// A polled DMs column says how fresh it is, in X's terms, from its last successful poll; one the
// Activity API feeds says so.
import { describe, expect, it } from 'vitest';
import { statusBadge } from '../../src/renderer/src/logic/column-status';

const checkedAt = '2026-12-03T10:00:00.000Z';
const at = (seconds: number) => Date.parse(checkedAt) + seconds * 1000;

describe('DMs column freshness', () => {
  it('counts from the last successful poll, and moves on with the time given', () => {
    const status = { columnId: 'c', state: 'polling' as const, message: null, checkedAt };
    expect(statusBadge(status, 'dms', at(40))).toEqual({ label: 'Checked 40 s ago', tone: 'live', detail: 'Checked 40 s ago; X allows 15 DM reads per 15 minutes' });
    expect(statusBadge(status, 'dms', at(41)).label).toBe('Checked 41 s ago');
    expect(statusBadge(status, 'dms', at(150)).label).toBe('Checked 2 min ago');
    expect(statusBadge(status, 'dms', at(2 * 3600)).label).toBe('Checked 2 h ago');
  });

  it('keeps the reason the core gives', () => {
    const status = { columnId: 'c', state: 'polling' as const, message: 'The Activity stream is reconnecting', checkedAt };
    expect(statusBadge(status, 'dms', at(5)).detail).toBe('Checked 5 s ago; X allows 15 DM reads per 15 minutes. The Activity stream is reconnecting');
  });

  it('says the Activity API feeds a streaming DMs column, and the filtered stream the others', () => {
    expect(statusBadge({ columnId: 'c', state: 'streaming', message: null }, 'dms').detail).toMatch(/^Messages arrive from X's Activity API as they are sent/);
    expect(statusBadge({ columnId: 'c', state: 'streaming', message: null }, 'mentions').detail).toMatch(/filtered stream/);
  });
});
