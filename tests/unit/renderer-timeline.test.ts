import { describe, expect, it } from 'vitest';
import type { PostView } from '../../src/shared/domain';
import { applyNewestPage, mergeNewestFirst, oldestId } from '../../src/renderer/src/logic/timeline-merge';
import { compareIdsNewestFirst } from '../../src/shared/ids';
import { postView } from '../helpers/posts';

const post = (id: string, text = `post ${id}`): PostView => postView({ id, text });

const ids = (posts: readonly PostView[]) => posts.map((p) => p.id);

describe('compareIdsNewestFirst', () => {
  it('orders snowflake ids beyond the safe integer range by value, newest first', () => {
    const sorted = ['9007199254740993', '99', '9007199254740992', '18446744073709551615', '100'].sort(compareIdsNewestFirst);
    expect(sorted).toEqual(['18446744073709551615', '9007199254740993', '9007199254740992', '100', '99']);
  });
});

describe('mergeNewestFirst', () => {
  it('puts newer posts on top of the timeline', () => {
    expect(ids(mergeNewestFirst([post('20'), post('10')], [post('30'), post('25')]))).toEqual(['30', '25', '20', '10']);
  });

  it('shows a post delivered twice once, in an event or across events', () => {
    const once = mergeNewestFirst([], [post('5'), post('7'), post('5')]);
    expect(ids(once)).toEqual(['7', '5']);
    expect(ids(mergeNewestFirst(once, [post('7'), post('6')]))).toEqual(['7', '6', '5']);
  });

  it('files late (older) posts in their place rather than on top', () => {
    expect(ids(mergeNewestFirst([post('40'), post('20')], [post('30'), post('10'), post('50')]))).toEqual(['50', '40', '30', '20', '10']);
  });

  it('keeps the posts already shown and returns the same timeline when nothing is new', () => {
    const first = post('2', 'first delivery');
    const timeline = [post('3'), first];
    expect(mergeNewestFirst(timeline, [post('2', 'second delivery')])).toBe(timeline);
    expect(mergeNewestFirst(timeline, [])).toBe(timeline);
    expect(mergeNewestFirst(timeline, [post('2'), post('4')])[2]).toBe(first);
  });

  it('tells the oldest id shown, for paging back', () => {
    expect(oldestId([post('9'), post('4')])).toBe('4');
    expect(oldestId([])).toBeNull();
  });
});

describe('applyNewestPage', () => {
  const range = (from: number, to: number) => Array.from({ length: from - to + 1 }, (_, i) => post(String(from - i)));

  it('fills an empty column and offers older posts when the page was full', () => {
    expect(applyNewestPage({ posts: [], hasOlder: false }, range(13, 10), 4)).toEqual({ posts: range(13, 10), hasOlder: true });
    expect(applyNewestPage({ posts: [], hasOlder: false }, range(12, 10), 4).hasOlder).toBe(false);
  });

  it('merges a page that overlaps what is shown, keeping the older posts below', () => {
    const result = applyNewestPage({ posts: range(12, 5), hasOlder: false }, range(14, 11), 4);
    expect(ids(result.posts)).toEqual(ids(range(14, 5)));
  });

  it('replaces the timeline when a full page does not reach what was shown, so no hole is hidden', () => {
    const result = applyNewestPage({ posts: range(10, 5), hasOlder: false }, range(30, 27), 4);
    expect(ids(result.posts)).toEqual(['30', '29', '28', '27']);
    expect(result.hasOlder).toBe(true);
  });
});
