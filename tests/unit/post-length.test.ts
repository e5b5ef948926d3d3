// X's weighted post length through the shared validator, and the replyToPost contract that uses it.
// The twitter-text npm package does not ship its conformance data, so the first table restates cases
// of twitter-text's conformance/validate.yml (WeightedTweetsWithDiscountedEmojiCounterTest and
// UnicodeDirectionalMarkerCounterTest) with their published weightedLength and valid; long texts
// are rebuilt from their parts instead of pasted.
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/shared/contract';
import { MAX_POST_WEIGHT, measurePost, postText, weightedLength } from '../../src/shared/post-length';

const TANG_POEMS_160 =
  '故人西辞黄鹤楼，烟花三月下扬州。孤帆远影碧空尽，唯见长江天际流。朱雀桥边野草花，乌衣巷口夕阳斜。旧时王谢堂前燕，飞入寻常百姓家。' +
  '朝辞白帝彩云间，千里江陵一日还。两岸猿声啼不住，轻舟已过万重山。泪湿罗巾梦不成，夜深前殿按歌声。红颜未老恩先断，斜倚薰笼坐到明。' +
  '独在异乡为异客，每逢佳节倍思亲。遥知兄弟登高处，遍插茱萸少一人。';
const FAMILY = '👨‍👩‍👧‍👦';
const KANA = 'あいうえおかきくけこ';
const dashes = (count: number) => 'xxxxxxxxxx-'.repeat(count);

const conformance: { description: string; text: string; weightedLength: number; valid: boolean }[] = [
  { description: 'Regular Tweet with url', text: 'Hi http://test.co', weightedLength: 26, valid: true },
  { description: 'Just url', text: 'http://test.co', weightedLength: 23, valid: true },
  { description: 'Long tweet, overflow at char index 280', text: `285 chars-${dashes(25)}`, weightedLength: 285, valid: false },
  { description: 'Long tweet with url in the middle', text: `285 chars- http://www.twitter.com/jack ${dashes(24)}`, weightedLength: 299, valid: false },
  { description: 'Long tweet with url at the end', text: `${dashes(24)} http://www.twitter.com/jack `, weightedLength: 289, valid: false },
  { description: '10 url string, no overflow', text: 'https://www.twitter.com/aloha '.repeat(10), weightedLength: 240, valid: true },
  { description: '160 CJK char, overflow at char index 140', text: TANG_POEMS_160, weightedLength: 320, valid: false },
  { description: '160 emoji char, overflow at char index 140', text: '😷'.repeat(160), weightedLength: 320, valid: false },
  { description: '3 latin char + 160 CJK char', text: `the${TANG_POEMS_160}`, weightedLength: 323, valid: false },
  { description: '282 chars with a normalized character outside 280', text: `282 chars-${dashes(24)}xxxxxA\u0301x`, weightedLength: 281, valid: false },
  { description: 'Count a mix of single byte single word, and double word unicode characters', text: `H🐱☺${FAMILY}`, weightedLength: 7, valid: true },
  { description: 'Count unicode emoji chars inside the basic multilingual plane', text: '😷👾😡🔥💩', weightedLength: 10, valid: true },
  { description: 'Emoji outside the BMP with skin tone modifiers', text: '🙋🏽👨‍🎤', weightedLength: 4, valid: true },
  {
    description: 'General Punctuation Characters with visible spaces (u2000-200A), no ZWJ/ZWNJ',
    text: 'This is a tweet with general punctuation characters: \u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u200B ‐ ‑ ‒ – — ― ‖  ‗ ‘ ’ ‚ ‛ “ ” „ ‟ ′ ″ ‴ ‵ ‶ ‷',
    weightedLength: 110,
    valid: true,
  },
  { description: 'A 64 character domain without protocol', text: 'randomurlrandomurlrandomurlrandomurlrandomurlrandomurlrandomurls.com', weightedLength: 68, valid: true },
  {
    description: 'Do not allow > 140 CJK characters through a host longer than 63 punycode characters',
    text: `${KANA.repeat(12)} http://${KANA.repeat(5)}あいう.com`,
    weightedLength: 358,
    valid: false,
  },
  { description: 'Allow > 140 CJK characters through a host of at most 63 punycode characters', text: `${KANA.repeat(12)} http://${KANA.repeat(5)}あい.com`, weightedLength: 264, valid: true },
  { description: '140 family emoji', text: FAMILY.repeat(140), weightedLength: 280, valid: true },
  { description: 'Emoji with a leading character in the latin range is counted as 2', text: '1⃣', weightedLength: 2, valid: true },
  { description: 'Unicode 10.0 emoji', text: 'Unicode 10.0 emoji: 🤪; 🧕; 🧕🏾; 🏴󠁧󠁢󠁥󠁮󠁧󠁿', weightedLength: 34, valid: true },
  { description: 'Unicode 9.0 emoji', text: 'Unicode 9.0 emoji: 🤠; 💃; 💃🏾', weightedLength: 29, valid: true },
  { description: 'Handle invalid characters', text: 'ABC\u202A\uFFFFABC\uFFFE', weightedLength: 12, valid: false },
  { description: 'Directional characters are valid', text: '\u2066\u202Ahttp://foobar.پاکستان/\u202C\u2069', weightedLength: 31, valid: true },
];

