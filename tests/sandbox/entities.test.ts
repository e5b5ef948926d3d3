// Post text as X sends it: links wrapped in t.co, HTML-escaped, entity offsets in code points of
// the escaped text (also after emoji, in right-to-left and CJK text), long posts in note_tweet;
// and the core's decoder turning it back into exactly what the author wrote.
import type { TweetV2 } from 'twitter-api-v2';
import { describe, expect, it } from 'vitest';
import { normalisePost } from '../../src/main/core/x/normalize';
import { analyseText } from '../../src/sandbox/text/entities';
import { TcoShortener } from '../../src/sandbox/text/tco';
import { rig } from './support';

const context = () => {
  const tco = new TcoShortener(7);
  return { wrapLink: () => tco.wrap(), userIdOf: (name: string) => (name.toLowerCase() === 'acmeair' ? '42' : undefined) };
};
const slice = (text: string, start: number, end: number) => [...text].slice(start, end).join('');

describe('entities and escaping', () => {
  it('counts offsets in code points of the escaped text, after emoji', () => {
    const { full } = analyseText('😡👏🏽 @AcmeAir fix <this> & #refund now $ACME', context());
    expect(full.text).toBe('😡👏🏽 @AcmeAir fix &lt;this&gt; &amp; #refund now $ACME');
    const { mentions, hashtags, cashtags } = full.entities!;
    expect(mentions).toEqual([{ start: 4, end: 12, username: 'AcmeAir', id: '42' }]);
    expect(slice(full.text, hashtags![0]!.start, hashtags![0]!.end)).toBe('#refund');
    expect(slice(full.text, cashtags![0]!.start, cashtags![0]!.end)).toBe('$ACME');
    expect(hashtags![0]).toMatchObject({ tag: 'refund' });
  });

  it('finds entities in right-to-left and CJK text', () => {
    const arabic = analyseText('شكرا @AcmeAir على الخدمة #رائع', context()).full;
    expect(slice(arabic.text, arabic.entities!.mentions![0]!.start, arabic.entities!.mentions![0]!.end)).toBe('@AcmeAir');
    expect(arabic.entities!.hashtags).toEqual([{ start: 25, end: 30, tag: 'رائع' }]);
    const japanese = analyseText('荷物が届きません @AcmeAir #ロストバゲージ', context()).full;
    expect(japanese.entities!.mentions![0]).toMatchObject({ start: 9, end: 17 });
    expect(japanese.entities!.hashtags![0]).toMatchObject({ start: 18, end: 26, tag: 'ロストバゲージ' });
  });

  it('wraps links in t.co with display_url shortened like X', () => {
    const { full } = analyseText('see https://www.example.com/travel/help/lost-and-found-claims-form-2026. thanks', context());
    const [url] = full.entities!.urls!;
    expect(url!.url).toMatch(/^https:\/\/t\.co\/[A-Za-z0-9]{10}$/);
    expect(url).toMatchObject({ start: 4, end: 27, expanded_url: 'https://www.example.com/travel/help/lost-and-found-claims-form-2026', display_url: 'example.com/travel/help/lost-and-fo…' });
    expect(full.text).toBe(`see ${url!.url}. thanks`);
  });

  it('leaves e-mail addresses, over-long handles and number-only hashtags alone', () => {
    const { full } = analyseText('mail me@example.org, @abcdefghijklmnopq and #123 but #1st', context());
    expect(full.entities).toEqual({ hashtags: [{ start: 53, end: 57, tag: '1st' }] });
  });

  it('cuts posts over 280 code points in `text` and keeps the whole post for note_tweet', () => {
    const raw = `${'😡'.repeat(270)} @AcmeAir #refund please`;
    const analysed = analyseText(raw, context());
    expect([...analysed.truncated!.text]).toHaveLength(280);
    expect(analysed.truncated!.text.endsWith('…')).toBe(true);
    expect(analysed.truncated!.entities).toEqual({ mentions: [{ start: 271, end: 279, username: 'AcmeAir', id: '42' }] });
    expect(analysed.full.text).toBe(raw);
  });
});

describe('the round trip through the core decoder', () => {
  it.each([
    ['escapes and emoji', '@AcmeAir 5 < 7 && "quotes" > 2 😡 #fail https://example.com/a?b=1&c=2'],
    ['right-to-left text', '@AcmeAir رحلتي متأخرة & لا يوجد تحديث #تأخير'],
    ['CJK text', '@AcmeAir 荷物が届きません <至急> #ロストバゲージ'],
    ['a long post', `@AcmeAir ${'my bag & my patience are both gone. '.repeat(12)}#lostbag`],
  ])('gives back what the author wrote, with entities over the right characters (%s)', async (_name, written) => {
    const { admin, get } = await rig();
    const { id } = await admin.createPost({ author: 'jane', text: written });
    const answer = await get<{ data: TweetV2 }>(`/2/tweets/${id}?tweet.fields=author_id,entities,note_tweet`);
    const post = normalisePost(answer.body.data)!;
    const wrapped = answer.body.data.note_tweet?.text ?? answer.body.data.text;
    expect(wrapped).not.toContain('<');
    const urls = post.entities.urls.map((u) => u.expandedUrl);
    let expected = written;
    for (const [index, link] of urls.entries()) expected = expected.replace(link, post.entities.urls[index]!.url);
    expect(post.text).toBe(expected);
    for (const mention of post.entities.mentions) expect(slice(post.text, mention.start, mention.end)).toBe(`@${mention.username}`);
    for (const tag of post.entities.hashtags) expect(slice(post.text, tag.start, tag.end)).toBe(`#${tag.tag}`);
    for (const link of post.entities.urls) expect(slice(post.text, link.start, link.end)).toBe(link.url);
    expect(post.entities.mentions.map((m) => m.username)).toEqual(['AcmeAir']);
    expect(post.entities.hashtags).toHaveLength(1);
  });
});
