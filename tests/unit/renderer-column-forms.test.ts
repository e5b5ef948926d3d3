import { describe, expect, it } from 'vitest';
import { DEFAULT_COLUMN_FILTERS, type DmConversation, type DmEventView } from '../../src/shared/domain';
import { builtQuery, columnInput, emptyBuilderForm, emptyCaseQueueForm, presetForEntity, specFromForm, splitTerms, type AddColumnForm } from '../../src/renderer/src/logic/column-input';
import { conversationName, mergeDmEvents } from '../../src/renderer/src/logic/dm-conversations';
import { activeFilterCount, customerLabelOptions, filtersFromForm, formFromFilters, muteListFromText, splitList } from '../../src/renderer/src/logic/filters-form';
import { compactCount, openOnXHref, postCounts, thumbnails } from '../../src/renderer/src/logic/post-presentation';
import { EMPTY_ENTITIES } from '../../src/shared/domain';
import { postView } from '../helpers/posts';

const form = (fields: Partial<AddColumnForm> = {}): AddColumnForm => ({
  kind: 'search',
  accountId: '100',
  query: '',
  queue: emptyCaseQueueForm(),
  builder: emptyBuilderForm(),
  username: '',
  archiveQuery: '',
  ...fields,
});

describe('query builder form', () => {
  it('splits words on spaces and commas and keeps "quoted phrases" whole', () => {
    expect(splitTerms('refund, baggage  "lost bag" refund')).toEqual(['refund', 'baggage', 'lost bag']);
    expect(splitTerms('  ')).toEqual([]);
  });

  it('turns every field into the X query', () => {
    const builder = {
      ...emptyBuilderForm(),
      allWords: 'refund baggage',
      exactPhrase: 'lost luggage',
      anyWords: 'delay cancelled',
      noneWords: 'giveaway',
      fromAccounts: '@maria_flies',
      toAccounts: 'AcmeAir',
      hashtags: '#travel',
      language: 'en',
      excludeReposts: true,
      excludeReplies: true,
      hasLinks: true,
      hasMedia: true,
    };
    expect(specFromForm(builder)).toMatchObject({ fromAccounts: ['maria_flies'], hashtags: ['travel'], language: 'en' });
    expect(builtQuery(builder)).toBe(
      'refund baggage "lost luggage" (delay OR cancelled) #travel from:maria_flies to:AcmeAir -giveaway lang:en -is:retweet -is:reply has:links has:media',
    );
    expect(builtQuery(emptyBuilderForm())).toBe('');
  });
});

describe('add-column command', () => {
  it('sends the typed query, with the builder only while the query is still the one it built', () => {
    const builder = { ...emptyBuilderForm(), anyWords: 'wifi seatmap' };
    expect(columnInput(form({ query: 'delay' }))).toEqual({ kind: 'search', accountId: '100', query: 'delay' });
    expect(columnInput(form({ builder, query: '(wifi OR seatmap)' }))).toEqual({
      kind: 'search',
      accountId: '100',
      query: '(wifi OR seatmap)',
      builder: specFromForm(builder),
    });
    expect(columnInput(form({ builder, query: '(wifi OR seatmap) lang:fr' }))).toEqual({ kind: 'search', accountId: '100', query: '(wifi OR seatmap) lang:fr' });
  });

  it('builds every kind', () => {
    expect(columnInput(form({ kind: 'mentions' }))).toEqual({ kind: 'mentions', accountId: '100' });
    expect(columnInput(form({ kind: 'dms' }))).toEqual({ kind: 'dms', accountId: '100' });
    expect(columnInput(form({ kind: 'user', username: ' @maria_flies ' }))).toEqual({ kind: 'user', accountId: '100', username: 'maria_flies' });
    expect(columnInput(form({ kind: 'archive', archiveQuery: ' lost bag ' }))).toEqual({ kind: 'archive', accountId: '100', query: 'lost bag' });
  });

  it('explains what is missing instead of sending', () => {
    expect(columnInput(form({ accountId: '' }))).toMatch(/account/);
    expect(columnInput(form({ query: '  ' }))).toMatch(/search query/);
    expect(columnInput(form({ kind: 'user' }))).toMatch(/username/);
    expect(columnInput(form({ kind: 'archive' }))).toMatch(/archive/);
  });

  it('opens a User column from a mention and a search from a hashtag', () => {
    expect(presetForEntity({ kind: 'mention', username: 'maria_flies' })).toEqual({ kind: 'user', username: 'maria_flies' });
    expect(presetForEntity({ kind: 'hashtag', text: '#lostbag' })).toEqual({ kind: 'search', query: '#lostbag' });
  });
});

