import { describe, expect, it } from 'vitest';
import { columnFiltersPatch } from '../../src/shared/column-schemas';
import { filtersAreEmpty, matchesColumnFilters } from '../../src/shared/column-filters';
import { DEFAULT_COLUMN_FILTERS, EMPTY_ENTITIES, type ColumnFilters, type MuteList, type PostView } from '../../src/shared/domain';
import { filtersFromForm, formFromFilters } from '../../src/renderer/src/logic/filters-form';
import { postView } from '../helpers/posts';

const NO_MUTES: MuteList = { words: [], users: [] };
const filters = (fields: Partial<ColumnFilters>): ColumnFilters => ({ ...DEFAULT_COLUMN_FILTERS, ...fields });

function post(fields: Partial<PostView> = {}, author: Partial<PostView['author']> = {}): PostView {
  return postView(fields, { username: 'jane', followersCount: 120, ...author });
}

const shown = (p: PostView, f: Partial<ColumnFilters>, mutes = NO_MUTES) => matchesColumnFilters(p, filters(f), mutes);

describe('matchesColumnFilters', () => {
  it('shows everything with default filters and no mutes', () => {
    expect(shown(post(), {})).toBe(true);
    expect(filtersAreEmpty(DEFAULT_COLUMN_FILTERS, NO_MUTES)).toBe(true);
  });

  it('hides whole excluded words and phrases, ignoring case and accents, not parts of words', () => {
    expect(shown(post({ text: 'Great CAFÉ on board!' }), { excludeWords: ['cafe'] })).toBe(false);
    expect(shown(post({ text: 'flight delayed' }), { excludeWords: ['delay'] })).toBe(true);
    expect(shown(post({ text: 'my flight is delayed again' }), { excludeWords: ['is delayed'] })).toBe(false);
    expect(shown(post({ text: 'win a #giveaway now' }), { excludeWords: ['#giveaway'] })).toBe(false);
  });

  it('hides posts matching the exclusion regular expression', () => {
    expect(shown(post({ text: 'Promo code ABC123' }), { excludeRegex: 'promo\\s+code' })).toBe(false);
    expect(shown(post(), { excludeRegex: 'promo\\s+code' })).toBe(true);
  });

  it('keeps only the chosen languages', () => {
    expect(shown(post({ lang: 'fr' }), { languages: ['en', 'de'] })).toBe(false);
    expect(shown(post({ lang: 'de' }), { languages: ['en', 'de'] })).toBe(true);
    expect(shown(post({ lang: null }), { languages: ['en'] })).toBe(false);
  });

  it('applies minimum followers and only verified', () => {
    expect(shown(post({}, { followersCount: 99 }), { minFollowers: 100 })).toBe(false);
    expect(shown(post({}, { followersCount: 100 }), { minFollowers: 100 })).toBe(true);
    expect(shown(post({}, { verified: false }), { onlyVerified: true })).toBe(false);
    expect(shown(post({}, { verified: true }), { onlyVerified: true })).toBe(true);
  });

  it('hides reposts and replies when asked', () => {
    expect(shown(post({ repostOfId: '5' }), { hideReposts: true })).toBe(false);
    expect(shown(post({ inReplyToPostId: '5' }), { hideReplies: true })).toBe(false);
    expect(shown(post({ inReplyToPostId: '5' }), { hideReposts: true })).toBe(true);
  });

  it('keeps only posts with media or with links (X media links are not links)', () => {
    const photo = { key: '3_1', type: 'photo' as const, url: 'https://pbs.example/1.jpg', previewUrl: null, width: 10, height: 10, altText: null };
    const mediaLink = { start: 0, end: 5, url: 'https://t.co/a', expandedUrl: 'https://x.com/jane/status/1/photo/1', displayUrl: 'pic.x.com/abc' };
    const realLink = { start: 6, end: 10, url: 'https://t.co/b', expandedUrl: 'https://status.example.com', displayUrl: 'status.example.com' };
    expect(shown(post(), { onlyWithMedia: true })).toBe(false);
    expect(shown(post({ media: [photo] }), { onlyWithMedia: true })).toBe(true);
    expect(shown(post({ entities: { ...EMPTY_ENTITIES, urls: [mediaLink] } }), { onlyWithLinks: true })).toBe(false);
    expect(shown(post({ entities: { ...EMPTY_ENTITIES, urls: [mediaLink, realLink] } }), { onlyWithLinks: true })).toBe(true);
  });

  it('applies the global mute list: words and users (with or without @, any case)', () => {
    expect(shown(post({ text: 'Crypto airdrop!' }), {}, { words: ['airdrop'], users: [] })).toBe(false);
    expect(shown(post({}, { username: 'SpamBot' }), {}, { words: [], users: ['@spambot'] })).toBe(false);
    expect(filtersAreEmpty(DEFAULT_COLUMN_FILTERS, { words: ['x'], users: [] })).toBe(false);
  });

  it('the contract refuses a regular expression that does not compile, with a clear message', () => {
    const result = columnFiltersPatch.safeParse({ excludeRegex: '(unclosed' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('is not a valid regular expression');
  });

  it('runs a catastrophic pattern against a long post in linear time', () => {
    const started = performance.now();
    // 34 a's: JavaScript's engine takes minutes here; RE2 answers at once.
    expect(shown(post({ text: `${'a'.repeat(34)}!` }), { excludeRegex: '(a+)+$' })).toBe(true);
    expect(shown(post({ text: 'aaaa' }), { excludeRegex: '(a+)+$' })).toBe(false);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('keeps case-insensitive, Unicode-aware patterns written in JavaScript syntax', () => {
    expect(shown(post({ text: 'Great CAFÉ on board' }), { excludeRegex: 'café' })).toBe(false);
    expect(shown(post({ text: 'Great café on board' }), { excludeRegex: '\\u00C9' })).toBe(false);
    expect(shown(post({ text: 'Ζεύς was here' }), { excludeRegex: '^\\p{Lu}\\p{Ll}+' })).toBe(false);
    expect(shown(post({ text: 'flight 12' }), { excludeRegex: '\\bflight\\s+\\d{2}\\b' })).toBe(false);
  });

  it.each([
    ['(\\w)\\1', 'a backreference'],
    ['(?<tag>x)\\k<tag>', 'a named backreference'],
    ['refund(?! processed)', 'a lookahead'],
    ['(?<!no )refund', 'a lookbehind'],
  ])('the contract refuses %s: it uses %s, which cannot run safely', (pattern, construct) => {
    const result = columnFiltersPatch.safeParse({ excludeRegex: pattern });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(new RegExp(`^This pattern uses ${construct}.*, which Deckhand cannot run safely`));
  });

  it('the filters form says the same before the user saves', () => {
    const form = { ...formFromFilters(DEFAULT_COLUMN_FILTERS), excludeRegex: 'delay(?=ed)' };
    expect(filtersFromForm(form)).toMatchObject({ ok: false, field: 'excludeRegex', message: expect.stringMatching(/^Hidden pattern: This pattern uses a lookahead/) });
    expect(filtersFromForm({ ...form, excludeRegex: '(a+)+$' })).toMatchObject({ ok: true });
  });

  it('a stored pattern it cannot run hides nothing instead of throwing', () => {
    expect(shown(post({ text: 'aa refund' }), { excludeRegex: '(\\w)\\1' })).toBe(true);
    expect(shown(post({ text: 'aa refund' }), { excludeRegex: '(\\w)\\1', excludeWords: ['refund'] })).toBe(false);
  });
});
