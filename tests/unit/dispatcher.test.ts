import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../src/shared/contract';
import { createDispatcher, type Caller, type CommandHandlers } from '../../src/main/core/rpc/dispatcher';
import { ALL_PERMISSIONS, DEFAULT_COLUMN_FILTERS } from '../../src/shared/domain';
import { DeckhandError } from '../../src/shared/errors';
import { silentLogger } from '../helpers/temp';

const agent: Caller = { id: 'agent', permissions: new Set(ALL_PERMISSIONS) };
const readOnly: Caller = { id: 'viewer', permissions: new Set(['read']) };

function handlers(overrides: Partial<CommandHandlers> = {}): CommandHandlers {
  const unexpected = () => {
    throw new Error('not called in this test');
  };
  // Every command not under test fails loudly if called.
  const all = Object.fromEntries(COMMAND_NAMES.map((name) => [name, unexpected])) as unknown as CommandHandlers;
  return {
    ...all,
    getWorkspace: () => ({ mode: 'demo', apiBase: 'http://127.0.0.1:1' }),
    listAccounts: () => [],
    listColumns: () => [],
    listColumnStatuses: () => [],
    listColumnPosts: unexpected,
    createColumn: (input) => {
      if (input.kind !== 'search') throw new Error('not called in this test');
      const query = input.query ?? '';
      return { id: 'c1', kind: 'search', accountId: input.accountId, query, builder: null, title: `Search: ${query}`, position: 0, widthPx: 340, collapsed: false, filters: DEFAULT_COLUMN_FILTERS, notifications: false, lastReadId: null, scroll: { anchorPostId: null, offsetPx: 0 } };
    },
    removeColumn: unexpected,
    replyToPost: () => ({ id: '2' }),
    ...overrides,
  };
}

describe('the contract dispatcher', () => {
  const dispatch = createDispatcher(handlers(), silentLogger);

  it('answers a valid command with an ok envelope', async () => {
    const answer = await dispatch('createColumn', { kind: 'search', accountId: '1', query: '  delay  ' }, agent);
    expect(answer).toEqual({ ok: true, value: expect.objectContaining({ query: 'delay', title: 'Search: delay' }) });
  });

  it('refuses an unknown method clearly', async () => {
    expect(await dispatch('dropDatabase', {}, agent)).toEqual({ ok: false, error: { code: 'unknown_method', message: 'Unknown command: dropDatabase' } });
    expect(await dispatch('__proto__', {}, agent)).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it.each([
    ['a missing field', { kind: 'search', accountId: '1' }, /query/],
    ['an empty query', { kind: 'search', accountId: '1', query: '   ' }, /Search query cannot be empty/],
    ['a wrong type', { kind: 'search', accountId: 1, query: 'x' }, /accountId/],
    ['an unknown kind', { kind: 'firehose', accountId: '1', query: 'x' }, /kind/],
    ['an extra field', { kind: 'search', accountId: '1', query: 'x', sql: 'DROP' }, /sql|Unrecognized/i],
    ['not an object', 'createColumn', /Invalid input/],
  ])('refuses %s with an invalid_input error that names the problem', async (_case, input, message) => {
    const answer = await dispatch('createColumn', input, agent);
    expect(answer.ok).toBe(false);
    if (!answer.ok) {
      expect(answer.error.code).toBe('invalid_input');
      expect(answer.error.message).toMatch(message);
    }
  });

  it('refuses a reply over 280 characters, counting emoji as one', async () => {
    const ok = await dispatch('replyToPost', { accountId: '1', inReplyToPostId: '2', text: '😀'.repeat(280) }, agent);
    const tooLong = await dispatch('replyToPost', { accountId: '1', inReplyToPostId: '2', text: 'a'.repeat(281) }, agent);
    expect(ok.ok).toBe(true);
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/280/) } });
  });

  it('checks the permission of the caller before running anything', async () => {
    let ran = false;
    const guarded = createDispatcher(handlers({ replyToPost: () => ((ran = true), { id: '3' }) }), silentLogger);
    const answer = await guarded('replyToPost', { accountId: '1', inReplyToPostId: '2', text: 'hi' }, readOnly);
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(ran).toBe(false);
  });

  it('passes expected errors through and hides unexpected ones', async () => {
    const failing = createDispatcher(
      handlers({
        listAccounts: () => {
          throw new DeckhandError('not_found', 'No such account');
        },
        listColumns: () => {
          throw new Error('SQLITE_CORRUPT at /home/agent/secret/path');
        },
      }),
      silentLogger,
    );
    expect(await failing('listAccounts', {}, agent)).toEqual({ ok: false, error: { code: 'not_found', message: 'No such account' } });
    const hidden = await failing('listColumns', {}, agent);
    expect(hidden).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(hidden)).not.toContain('secret');
  });
});
