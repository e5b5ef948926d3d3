import { describe, expect, it } from 'vitest';
import {
  countNewerThan,
  needsOlderForAnchor,
  newerId,
  newPostsLabel,
  readUpTo,
  samePosition,
  scrollPositionOf,
  unreadMarkerIndex,
} from '../../src/renderer/src/logic/reading-position';

const posts = ['900', '850', '800', '120', '99'].map((id) => ({ id }));

describe('new posts above the reader', () => {
  it('counts posts newer than the newest one the reader saw', () => {
    expect(countNewerThan(posts, '800')).toBe(2);
    expect(countNewerThan(posts, '900')).toBe(0);
    expect(countNewerThan(posts, '810')).toBe(2); // a post no longer listed
    expect(countNewerThan(posts, '1')).toBe(5);
    expect(countNewerThan(posts, null)).toBe(5);
  });

  it('compares snowflakes beyond the safe integers correctly', () => {
    const big = [{ id: '18446744073709551615' }, { id: '9007199254740993' }, { id: '9007199254740992' }];
    expect(countNewerThan(big, '9007199254740992')).toBe(2);
  });

  it('names the control "Show N new post(s)"', () => {
    expect(newPostsLabel(1)).toBe('Show 1 new post');
    expect(newPostsLabel(12)).toBe('Show 12 new posts');
    expect(newPostsLabel(12)).toMatch(/^Show .*new/);
  });
});

describe('read marker', () => {
  it('draws the line above the first post already read', () => {
    expect(unreadMarkerIndex(posts, '800')).toBe(2);
    expect(unreadMarkerIndex(posts, '805')).toBe(2);
  });

  it('draws nothing when all or nothing is read', () => {
    expect(unreadMarkerIndex(posts, null)).toBeNull();
    expect(unreadMarkerIndex(posts, '900')).toBeNull();
    expect(unreadMarkerIndex(posts, '5')).toBeNull();
    expect(unreadMarkerIndex([], '5')).toBeNull();
  });

  it('only ever moves the marker forward', () => {
    expect(readUpTo('850', '800')).toBe('850');
    expect(readUpTo('120', '800')).toBeNull();
    expect(readUpTo('800', '800')).toBeNull();
    expect(readUpTo('99', null)).toBe('99');
    expect(readUpTo(null, '800')).toBeNull();
    expect(newerId(null, null)).toBeNull();
    expect(newerId('10', '9')).toBe('10');
  });
});

describe('stored scroll position', () => {
  it('stores no anchor at the top, the anchor and whole pixels elsewhere', () => {
    expect(scrollPositionOf(true, { id: '800', offsetPx: 40 })).toEqual({ anchorPostId: null, offsetPx: 0 });
    expect(scrollPositionOf(false, { id: '800', offsetPx: 40.6 })).toEqual({ anchorPostId: '800', offsetPx: 41 });
    expect(scrollPositionOf(false, null)).toEqual({ anchorPostId: null, offsetPx: 0 });
    expect(samePosition({ anchorPostId: '1', offsetPx: 2 }, { anchorPostId: '1', offsetPx: 2 })).toBe(true);
    expect(samePosition({ anchorPostId: '1', offsetPx: 2 }, { anchorPostId: '1', offsetPx: 3 })).toBe(false);
  });

  it('pages back only while the anchor is older than every loaded post', () => {
    expect(needsOlderForAnchor(posts, '50', true)).toBe(true);
    expect(needsOlderForAnchor(posts, '50', false)).toBe(false);
    expect(needsOlderForAnchor(posts, '120', true)).toBe(false);
    expect(needsOlderForAnchor(posts, null, true)).toBe(false);
    expect(needsOlderForAnchor([], '50', true)).toBe(false);
  });
});
