import { describe, expect, it } from 'vitest';
import { createColumnInput, searchSpecSchema } from '../../src/shared/column-schemas';
import type { SearchSpec } from '../../src/shared/domain';
import { buildSearchQuery, EMPTY_SEARCH_SPEC, quoteTerm, searchSpecProblem } from '../../src/shared/query-builder';

const spec = (fields: Partial<SearchSpec>): SearchSpec => ({ ...EMPTY_SEARCH_SPEC, ...fields });

describe('buildSearchQuery', () => {
  it('ANDs "all of these words" and quotes an exact phrase', () => {
    expect(buildSearchQuery(spec({ allWords: ['lost', 'bag'], exactPhrase: 'flight AA1234' }))).toBe('lost bag "flight AA1234"');
  });

  it('groups "any of these" words, hashtags and accounts with OR, and negates "none of these"', () => {
    const query = buildSearchQuery(
      spec({
        anyWords: ['delay', 'late', 'cancelled'],
        hashtags: ['#AcmeAir', 'travel'],
        fromAccounts: ['@jane', 'bob'],
        toAccounts: ['AcmeAir'],
        noneWords: ['giveaway', 'win a trip'],
      }),
    );
    expect(query).toBe('(delay OR late OR cancelled) (#AcmeAir OR #travel) (from:jane OR from:bob) to:AcmeAir -giveaway -"win a trip"');
  });

  it('turns the options into lang:, -is: and has: operators', () => {
    const query = buildSearchQuery(spec({ allWords: ['refund'], language: 'en', excludeReposts: true, excludeReplies: true, hasLinks: true, hasMedia: true }));
    expect(query).toBe('refund lang:en -is:retweet -is:reply has:links has:media');
  });

  it('quotes words X would read as operators or grouping, and drops blanks', () => {
    expect(quoteTerm('OR')).toBe('"OR"');
    expect(quoteTerm('-minus')).toBe('"-minus"');
    expect(quoteTerm('a:b')).toBe('"a:b"');
    expect(quoteTerm('say "hi"')).toBe('"say hi"');
    expect(quoteTerm('café')).toBe('café');
    expect(buildSearchQuery(spec({ allWords: ['  ', 'ok'], anyWords: ['', 'one'], noneWords: [' '] }))).toBe('ok one');
  });

  it('says when X would refuse the query: options alone, or too long', () => {
    expect(searchSpecProblem(spec({ language: 'en', excludeReposts: true }))).toMatch(/at least one word/);
    expect(searchSpecProblem(spec({ noneWords: ['spam'] }))).toMatch(/at least one word/);
    expect(searchSpecProblem(spec({ allWords: Array.from({ length: 50 }, (_, i) => `word${i}xxxxx`) }))).toMatch(/X allows at most 512/);
    expect(searchSpecProblem(spec({ hashtags: ['AcmeAir'] }))).toBeNull();
  });

  it('the contract fills a partial builder spec and strips @ and # from accounts and hashtags', () => {
    const parsed = searchSpecSchema.parse({ fromAccounts: ['@jane'], hashtags: ['#delay'] });
    expect(parsed).toEqual({ ...EMPTY_SEARCH_SPEC, fromAccounts: ['jane'], hashtags: ['delay'] });
    expect(searchSpecSchema.safeParse({ fromAccounts: ['not a user!'] }).success).toBe(false);
  });

  it('the contract needs a query or a builder for a search column, and keeps the plain query form', () => {
    expect(createColumnInput.safeParse({ kind: 'search', accountId: '1' }).error?.issues[0]?.message).toBe('A search column needs a query or a query builder');
    expect(createColumnInput.parse({ kind: 'search', accountId: '1', query: ' delay ' })).toMatchObject({ kind: 'search', query: 'delay' });
    expect(createColumnInput.safeParse({ kind: 'podcasts', accountId: '1' }).success).toBe(false);
    expect(createColumnInput.parse({ kind: 'user', accountId: '1', username: '@NimbusMobile' })).toMatchObject({ username: 'NimbusMobile' });
  });
});
