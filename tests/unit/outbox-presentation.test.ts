import { describe, expect, it } from 'vitest';
import { outboxOrder, scheduleProblem, type OutboxItemView } from '../../src/shared/outbox';
import { localInputValue, outboxItemState, sendAtFromLocal } from '../../src/renderer/src/logic/outbox-presentation';

const NOW = Date.UTC(2026, 11, 4, 9, 0, 0);
const item = (id: string, status: OutboxItemView['status'], sendAt: string, updatedAt = '2026-12-04T09:00:00.000Z'): OutboxItemView => ({
  id,
  accountId: '1',
  kind: 'post',
  target: null,
  text: id,
  sendAt,
  status,
  xId: status === 'sent' ? '99' : null,
  reason: status === 'failed' ? 'X answered 403' : null,
  createdAt: '2026-12-04T09:00:00.000Z',
  updatedAt,
  memberId: null,
});

describe('when a post can be scheduled', () => {
  it('refuses a time that passed, an unreadable one and one over a year ahead; takes one a minute ahead', () => {
    expect(scheduleProblem(new Date(NOW - 1).toISOString(), NOW)).toMatch(/passed/);
    expect(scheduleProblem(new Date(NOW).toISOString(), NOW)).toMatch(/passed/);
    expect(scheduleProblem('tomorrow', NOW)).toMatch(/not a date/);
    expect(scheduleProblem(new Date(NOW + 367 * 86_400_000).toISOString(), NOW)).toMatch(/366 days/);
    expect(scheduleProblem(new Date(NOW + 60_000).toISOString(), NOW)).toBeNull();
  });
});

describe('the Scheduled column', () => {
  it('lists what is sending, then what waits (soonest first), then failures, then sent (newest first)', () => {
    const items = [
      item('sent-old', 'sent', '2026-12-03T08:00:00.000Z', '2026-12-03T08:00:00.000Z'),
      item('later', 'queued', '2026-12-05T10:00:00.000Z'),
      item('failed', 'failed', '2026-12-04T08:00:00.000Z'),
      item('sent-new', 'sent', '2026-12-04T08:30:00.000Z', '2026-12-04T08:30:00.000Z'),
      item('soon', 'queued', '2026-12-04T10:00:00.000Z'),
      item('sending', 'sending', '2026-12-04T09:00:00.000Z'),
    ];
    expect(outboxOrder(items).map((entry) => entry.id)).toEqual(['sending', 'soon', 'later', 'failed', 'sent-new', 'sent-old']);
  });

  it('names each state as the UI contract does, with its time', () => {
    expect(outboxItemState(item('a', 'queued', '2026-12-04T10:00:00.000Z'), 'en-GB')).toMatchObject({ label: 'Scheduled', time: { iso: '2026-12-04T10:00:00.000Z' } });
    expect(outboxItemState(item('a', 'queued', '2026-12-04T09:00:00.000Z')).label).toBe('Queued');
    expect(outboxItemState(item('a', 'sending', '2026-12-04T09:00:00.000Z')).label).toBe('Sending');
    expect(outboxItemState(item('a', 'sent', '2026-12-04T09:00:00.000Z')).label).toBe('Sent');
    expect(outboxItemState(item('a', 'failed', '2026-12-04T09:00:00.000Z')).label).toBe('Failed');
  });

  it('reads a datetime-local value in the local time zone and writes one back to the minute', () => {
    const local = localInputValue(NOW + 90 * 60_000 + 30_000);
    expect(local).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(sendAtFromLocal(local)).toBe(new Date(NOW + 90 * 60_000).toISOString());
    expect(sendAtFromLocal('')).toBeNull();
    expect(sendAtFromLocal('2026-13-45T99:00')).toBeNull();
  });
});
