import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, commands, type CommandName } from '../../src/shared/contract';
import { callerWithGrants, SOLO_AGENT, type Caller, type Scope } from '../../src/main/core/rpc/caller';
import { createDispatcher, type CommandHandlers, type ScopeOf } from '../../src/main/core/rpc/dispatcher';
import { ALL_PERMISSIONS, DEFAULT_COLUMN_FILTERS, type Permission, type Resource } from '../../src/shared/domain';
import { DeckhandError } from '../../src/shared/errors';
import { silentLogger } from '../helpers/temp';

const agent: Caller = SOLO_AGENT;
const HANDLE_A = '100';
const HANDLE_B = '200';
const COLUMN_A = 'col-a';
const COLUMN_B = 'col-b';
const readOnly: Caller = callerWithGrants('viewer', new Map([[HANDLE_A, new Set<Permission>(['view'])]]));

/** Two handles, one column on each; anything else does not exist. */
const scopeOf: ScopeOf = (resource: Resource): Scope | null => {
  switch (resource.kind) {
    case 'workspace':
      return { kind: 'workspace' };
    case 'handle':
      return resource.accountId === HANDLE_A || resource.accountId === HANDLE_B ? { kind: 'handle', accountId: resource.accountId } : null;
    case 'column':
      return resource.columnId === COLUMN_A ? { kind: 'handle', accountId: HANDLE_A } : resource.columnId === COLUMN_B ? { kind: 'handle', accountId: HANDLE_B } : null;
  }
};

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
    replyToPost: () => ({ id: '2', pending: false }),
    ...overrides,
  };
}

/**
 * Every command of the contract: a valid input acting on handle A (or its column), and the
 * permission and resource it must declare. A command added without a row here fails the test.
 */