describe('filters form', () => {
  it('round-trips the filters through the form', () => {
    const filters = { ...DEFAULT_COLUMN_FILTERS, excludeWords: ['promo code', 'giveaway'], languages: ['en', 'es'], minFollowers: 50, hideReposts: true };
    const back = filtersFromForm(formFromFilters(filters));
    expect(back).toEqual({ ok: true, value: filters });
    expect(activeFilterCount(filters)).toBe(4);
    expect(activeFilterCount(DEFAULT_COLUMN_FILTERS)).toBe(0);
  });

  it('reads lists typed with commas, dropping blanks and repeats', () => {
    expect(splitList('promo code, Giveaway,, giveaway\nwin')).toEqual(['promo code', 'Giveaway', 'win']);
    const parsed = filtersFromForm({ ...formFromFilters(DEFAULT_COLUMN_FILTERS), languages: 'EN es  fr', minFollowers: '' });
    expect(parsed.ok && parsed.value).toMatchObject({ languages: ['en', 'es', 'fr'], minFollowers: 0 });
  });

  it('names the field the core would refuse', () => {
    const base = formFromFilters(DEFAULT_COLUMN_FILTERS);
    expect(filtersFromForm({ ...base, excludeRegex: '(unclosed' })).toMatchObject({ ok: false, field: 'excludeRegex', message: expect.stringMatching(/^Hidden pattern: .*regular expression/) });
    expect(filtersFromForm({ ...base, minFollowers: '-3' })).toMatchObject({ ok: false, field: 'minFollowers' });
    expect(filtersFromForm({ ...base, minFollowers: '2.5' })).toMatchObject({ ok: false, field: 'minFollowers' });
    expect(filtersFromForm({ ...base, minFollowers: 250 })).toMatchObject({ ok: true, value: { minFollowers: 250 } }); // v-model on a number input
    expect(filtersFromForm({ ...base, minFollowers: 'lots' })).toMatchObject({ ok: false, field: 'minFollowers' });
    expect(filtersFromForm({ ...base, languages: 'english' })).toMatchObject({ ok: false, field: 'languages' });
  });

  it('round-trips the customer filters, offers the labels in use and the column\'s own, and refuses keeping and hiding one label', () => {
    const filters = { ...DEFAULT_COLUMN_FILTERS, customerLabel: 'VIP', hideCustomerLabel: 'troll', onlyNotedCustomers: true };
    const form = formFromFilters(filters);
    expect(form).toMatchObject({ customerLabel: 'VIP', hideCustomerLabel: 'troll', onlyNotedCustomers: true });
    expect(filtersFromForm(form)).toEqual({ ok: true, value: filters });
    expect(activeFilterCount(filters)).toBe(3);
    // "Any customer" and "None" are the empty choices.
    expect(filtersFromForm(formFromFilters(DEFAULT_COLUMN_FILTERS))).toMatchObject({ ok: true, value: { customerLabel: null, hideCustomerLabel: null, onlyNotedCustomers: false } });
    // Presets first, the labels in use, then the column's own that nobody carries any more; each once.
    expect(customerLabelOptions(['frequent flyer', 'vip'], form)).toEqual(['VIP', 'press', 'lead', 'partner', 'frequent flyer', 'troll']);
    expect(filtersFromForm({ ...form, hideCustomerLabel: 'vip' })).toEqual({ ok: false, field: 'hideCustomerLabel', message: 'Hide customers labelled: the column already keeps only customers labelled VIP' });
  });

  it('reads the mute list one entry a line, usernames with or without @', () => {
    expect(muteListFromText('giveaway\ncrypto airdrop\n\n', '@spam_bot\nother_bot')).toEqual({ ok: true, value: { words: ['giveaway', 'crypto airdrop'], users: ['spam_bot', 'other_bot'] } });
    expect(muteListFromText('', '@not a user!')).toMatchObject({ ok: false, field: 'users', message: expect.stringContaining('Muted users') });
  });
});

