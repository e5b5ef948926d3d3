import { describe, expect, it } from 'vitest';
import { unescapeXText } from '../../src/main/core/x/html';
import { normaliseBatch } from '../../src/main/core/x/normalize';
import { segmentPostText } from '../../src/shared/post-text';

describe('X text normalisation', () => {
  it('unescapes HTML entities and moves entity offsets with them', () => {
    const { text, mapOffset } = unescapeXText('Q&amp;A &lt;3 #help');
    expect(text).toBe('Q&A <3 #help');
    expect(mapOffset(14)).toBe(7);
    expect(mapOffset(19)).toBe(12);
  });

  it('leaves text without escapes and its offsets alone, emoji included', () => {
    const { text, mapOffset } = unescapeXText('🛫 ok');
    expect(text).toBe('🛫 ok');
    expect(mapOffset(2)).toBe(2);
  });

  it('builds posts whose entities render on the unescaped text', () => {
    const batch = normaliseBatch(
      [{ id: '1900000000000000001', text: 'Tom &amp; Jerry ✈️ @AcmeAir', author_id: '42', edit_history_tweet_ids: [], entities: { mentions: [{ start: 19, end: 27, username: 'AcmeAir', id: '7' }] } }],
      [{ id: '42', name: 'Tom', username: 'tom' }],
    );
    const [post] = batch.posts;
    expect(post!.text).toBe('Tom & Jerry ✈️ @AcmeAir');
    const mention = segmentPostText(post!.text, post!.entities).find((s) => s.kind === 'mention');
    expect(mention?.text).toBe('@AcmeAir');
  });

  it('drops malformed posts and posts without their author instead of failing the batch', () => {
    const batch = normaliseBatch(
      [
        { id: 'not-a-number', text: 'x', author_id: '42', edit_history_tweet_ids: [] },
        { id: '1900000000000000002', text: 'no author', author_id: '99', edit_history_tweet_ids: [] },
        { id: '1900000000000000003', text: 'fine', author_id: '42', edit_history_tweet_ids: [] },
      ],
      [{ id: '42', name: 'Tom', username: 'tom' }],
    );
    expect(batch.posts.map((p) => p.id)).toEqual(['1900000000000000003']);
  });
});