const EVERY_COMMAND: Record<CommandName, { input: unknown; permission: Permission; on: Resource['kind'] }> = {
  getWorkspace: { input: {}, permission: 'view', on: 'workspace' },
  listAccounts: { input: {}, permission: 'view', on: 'workspace' },
  getXAppSettings: { input: {}, permission: 'view', on: 'workspace' },
  saveXAppSettings: { input: { clientId: 'abc' }, permission: 'manage-handles', on: 'workspace' },
  getXAppCapabilities: { input: {}, permission: 'view', on: 'workspace' },
  startAccountConnect: { input: {}, permission: 'manage-handles', on: 'workspace' },
  cancelAccountConnect: { input: { flowId: '5f0c2b8e-7d55-4a35-9c1e-0a8f3b9d2e11' }, permission: 'manage-handles', on: 'workspace' },
  removeAccount: { input: { accountId: HANDLE_A, data: 'keep' }, permission: 'manage-handles', on: 'handle' },
  listColumns: { input: {}, permission: 'view', on: 'workspace' },
  createColumn: { input: { kind: 'mentions', accountId: HANDLE_A }, permission: 'manage-deck', on: 'handle' },
  updateColumn: { input: { columnId: COLUMN_A, title: 'Renamed' }, permission: 'manage-deck', on: 'column' },
  moveColumn: { input: { columnId: COLUMN_A, toIndex: 0 }, permission: 'manage-deck', on: 'column' },
  removeColumn: { input: { columnId: COLUMN_A }, permission: 'manage-deck', on: 'column' },
  listColumnPosts: { input: { columnId: COLUMN_A }, permission: 'view', on: 'column' },
  listDmConversations: { input: { columnId: COLUMN_A }, permission: 'view', on: 'column' },
  markColumnRead: { input: { columnId: COLUMN_A, lastReadId: '1900000000000000001' }, permission: 'view', on: 'column' },
  setColumnScroll: { input: { columnId: COLUMN_A, anchorPostId: null, offsetPx: 0 }, permission: 'view', on: 'column' },
  listColumnStatuses: { input: {}, permission: 'view', on: 'workspace' },
  listUnreadCounts: { input: {}, permission: 'view', on: 'workspace' },
  exportColumn: { input: { columnId: COLUMN_A, format: 'csv' }, permission: 'view', on: 'column' },
  publishColumnFeed: { input: { columnId: COLUMN_A }, permission: 'view', on: 'column' },
  revokeColumnFeed: { input: { columnId: COLUMN_A }, permission: 'view', on: 'column' },
  searchArchive: { input: { query: 'delay', accountId: HANDLE_A }, permission: 'view', on: 'handle' },
  getMuteList: { input: {}, permission: 'view', on: 'workspace' },
  setMuteList: { input: { words: ['spoiler'], users: [] }, permission: 'manage-deck', on: 'workspace' },
  replyToPost: { input: { accountId: HANDLE_A, inReplyToPostId: '1900000000000000001', text: 'How can we help?' }, permission: 'reply', on: 'handle' },
  getReplySettings: { input: { accountId: HANDLE_A }, permission: 'view', on: 'handle' },
  saveReplySettings: { input: { accountId: HANDLE_A, signReplies: true, signerName: 'Ana Bell' }, permission: 'reply', on: 'handle' },
  getSendPrices: { input: {}, permission: 'view', on: 'workspace' },
  saveSendPrices: { input: { post: 0.015, postWithUrl: null, dm: 0.015 }, permission: 'manage-handles', on: 'workspace' },
  getDaySpend: { input: { accountId: HANDLE_A }, permission: 'view', on: 'handle' },
  getTeamState: { input: {}, permission: 'view', on: 'workspace' },
  createTeam: { input: { hubUrl: 'http://127.0.0.1:4100', setupCode: 'abc-def', displayName: 'Ann Owner' }, permission: 'manage-handles', on: 'workspace' },
  joinTeam: { input: { inviteLink: 'deckhand://join?hub=http%3A%2F%2F127.0.0.1%3A4100&code=xyz', displayName: 'Bob Agent' }, permission: 'view', on: 'workspace' },
  createInvite: { input: { handleRoles: { [HANDLE_A]: 'agent' } }, permission: 'manage-team', on: 'workspace' },
  setMemberRole: { input: { memberId: 'm2', handleId: HANDLE_A, roleId: 'trainee' }, permission: 'manage-team', on: 'workspace' },
  saveRole: { input: { name: 'Night shift', permissions: ['view', 'reply'] }, permission: 'manage-team', on: 'workspace' },
  connectTeamHandle: { input: {}, permission: 'manage-handles', on: 'workspace' },
  dismissTeamOutboxItem: { input: { id: 1 }, permission: 'view', on: 'workspace' },
  linkTeamDesktop: { input: {}, permission: 'view', on: 'workspace' },
  setTeamViewing: { input: { viewing: null }, permission: 'view', on: 'workspace' },
  listAssignments: { input: {}, permission: 'view', on: 'workspace' },
  getAuditLog: { input: {}, permission: 'view', on: 'workspace' },
  getReports: { input: { from: 0, to: 86_400_000 }, permission: 'view', on: 'workspace' },
  listCaseNotes: { input: { accountId: HANDLE_A, postId: '5' }, permission: 'view', on: 'handle' },
  tagCase: { input: { accountId: HANDLE_A, postId: '5', tag: 'refund', on: true }, permission: 'reply', on: 'handle' },
  saveHandleTags: { input: { accountId: HANDLE_A, tags: ['refund'], requireOnResolve: false }, permission: 'manage-deck', on: 'handle' },
  addCaseNote: { input: { accountId: HANDLE_A, postId: '5', text: 'VIP' }, permission: 'view', on: 'handle' },
  exportAuditLog: { input: {}, permission: 'view', on: 'workspace' },
  assignPost: { input: { accountId: HANDLE_A, postId: '5', assigneeId: null }, permission: 'assign', on: 'handle' },
  claimPost: { input: { accountId: HANDLE_A, postId: '5' }, permission: 'reply', on: 'handle' },
  setCaseStatus: { input: { accountId: HANDLE_A, postId: '5', status: 'resolved' }, permission: 'reply', on: 'handle' },
  saveCaseSettings: { input: { accountId: HANDLE_A, settings: {} }, permission: 'manage-deck', on: 'handle' },
  mergeCases: { input: { accountId: HANDLE_A, postId: '5', intoPostId: '4' }, permission: 'reply', on: 'handle' },
  splitCase: { input: { accountId: HANDLE_A, postId: '5' }, permission: 'reply', on: 'handle' },
  getCaseTimeline: { input: { accountId: HANDLE_A, postId: '5' }, permission: 'view', on: 'handle' },
  listCaseReplies: { input: { accountId: HANDLE_A, postId: '5' }, permission: 'view', on: 'handle' },
  listDmThread: { input: { accountId: HANDLE_A, conversationId: '7-100' }, permission: 'view', on: 'handle' },
  sendDm: { input: { accountId: HANDLE_A, conversationId: '7-100', text: 'hello' }, permission: 'dm', on: 'handle' },
  getConversation: { input: { accountId: HANDLE_A, postId: '5' }, permission: 'view', on: 'handle' },
  getCustomer: { input: { accountId: HANDLE_A, userId: '7' }, permission: 'view', on: 'handle' },
  getCustomerByUsername: { input: { accountId: HANDLE_A, username: 'casey' }, permission: 'view', on: 'handle' },
  engagePost: { input: { accountId: HANDLE_A, postId: '5', kind: 'like', on: true }, permission: 'reply', on: 'handle' },
  getCaseNotifySettings: { input: {}, permission: 'view', on: 'workspace' },
  setCaseNotifySettings: { input: { assigned: true, mentioned: false, reopened: true, slaDue: true }, permission: 'view', on: 'workspace' },
  listSavedReplies: { input: { accountId: HANDLE_A }, permission: 'view', on: 'handle' },
  listCustomers: { input: { accountId: HANDLE_A, label: 'VIP' }, permission: 'view', on: 'handle' },
  listCustomerLabels: { input: {}, permission: 'view', on: 'workspace' },
  labelCustomer: { input: { accountId: HANDLE_A, customerId: '77', label: 'VIP', on: true }, permission: 'reply', on: 'handle' },
  listCustomerNotes: { input: { accountId: HANDLE_A, customerId: '77' }, permission: 'view', on: 'handle' },
  noteCustomer: { input: { accountId: HANDLE_A, customerId: '77', text: 'Prefers DMs; flies weekly' }, permission: 'reply', on: 'handle' },
  submitReply: { input: { accountId: HANDLE_A, inReplyToPostId: '5', text: 'Hello' }, permission: 'reply', on: 'handle' },
  listApprovals: { input: { accountId: HANDLE_A }, permission: 'view', on: 'handle' },
  decideApproval: { input: { accountId: HANDLE_A, approvalId: 'apr_1', approve: false, note: 'Too curt' }, permission: 'approve', on: 'handle' },
  saveSavedReplies: { input: { accountId: HANDLE_A, replies: [{ id: 'r1', name: 'Refund', text: 'Hi {customer.name|there}' }] }, permission: 'manage-saved-replies', on: 'handle' },
  createPost: { input: { accountId: HANDLE_A, text: 'Our spring timetable is out', sendAt: '2026-12-04T15:00:00Z' }, permission: 'post', on: 'handle' },
  submitPost: { input: { accountId: HANDLE_A, text: 'Our summer sale starts Monday', sendAt: null }, permission: 'post', on: 'handle' },
  listOutbox: { input: { accountId: HANDLE_A }, permission: 'view', on: 'handle' },
  cancelOutboxItem: { input: { accountId: HANDLE_A, id: 'a1b2' }, permission: 'post', on: 'handle' },
  retryOutboxItem: { input: { accountId: HANDLE_A, id: 'a1b2' }, permission: 'post', on: 'handle' },
  getAlertRules: { input: {}, permission: 'view', on: 'workspace' },
  saveAlertRules: { input: { rules: [{ id: 'a1', kind: 'keyword', keyword: 'refund', enabled: true, sound: true, digest: true }] }, permission: 'view', on: 'workspace' },
  getDigestStatus: { input: {}, permission: 'view', on: 'workspace' },
  saveDigestSettings: { input: { host: 'smtp.example.com', port: 587, user: 'ann', password: 'secret', from: 'deckhand@example.com', to: ['ann@example.com'], tls: 'starttls', frequency: 'hourly' }, permission: 'view', on: 'workspace' },
  sendTestEmail: { input: {}, permission: 'view', on: 'workspace' },
  sendDigestNow: { input: {}, permission: 'view', on: 'workspace' },
};

