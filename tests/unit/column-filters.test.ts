import { describe, expect, it } from 'vitest';
import { columnFiltersPatch } from '../../src/shared/column-schemas';
import { compileColumnFilters, filtersAreEmpty, matchesColumnFilters, usesCustomerFacts, type CustomerFacts } from '../../src/shared/column-filters';
import { DEFAULT_COLUMN_FILTERS, EMPTY_ENTITIES, type ColumnFilters, type MuteList, type PostView } from '../../src/shared/domain';
import { activeFilterCount, customerLabelOptions, filtersFromForm, formFromFilters } from '../../src/renderer/src/logic/filters-form';
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

describe('customer filters', () => {
  // The store's answers, as the core's cache gives them (labels compare without case there).
  const labels = new Map([
    ['7', ['VIP', 'press']],
    ['8', ['lead']],
  ]);
  const noted = new Set(['8']);
  const facts: CustomerFacts = {
    hasLabel: (customerId, label) => (labels.get(customerId) ?? []).some((own) => own.toLowerCase() === label.toLowerCase()),
    hasNotes: (customerId) => noted.has(customerId),
  };
  const vera = post({ id: '1' }, { id: '7', username: 'vip_vera' });
  const lena = post({ id: '2' }, { id: '8', username: 'lead_lena' });
  const pete = post({ id: '3' }, { id: '9', username: 'plain_pete' });
  const kept = (f: Partial<ColumnFilters>) => [vera, lena, pete].filter((p) => matchesColumnFilters(p, filters(f), NO_MUTES, facts)).map((p) => p.author.username);

  it('"Customer label" keeps only the posts of customers carrying it, in any case', () => {
    expect(kept({ customerLabel: 'VIP' })).toEqual(['vip_vera']);
    expect(kept({ customerLabel: 'vip' })).toEqual(['vip_vera']);
    expect(kept({ customerLabel: 'partner' })).toEqual([]);
  });

  it('"Hide customers labelled" hides theirs and keeps everyone else, unlabelled authors too', () => {
    expect(kept({ hideCustomerLabel: 'press' })).toEqual(['lead_lena', 'plain_pete']);
    expect(kept({ customerLabel: 'VIP', hideCustomerLabel: 'lead' })).toEqual(['vip_vera']);
  });

  it('"Has customer notes" keeps the posts of customers someone wrote about', () => {
    expect(kept({ onlyNotedCustomers: true })).toEqual(['lead_lena']);
    expect(kept({ onlyNotedCustomers: true, customerLabel: 'VIP' })).toEqual([]);
  });

  it('asks per post: a label given after the predicate was compiled counts at once', () => {
    const predicate = compileColumnFilters(filters({ customerLabel: 'VIP' }), NO_MUTES, facts);
    expect(predicate(pete)).toBe(false);
    labels.set('9', ['VIP']);
    expect(predicate(pete)).toBe(true);
    labels.delete('9');
  });

  it('without the store\'s facts a customer filter keeps nothing it cannot prove; without a customer filter nobody is asked', () => {
    expect(matchesColumnFilters(vera, filters({ customerLabel: 'VIP' }), NO_MUTES)).toBe(false);
    expect(matchesColumnFilters(vera, filters({ hideCustomerLabel: 'VIP' }), NO_MUTES)).toBe(true);
    const asked: string[] = [];
    const counting: CustomerFacts = { hasLabel: (id) => (asked.push(id), false), hasNotes: (id) => (asked.push(id), false) };
    expect(matchesColumnFilters(vera, filters({ onlyVerified: false }), NO_MUTES, counting)).toBe(true);
    expect(asked).toEqual([]);
  });

  it('counts as a filter (the store filters the column) and the contract checks the label', () => {
    expect(filtersAreEmpty(filters({ customerLabel: 'VIP' }), NO_MUTES)).toBe(false);
    expect(filtersAreEmpty(filters({ onlyNotedCustomers: true }), NO_MUTES)).toBe(false);
    expect(usesCustomerFacts(filters({ hideCustomerLabel: 'press' }))).toBe(true);
    expect(usesCustomerFacts(DEFAULT_COLUMN_FILTERS)).toBe(false);
    expect(columnFiltersPatch.safeParse({ customerLabel: ' ' }).error?.issues[0]?.message).toBe('A label cannot be empty');
    expect(columnFiltersPatch.safeParse({ customerLabel: 'x'.repeat(31) }).error?.issues[0]?.message).toBe('A label is at most 30 characters');
    expect(columnFiltersPatch.safeParse({ customerLabel: ' VIP ', onlyNotedCustomers: true }).data).toEqual({ customerLabel: 'VIP', onlyNotedCustomers: true });
  });
});

describe('customer filters in the column form', () => {
  it('round-trips: "Any customer" and "None" are no filter, a chosen label is kept as chosen', () => {
    const form = formFromFilters(filters({ customerLabel: 'VIP', onlyNotedCustomers: true }));
    expect(form).toMatchObject({ customerLabel: 'VIP', hideCustomerLabel: '', onlyNotedCustomers: true });
    expect(filtersFromForm(form)).toEqual({ ok: true, value: filters({ customerLabel: 'VIP', onlyNotedCustomers: true }) });
    expect(filtersFromForm({ ...form, customerLabel: '', onlyNotedCustomers: false })).toEqual({ ok: true, value: DEFAULT_COLUMN_FILTERS });
    expect(activeFilterCount(filters({ customerLabel: 'VIP', hideCustomerLabel: 'press', onlyNotedCustomers: true }))).toBe(3);
  });

  it('refuses keeping and hiding one label (any case), naming the field', () => {
    const form = { ...formFromFilters(DEFAULT_COLUMN_FILTERS), customerLabel: 'VIP', hideCustomerLabel: 'vip' };
    expect(filtersFromForm(form)).toEqual({ ok: false, field: 'hideCustomerLabel', message: 'Hide customers labelled: the column already keeps only customers labelled VIP' });
  });

  it('offers the presets, the team\'s labels in use and the column\'s own, each once', () => {
    expect(customerLabelOptions(['vip', 'Churn risk'], { customerLabel: 'Old label', hideCustomerLabel: '' })).toEqual(['VIP', 'press', 'lead', 'partner', 'Churn risk', 'Old label']);
  });
});
