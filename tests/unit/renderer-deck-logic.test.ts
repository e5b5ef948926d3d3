import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/shared/clock';
import { COLUMN_WIDTH, UNREAD_COUNT_CAP, type Column } from '../../src/shared/domain';
import { clampWidth, dropIndex, moveTargetIndex, widthAfterKey } from '../../src/renderer/src/logic/column-layout';
import { downloadName } from '../../src/renderer/src/logic/download-name';
import { latestRequest } from '../../src/renderer/src/logic/latest-request';
import { notificationFor, shouldAskPermission, shouldNotify } from '../../src/renderer/src/logic/notifications';
import { applyUnreadCounts, documentTitle, formatUnread, shownUnread, unreadLabel } from '../../src/renderer/src/logic/unread';
import { liveBatcher } from '../../src/renderer/src/logic/live-batcher';
import { postView } from '../helpers/posts';

describe('unread counts', () => {
  it('formats badges up to the core cap', () => {
    expect(formatUnread(0)).toBe('0');
    expect(formatUnread(42)).toBe('42');
    expect(formatUnread(UNREAD_COUNT_CAP)).toBe('999+');
    expect(unreadLabel(3)).toBe('3 unread');
  });

  it('rests the badge of a column read live at the top, only while the window is visible', () => {
    expect(shownUnread(7, true, true)).toBe(0);
    expect(shownUnread(7, true, false)).toBe(7);
    expect(shownUnread(7, false, true)).toBe(7);
  });

  it('titles the window with the total', () => {
    expect(documentTitle('Deckhand', 7)).toBe('(7) Deckhand');
    expect(documentTitle('Deckhand', 0)).toBe('Deckhand');
    expect(documentTitle('Deckhand', 5_000)).toBe('(999+) Deckhand');
  });

  it('applies changed counts, keeping the object when nothing changed', () => {
    const counts = { a: 1, b: 2 };
    expect(applyUnreadCounts(counts, [{ columnId: 'a', count: 1 }])).toBe(counts);
    expect(applyUnreadCounts(counts, [{ columnId: 'b', count: 0 }, { columnId: 'c', count: 5 }])).toEqual({ a: 1, b: 0, c: 5 });
  });
});

describe('download names', () => {
  it('keeps a good name the core suggested', () => {
    expect(downloadName({ filename: 'deckhand-search-acmeair-2026-11-25.csv', mimeType: 'text/csv' })).toBe('deckhand-search-acmeair-2026-11-25.csv');
    expect(downloadName({ filename: 'deckhand-mentions.json', mimeType: 'application/json' })).toBe('deckhand-mentions.json');
  });

  it('adds the extension the type calls for', () => {
    expect(downloadName({ filename: 'report', mimeType: 'text/csv' })).toBe('report.csv');
    expect(downloadName({ filename: 'report.CSV', mimeType: 'text/csv' })).toBe('report.csv');
    expect(downloadName({ filename: 'report.csv', mimeType: 'application/json' })).toBe('report.csv.json');
  });

  it('removes path parts, reserved characters, controls and leading dots', () => {
    expect(downloadName({ filename: '../../etc/passwd', mimeType: 'text/csv' })).toBe('etc-passwd.csv');
    expect(downloadName({ filename: 'a:b*c?"d<e>f|g\u0000h.csv', mimeType: 'text/csv' })).toBe('a-b-c-d-e-f-g-h.csv');
    expect(downloadName({ filename: '...', mimeType: 'application/json' })).toBe('deckhand-export.json');
    expect(downloadName({ filename: 'x'.repeat(500), mimeType: 'text/csv' })).toHaveLength(124);
  });
});

describe('column layout', () => {
  it('moves one step within the deck', () => {
    expect(moveTargetIndex(0, -1, 3)).toBeNull();
    expect(moveTargetIndex(0, 1, 3)).toBe(1);
    expect(moveTargetIndex(2, 1, 3)).toBeNull();
    expect(moveTargetIndex(2, -1, 3)).toBe(1);
    expect(moveTargetIndex(-1, 1, 3)).toBeNull();
  });

  it('turns a drop on the left or right half of a column into the index to move to', () => {
    // Deck A B C D; dragging A (0).
    expect(dropIndex(0, 2, 'before')).toBe(1); // A lands between B and C
    expect(dropIndex(0, 2, 'after')).toBe(2); // after C
    expect(dropIndex(0, 3, 'after')).toBe(3); // last
    // Dragging D (3) to the far left.
    expect(dropIndex(3, 0, 'before')).toBe(0);
    expect(dropIndex(3, 0, 'after')).toBe(1);
    expect(dropIndex(1, 1, 'after')).toBe(1); // onto itself: no move
  });

  it('keeps widths within the contract limits', () => {
    expect(clampWidth(10)).toBe(COLUMN_WIDTH.min);
    expect(clampWidth(10_000)).toBe(COLUMN_WIDTH.max);
    expect(clampWidth(333.6)).toBe(334);
    expect(widthAfterKey(340, 'ArrowRight', false)).toBe(360);
    expect(widthAfterKey(340, 'ArrowLeft', true)).toBe(260);
    expect(widthAfterKey(250, 'ArrowLeft', false)).toBe(COLUMN_WIDTH.min);
    expect(widthAfterKey(340, 'Home', false)).toBe(COLUMN_WIDTH.min);
    expect(widthAfterKey(340, 'End', false)).toBe(COLUMN_WIDTH.max);
    expect(widthAfterKey(340, 'Enter', false)).toBeNull();
  });
});