const allBut = (missing: Permission) => new Set(ALL_PERMISSIONS.filter((permission) => permission !== missing));

describe('every command declares its permission and resource, and the dispatcher checks both', () => {
  const recorded: string[] = [];
  const recording = Object.fromEntries(COMMAND_NAMES.map((name) => [name, () => (recorded.push(name), null)])) as unknown as CommandHandlers;
  const dispatch = createDispatcher(recording, silentLogger, scopeOf);

  it('has a row for every command of the contract, and nothing else', () => {
    expect(Object.keys(EVERY_COMMAND).sort()).toEqual([...COMMAND_NAMES].sort());
  });

  it.each(COMMAND_NAMES)('%s', async (name) => {
    const row = EVERY_COMMAND[name];
    const spec = commands[name];
    expect(spec.permission).toBe(row.permission);
    const parsed = spec.input.safeParse(row.input);
    expect(parsed.success, `sample input of ${name}`).toBe(true);
    expect((spec.resource as (input: unknown) => Resource)(parsed.data).kind).toBe(row.on);

    recorded.length = 0;
    // Every permission on handle A: runs.
    const full = callerWithGrants('full', new Map([[HANDLE_A, new Set(ALL_PERMISSIONS)]]));
    expect(await dispatch(name, row.input, full)).toEqual({ ok: true, value: null });
    expect(recorded).toEqual([name]);

    // Everything but the declared permission: refused, never run, and told which permission.
    recorded.length = 0;
    const lacking = callerWithGrants('lacking', new Map([[HANDLE_A, allBut(row.permission)], [HANDLE_B, allBut(row.permission)]]));
    const refused = await dispatch(name, row.input, lacking);
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining(`"${row.permission}"`) } });
    expect(recorded).toEqual([]);

    // The permission, but only on the other handle: refused for what acts on handle A.
    if (row.on !== 'workspace') {
      const elsewhere = callerWithGrants('elsewhere', new Map([[HANDLE_B, new Set(ALL_PERMISSIONS)]]));
      expect(await dispatch(name, row.input, elsewhere)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(recorded).toEqual([]);
    }
  });

  it('answers not_found, not forbidden, for a column or handle that does not exist', async () => {
    expect(await dispatch('removeColumn', { columnId: 'nope' }, agent)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await dispatch('replyToPost', { accountId: '999', inReplyToPostId: '1', text: 'hi' }, agent)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('the contract dispatcher', () => {
  const dispatch = createDispatcher(handlers(), silentLogger, scopeOf);

  it('answers a valid command with an ok envelope', async () => {
    const answer = await dispatch('createColumn', { kind: 'search', accountId: HANDLE_A, query: '  delay  ' }, agent);
    expect(answer).toEqual({ ok: true, value: expect.objectContaining({ query: 'delay', title: 'Search: delay' }) });
  });

  it('refuses an unknown method clearly', async () => {
    expect(await dispatch('dropDatabase', {}, agent)).toEqual({ ok: false, error: { code: 'unknown_method', message: 'Unknown command: dropDatabase' } });
    expect(await dispatch('__proto__', {}, agent)).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it.each([
    ['a missing field', { kind: 'search', accountId: HANDLE_A }, /query/],
    ['an empty query', { kind: 'search', accountId: HANDLE_A, query: '   ' }, /Search query cannot be empty/],
    ['a wrong type', { kind: 'search', accountId: 100, query: 'x' }, /accountId/],
    ['an unknown kind', { kind: 'firehose', accountId: HANDLE_A, query: 'x' }, /kind/],
    ['an extra field', { kind: 'search', accountId: HANDLE_A, query: 'x', sql: 'DROP' }, /sql|Unrecognized/i],
    ['not an object', 'createColumn', /Invalid input/],
  ])('refuses %s with an invalid_input error that names the problem', async (_case, input, message) => {
    const answer = await dispatch('createColumn', input, agent);
    expect(answer.ok).toBe(false);
    if (!answer.ok) {
      expect(answer.error.code).toBe('invalid_input');
      expect(answer.error.message).toMatch(message);
    }
  });

  it('refuses a reply over 280 as X weighs it (an emoji weighs 2)', async () => {
    const ok = await dispatch('replyToPost', { accountId: HANDLE_A, inReplyToPostId: '2', text: '😀'.repeat(140) }, agent);
    const tooLong = await dispatch('replyToPost', { accountId: HANDLE_A, inReplyToPostId: '2', text: '😀'.repeat(141) }, agent);
    expect(ok.ok).toBe(true);
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/280/) } });
  });

  it('checks the permission of the caller before running anything', async () => {
    let ran = false;
    const guarded = createDispatcher(handlers({ replyToPost: () => ((ran = true), { id: '3', pending: false }) }), silentLogger, scopeOf);
    const answer = await guarded('replyToPost', { accountId: HANDLE_A, inReplyToPostId: '2', text: 'hi' }, readOnly);
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
      scopeOf,
    );
    expect(await failing('listAccounts', {}, agent)).toEqual({ ok: false, error: { code: 'not_found', message: 'No such account' } });
    const hidden = await failing('listColumns', {}, agent);
    expect(hidden).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(hidden)).not.toContain('secret');
  });
});
