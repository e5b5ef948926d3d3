import type { TweetV2 } from 'twitter-api-v2';
import { describe, expect, it } from 'vitest';
import { unescapeXText } from '../../src/main/core/x/html';
import { normaliseBatch } from '../../src/main/core/x/normalize';
import { normaliseDmBatch } from '../../src/main/core/x/normalize-dm';
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
      [{ id: '1900000000000000001', text: 'Tom &amp; Jerry ✈️ @AcmeAir', author_id: '42', edit_history_tweet_ids: [], entities: { mentions: [{ start: 19, end: 27, username: 'AcmeAir', id: '7' }] } as TweetV2['entities'] }],
      { users: [{ id: '42', name: 'Tom', username: 'tom' }] },
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
      { users: [{ id: '42', name: 'Tom', username: 'tom' }] },
    );
    expect(batch.posts.map((p) => p.id)).toEqual(['1900000000000000003']);
  });
});

describe('what the post card needs', () => {
  it('keeps quote and repost references, counts and media (https only), and the quoted post from includes', () => {
    const batch = normaliseBatch(
      [
        {
          id: '1900000000000000010',
          text: 'look https://t.co/x',
          author_id: '42',
          edit_history_tweet_ids: [],
          referenced_tweets: [{ type: 'quoted', id: '1900000000000000009' }],
          public_metrics: { retweet_count: 2, reply_count: 3, like_count: 5, quote_count: 1, impression_count: 99 },
          attachments: { media_keys: ['3_1', '7_2', 'missing'] },
        },
      ],
      {
        users: [{ id: '42', name: 'Tom', username: 'tom' }],
        tweets: [{ id: '1900000000000000009', text: 'the original', author_id: '42', edit_history_tweet_ids: [] }],
        media: [
          { media_key: '3_1', type: 'photo', url: 'https://pbs.example/1.jpg', width: 800, height: 600, alt_text: 'a bag' },
          { media_key: '7_2', type: 'video', preview_image_url: 'javascript:alert(1)' },
        ],
      },
    );
    const [post] = batch.posts;
    expect(post).toMatchObject({ quotedPostId: '1900000000000000009', repostOfId: null, metrics: { replies: 3, reposts: 2, likes: 5, quotes: 1 } });
    expect(post!.media).toEqual([
      { key: '3_1', type: 'photo', url: 'https://pbs.example/1.jpg', previewUrl: null, width: 800, height: 600, altText: 'a bag' },
      { key: '7_2', type: 'video', url: null, previewUrl: null, width: null, height: null, altText: null },
    ]);
    expect(batch.referenced.map((p) => p.text)).toEqual(['the original']);
  });

  it('hides the t.co link X appends for media, as X does, and keeps an ordinary link', () => {
    const text = 'bag arrived like this 😡 https://t.co/abc https://t.co/pic1';
    const urls = [
      { start: 24, end: 40, url: 'https://t.co/abc', expanded_url: 'https://acme.example/claims', display_url: 'acme.example/claims' },
      { start: 41, end: 58, url: 'https://t.co/pic1', expanded_url: 'https://x.com/jo/status/1/photo/1', display_url: 'pic.x.com/pic1', media_key: '3_1' },
    ];
    const tweet = { id: '1900000000000000011', text, author_id: '42', edit_history_tweet_ids: [], entities: { urls } as TweetV2['entities'] };
    const [post] = normaliseBatch([tweet], { users: [{ id: '42', name: 'Jo', username: 'jo' }] }).posts;
    expect(post!.text).toBe('bag arrived like this 😡 https://t.co/abc');
    expect(post!.entities.urls.map((u) => u.displayUrl)).toEqual(['acme.example/claims']);
    // Not at the end (never seen from X, but untrusted): the text is kept whole.
    const middle = { ...tweet, id: '1900000000000000012', text: `${text} more`, entities: { urls } as TweetV2['entities'] };
    expect(normaliseBatch([middle], { users: [{ id: '42', name: 'Jo', username: 'jo' }] }).posts[0]!.text).toBe(`${text} more`);
  });

  it('turns DM message events into DmEvents with both participants, skipping joins and malformed events', () => {
    const { events, authors } = normaliseDmBatch(
      [
        { id: '1900000000000000100', event_type: 'MessageCreate', text: 'Hi &amp; thanks', sender_id: '42', dm_conversation_id: '42-77', created_at: '2026-11-25T09:00:00.000Z' },
        { id: '1900000000000000101', event_type: 'ParticipantsJoin', sender_id: '42', dm_conversation_id: '42-77' },
        { id: 'bad', event_type: 'MessageCreate', text: 'x', sender_id: '42' },
      ],
      { users: [{ id: '42', name: 'Tom', username: 'tom' }] },
    );
    expect(events).toEqual([
      expect.objectContaining({ id: '1900000000000000100', conversationId: '42-77', senderId: '42', participantIds: ['42', '77'], text: 'Hi & thanks' }),
    ]);
    expect(authors.map((a) => a.username)).toEqual(['tom']);
  });
});