describe("twitter-text's conformance cases for the weighted length", () => {
  it.each(conformance)('$description', ({ text, weightedLength: expected, valid }) => {
    expect(weightedLength(text)).toBe(expected);
    // measurePost and the schema trim first (two cases end in a space), which never changes validity here.
    expect(measurePost(text).valid).toBe(valid);
    expect(postText.safeParse(text).success).toBe(valid);
  });
});

describe('the shared post-length validator', () => {
  it('counts a link as 23 whatever its length, so a 300-code-point text with links fits', () => {
    const link = `https://help.acme-air.com/rebooking/${'segment/'.repeat(20)}`;
    const text = `Rebook here ${link} or here ${link}`;
    expect(Array.from(text).length).toBeGreaterThan(MAX_POST_WEIGHT);
    expect(measurePost(text)).toEqual({ weightedLength: 12 + 23 + 9 + 23, remaining: MAX_POST_WEIGHT - 67, valid: true, reason: null });
  });

  it('counts a combining mark with its letter as one character after NFC, and a lone mark once', () => {
    expect(weightedLength('Cafe\u0301')).toBe(4);
    expect(weightedLength('a\u0308\u0301')).toBe(2);
  });

  it('accepts exactly 280 and refuses 281, saying how long the text is as X counts it', () => {
    expect(measurePost('a'.repeat(280))).toEqual({ weightedLength: 280, remaining: 0, valid: true, reason: null });
    expect(measurePost('中'.repeat(140)).valid).toBe(true);
    expect(measurePost(`${'中'.repeat(140)}a`)).toEqual({
      weightedLength: 281,
      remaining: -1,
      valid: false,
      reason: 'Post text is 281 characters as X counts them; the limit is 280',
    });
    const refused = postText.safeParse('🛫'.repeat(141));
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((issue) => issue.message)).toEqual(['Post text is 282 characters as X counts them; the limit is 280']);
  });

  it('measures the text as it will be sent: trimmed, and refused when blank', () => {
    expect(measurePost(`   ${'a'.repeat(280)}\n\n`).valid).toBe(true);
    expect(postText.parse(`  ${'a'.repeat(280)}\n`)).toBe('a'.repeat(280));
    expect(measurePost(' \n ', 'Reply text')).toMatchObject({ valid: false, reason: 'Reply text cannot be empty' });
  });

  it('names a character X refuses', () => {
    expect(measurePost('Thanks\uFFFF').reason).toBe('Post text contains a character X does not accept (U+FFFF)');
  });
});

describe('the replyToPost contract', () => {
  const input = (text: string) => ({ accountId: '1001', inReplyToPostId: '2002', text });
  const link = 'https://status.acme-air.com/flights/AA1234/2026-12-03/departure-board?lang=en&utm_source=x';

  it('accepts a 280-weight reply whose links make it longer than 280 code points', () => {
    const prefix = `@maria_flies AA1234 leaves at 15:10, gate B12: ${link} and ${link} `;
    const head = weightedLength(prefix);
    const text = `${prefix}${'x'.repeat(MAX_POST_WEIGHT - head)}`;
    expect(weightedLength(text)).toBe(280);
    expect(Array.from(text).length).toBeGreaterThan(280);
    const parsed = commands.replyToPost.input.safeParse(input(text));
    expect(parsed.success).toBe(true);
  });

  it('refuses a reply of weight 281 with the count X would make', () => {
    const text = `@maria_flies ${'申'.repeat(134)}`;
    expect(Array.from(text).length).toBe(147);
    expect(weightedLength(text)).toBe(281);
    const parsed = commands.replyToPost.input.safeParse(input(text));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues).toMatchObject([{ path: ['text'], message: 'Reply text is 281 characters as X counts them; the limit is 280' }]);
  });
});
