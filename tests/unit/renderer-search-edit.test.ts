import { describe, expect, it } from 'vitest';
import { DEFAULT_COLUMN_FILTERS, type Column } from '../../src/shared/domain';
import { EMPTY_SEARCH_SPEC } from '../../src/shared/query-builder';
import { builtQuery, specFromForm } from '../../src/renderer/src/logic/column-input';
import { builderFormOf, editSearchForm, editSearchItem, searchChanges, searchSourceKey, TEAM_SEARCH_HINT, type SearchColumn } from '../../src/renderer/src/logic/search-edit';

// Berlin: a day's midnight is not UTC's, so the days ↔ instants conversion shows.
const ZONE = 'Europe/Berlin';
const TODAY = '2026-03-10';

const layout = { id: 'c1', accountId: '100', title: 'Search: delay', position: 0, widthPx: 340, collapsed: false, filters: { ...DEFAULT_COLUMN_FILTERS }, notifications: false, lastReadId: null, scroll: { anchorPostId: null, offsetPx: 0 } };
const search = (fields: Partial<SearchColumn> = {}): SearchColumn => ({ ...layout, kind: 'search', query: 'delay', builder: null, ...fields });
/** 5 Mar – 7 Mar 2026, both included, in Berlin (UTC+1 in March). */
const range = { start: '2026-03-04T23:00:00.000Z', end: '2026-03-07T23:00:00.000Z' };

describe('the column menu’s Edit search', () => {
  it('is on search columns only, and disabled with why on a team column', () => {
    expect(editSearchItem(search())).toEqual({ id: 'edit-search', label: 'Edit search' });
    expect(editSearchItem(search({ fromTeam: true }))).toEqual({ id: 'edit-search', label: 'Edit search', disabled: true, hint: TEAM_SEARCH_HINT });
    const mentions: Column = { ...layout, kind: 'mentions' };
    expect(editSearchItem(mentions)).toBeNull();
  });
});

describe('the Edit search form', () => {
  it('opens with the column’s query and its range as days in the agent’s zone', () => {
    const form = editSearchForm(search({ range }), ZONE);
    expect(form.query).toBe('delay');
    expect(form.builder).toMatchObject({ fromDate: '2026-03-05', toDate: '2026-03-07', allWords: '' });
    expect(editSearchForm(search({ range: { start: range.start, end: null } }), ZONE).builder).toMatchObject({ fromDate: '2026-03-05', toDate: '' });
  });

  it('opens with the column’s builder, which builds its query again', () => {
    const spec = { ...EMPTY_SEARCH_SPEC, allWords: ['refund'], exactPhrase: 'lost bag', anyWords: ['delay', 'late flight'], fromAccounts: ['maria_flies'], hashtags: ['travel'], language: 'en', excludeReposts: true };
    const form = builderFormOf(spec, { fromDate: '', toDate: '' });
    expect(form).toMatchObject({ anyWords: 'delay "late flight"', fromAccounts: '@maria_flies', hashtags: '#travel', language: 'en', excludeReposts: true });
    expect(specFromForm(form)).toEqual(spec);
    expect(builtQuery(form)).toBe('refund "lost bag" (delay OR "late flight") #travel from:maria_flies lang:en -is:retweet');
  });
});

describe('Edit search → updateColumn', () => {
  const form = (query: string, fromDate = '', toDate = '') => ({ query, builder: builderFormOf(null, { fromDate, toDate }) });

  it('sends nothing when nothing changed, dates a passed window keeps included', () => {
    expect(searchChanges(search(), form(' delay '), TODAY, ZONE)).toEqual({});
    // 5–7 Mar seen from 30 Mar: beyond X's 7 days, but kept as they were, so not checked again.
    expect(searchChanges(search({ range }), form('delay', '2026-03-05', '2026-03-07'), '2026-03-30', ZONE)).toEqual({});
    expect(searchChanges(search({ range }), form('cancelled', '2026-03-05', '2026-03-07'), '2026-03-30', ZONE)).toEqual({ query: 'cancelled', builder: null });
  });

  it('sends a new query, with the builder only while the query is the one it built', () => {
    const built = { query: 'refund', builder: { ...builderFormOf(null, { fromDate: '', toDate: '' }), allWords: 'refund' } };
    expect(searchChanges(search(), built, TODAY, ZONE)).toEqual({ query: 'refund', builder: specFromForm(built.builder) });
    expect(searchChanges(search(), { ...built, query: 'refund -is:retweet' }, TODAY, ZONE)).toEqual({ query: 'refund -is:retweet', builder: null });
  });

  it('sends new dates as instants, and null when they are emptied (a live search again)', () => {
    expect(searchChanges(search(), form('delay', '2026-03-05', '2026-03-07'), TODAY, ZONE)).toEqual({ range });
    expect(searchChanges(search(), form('delay', '2026-03-05'), TODAY, ZONE)).toEqual({ range: { start: range.start, end: null } });
    expect(searchChanges(search({ range }), form('delay'), TODAY, ZONE)).toEqual({ range: null });
  });

  it('says why it cannot save: no query, dates X cannot reach, dates the wrong way round', () => {
    expect(searchChanges(search(), form('  '), TODAY, ZONE)).toBe('Type a search query, or fill in the query builder');
    expect(searchChanges(search(), form('delay', '2026-02-18'), TODAY, ZONE)).toBe('X searches only the last 7 days: the From date can be 2026-03-03 at the earliest');
    expect(searchChanges(search(), form('delay', '2026-03-08', '2026-03-06'), TODAY, ZONE)).toBe('The From date is after the To date');
  });
});

describe('what a search column was fetched for', () => {
  it('changes with its query or dates, not with its title, builder or layout', () => {
    const key = searchSourceKey(search({ range }));
    expect(searchSourceKey(search({ range, title: 'Delays', widthPx: 400, builder: { ...EMPTY_SEARCH_SPEC, allWords: ['delay'] } }))).toBe(key);
    expect(searchSourceKey(search({ range, query: 'cancelled' }))).not.toBe(key);
    expect(searchSourceKey(search({ range: { ...range, end: null } }))).not.toBe(key);
    expect(searchSourceKey(search())).not.toBe(key);
    expect(searchSourceKey({ ...layout, kind: 'mentions' })).toBeNull();
  });
});