describe('post presentation', () => {
  it('shortens counts', () => {
    expect([0, 7, 999, 1_000, 1_250, 12_345, 999_999, 5_600_000].map(compactCount)).toEqual(['0', '7', '999', '1K', '1.2K', '12K', '999K', '5.6M']);
    expect(postCounts(null)).toEqual([]);
    expect(postCounts({ replies: 1, reposts: 2, likes: 1_500, quotes: 0 })).toEqual([
      { kind: 'replies', short: '1', label: '1 reply' },
      { kind: 'reposts', short: '2', label: '2 reposts' },
      { kind: 'likes', short: '1.5K', label: '1,500 likes' },
    ]);
  });

  it('opens posts on X over https only', () => {
    expect(openOnXHref(postView({ id: '123' }))).toBe('https://x.com/maria_flies/status/123');
    expect(openOnXHref(postView({ id: '123' }, { username: 'a/b?c' }))).toBe('https://x.com/a%2Fb%3Fc/status/123');
  });

  it('shows up to four https thumbnails with alt text, videos marked playable', () => {
    const media = (key: string, fields: object) => ({ key, type: 'photo' as const, url: null, previewUrl: null, width: null, height: null, altText: null, ...fields });
    const result = thumbnails([
      media('1', { url: 'https://pbs.example/1.jpg', altText: 'A boarding pass' }),
      media('2', { url: 'http://insecure.example/2.jpg' }),
      media('3', { type: 'video', previewUrl: 'https://pbs.example/3.jpg' }),
      media('4', { url: 'javascript:alert(1)' }),
      media('5', { url: 'https://pbs.example/5.jpg' }),
      media('6', { url: 'https://pbs.example/6.jpg' }),
      media('7', { url: 'https://pbs.example/7.jpg' }),
    ]);
    expect(result.map((t) => t.key)).toEqual(['1', '3', '5', '6']);
    expect(result[0]).toEqual({ key: '1', src: 'https://pbs.example/1.jpg', alt: 'A boarding pass', playable: false });
    expect(result[1]).toMatchObject({ alt: 'Video', playable: true });
  });
});

describe('DM conversations', () => {
  const author = (id: string, name: string) => ({ id, username: name.toLowerCase(), name, avatarUrl: null, verified: false, followersCount: 0 });
  const event = (id: string, conversationId: string, sender: ReturnType<typeof author> | null): DmEventView => ({
    id,
    conversationId,
    senderId: sender?.id ?? '100',
    participantIds: ['100', sender?.id ?? '7'],
    text: `message ${id}`,
    createdAt: '2026-11-25T09:00:00.000Z',
    entities: EMPTY_ENTITIES,
    media: [],
    sender,
  });
  const maria = author('7', 'Maria');
  const sam = author('8', 'Sam');

  it('moves a conversation with a new message to the top and adds new ones', () => {
    const list: DmConversation[] = [
      { conversationId: 'c-sam', participants: [sam], lastEvent: event('20', 'c-sam', sam) },
      { conversationId: 'c-maria', participants: [maria], lastEvent: event('10', 'c-maria', maria) },
    ];
    const merged = mergeDmEvents(list, [event('30', 'c-maria', maria), event('25', 'c-new', author('9', 'Lou'))], '100');
    expect(merged.map((c) => [c.conversationId, c.lastEvent.id])).toEqual([
      ['c-maria', '30'],
      ['c-new', '25'],
      ['c-sam', '20'],
    ]);
    expect(merged[1]!.participants.map((p) => p.name)).toEqual(['Lou']);
  });

  it('ignores events older than a conversation already shows, and our own side as a participant', () => {
    const list: DmConversation[] = [{ conversationId: 'c-maria', participants: [maria], lastEvent: event('10', 'c-maria', maria) }];
    expect(mergeDmEvents(list, [event('5', 'c-maria', maria)], '100')).toBe(list);
    const ours = mergeDmEvents([], [event('40', 'c-x', author('100', 'Acme'))], '100');
    expect(ours[0]!.participants).toEqual([]);
  });

  it('names a conversation by its participants', () => {
    expect(conversationName({ participants: [maria] })).toBe('Maria');
    expect(conversationName({ participants: [maria, sam] })).toBe('Maria and Sam');
    expect(conversationName({ participants: [maria, sam, author('9', 'Lou')] })).toBe('Maria and 2 others');
    expect(conversationName({ participants: [] })).toBe('Conversation');
  });
});