describe('desktop notifications', () => {
  const on = { notifications: true };
  const off = { notifications: false };

  it('asks for permission once, only when a column wants notifications and nobody answered', () => {
    expect(shouldAskPermission([off, on], 'default', false)).toBe(true);
    expect(shouldAskPermission([off, on], 'default', true)).toBe(false);
    expect(shouldAskPermission([off], 'default', false)).toBe(false);
    expect(shouldAskPermission([on], 'granted', false)).toBe(false);
    expect(shouldAskPermission([on], 'denied', false)).toBe(false);
    expect(shouldAskPermission([on], 'unsupported', false)).toBe(false);
    // A member of a team is told of their cases on the desktop, with no column asking.
    expect(shouldAskPermission([off], 'default', false, true)).toBe(true);
    expect(shouldAskPermission([off], 'default', true, true)).toBe(false);
    expect(shouldAskPermission([], 'denied', false, true)).toBe(false);
  });

  it('notifies only when the agent is not looking, and never for archive columns', () => {
    const mentions = { notifications: true, kind: 'mentions' as const };
    expect(shouldNotify(mentions, true, true)).toBe(false);
    expect(shouldNotify(mentions, false, false)).toBe(true);
    expect(shouldNotify(mentions, true, false)).toBe(true);
    expect(shouldNotify({ ...mentions, notifications: false }, false, false)).toBe(false);
    expect(shouldNotify({ ...mentions, kind: 'archive' }, false, false)).toBe(false);
  });

  it('says who wrote what, or how many arrived', () => {
    const column = { id: 'c1', title: 'Mentions: @AcmeAir' } as Pick<Column, 'id' | 'title'>;
    const one = notificationFor(column, [postView({ id: '2', text: 'Where   is\nmy bag?' })]);
    expect(one).toEqual({ title: 'Mentions: @AcmeAir', body: '@maria_flies: Where is my bag?', tag: 'deckhand-column-c1' });
    const many = notificationFor(column, [postView({ id: '3', text: 'x'.repeat(300) }), postView({ id: '2' })], 4);
    expect(many?.body).toMatch(/^6 new posts\. Latest from @maria_flies: x+…$/);
    expect(notificationFor(column, [])).toBeNull();
  });
});

describe('search as you type', () => {
  it('asks after the typing pause, only the latest question, and drops stale answers', async () => {
    const clock = new ManualClock();
    const asked: string[] = [];
    const answered: string[] = [];
    const pending = new Map<string, (value: string) => void>();
    const request = latestRequest<string, string>({
      clock,
      delayMs: 150,
      run: (query) => {
        asked.push(query);
        return new Promise((resolve) => pending.set(query, resolve));
      },
      answer: (query, result) => answered.push(`${query}=${result}`),
    });
    request.ask('d');
    clock.advance(100);
    request.ask('de');
    clock.advance(149);
    expect(asked).toEqual([]);
    clock.advance(1);
    expect(asked).toEqual(['de']);
    request.ask('delay');
    clock.advance(150);
    expect(asked).toEqual(['de', 'delay']);
    pending.get('delay')!('new');
    pending.get('de')!('old'); // the slower, older answer arrives last
    await Promise.resolve();
    await Promise.resolve();
    expect(answered).toEqual(['delay=new']);
    request.ask('x');
    request.cancel();
    clock.advance(1_000);
    expect(asked).toEqual(['de', 'delay']);
  });
});

describe('live batches', () => {
  it('applies at once after a quiet spell, then at most once per interval, all keys together', () => {
    const clock = new ManualClock();
    const flushed: Record<string, readonly number[]>[] = [];
    const batcher = liveBatcher<number>({ clock, intervalMs: 100, flush: (batches) => flushed.push(Object.fromEntries(batches)) });
    batcher.add('a', [1]);
    clock.advance(0);
    expect(flushed).toEqual([{ a: [1] }]);
    batcher.add('a', [2]);
    batcher.add('b', [3]);
    clock.advance(50);
    batcher.add('a', [4]);
    expect(flushed).toHaveLength(1);
    clock.advance(50);
    expect(flushed).toEqual([{ a: [1] }, { a: [2, 4], b: [3] }]);
    clock.advance(500); // quiet: the next one goes at once
    batcher.add('c', [5]);
    batcher.add('gone', [6]);
    batcher.forget('gone');
    batcher.add('d', []);
    clock.advance(0);
    expect(flushed[2]).toEqual({ c: [5] });
  });
});
