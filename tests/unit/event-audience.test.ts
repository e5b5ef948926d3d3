import { describe, expect, it } from 'vitest';
import { callerWithGrants, SOLO_AGENT, type Scope } from '../../src/main/core/rpc/caller';
import type { ScopeOf } from '../../src/main/core/rpc/dispatcher';
import { visiblePart } from '../../src/main/core/rpc/serve';
import { EVENT_NAMES } from '../../src/shared/contract';
import { SOLO_TEAM_STATE } from '../../src/shared/team';
import { newCase } from '../../src/shared/hub-protocol';
import { DEFAULT_COLUMN_FILTERS, type Account, type Column, type Permission, type Resource } from '../../src/shared/domain';

const A = '100';
const B = '200';
const columnOn = (id: string, accountId: string): Column => ({
  id,
  kind: 'mentions',
  accountId,
  title: id,
  position: 0,
  widthPx: 340,
  collapsed: false,
  filters: DEFAULT_COLUMN_FILTERS,
  notifications: false,
  lastReadId: null,
  scroll: { anchorPostId: null, offsetPx: 0 },
});
const account = (id: string, username: string): Account => ({ id, username, name: username, avatarUrl: null, status: 'connected' });
const columns = { 'on-a': A, 'on-b': B } as Record<string, string>;
const scopeOf: ScopeOf = (resource: Resource): Scope | null => {
  if (resource.kind === 'workspace') return { kind: 'workspace' };
  if (resource.kind === 'handle') return { kind: 'handle', accountId: resource.accountId };
  const accountId = columns[resource.columnId];
  return accountId ? { kind: 'handle', accountId } : null;
};
const viewerOfA = callerWithGrants('viewer', new Map([[A, new Set<Permission>(['view', 'reply'])]]));

describe('who hears which event', () => {
  it('cuts list events to the items the caller may view, and keeps the whole payload for those who see all', () => {
    const deck = [columnOn('on-a', A), columnOn('on-b', B)];
    expect(visiblePart('columnsChanged', deck, viewerOfA, scopeOf)).toEqual([deck[0]]);
    expect(visiblePart('columnsChanged', deck, SOLO_AGENT, scopeOf)).toBe(deck);
    const accounts = [account(A, 'AcmeAir'), account(B, 'NimbusMobile')];
    expect(visiblePart('accountsChanged', accounts, viewerOfA, scopeOf)).toEqual([accounts[0]]);
    expect(visiblePart('unreadCounts', [{ columnId: 'on-b', count: 3 }], viewerOfA, scopeOf)).toBeNull();
  });

  it("still tells a caller the deck changed when its last visible column went (the whole deck, cut to nothing)", () => {
    expect(visiblePart('columnsChanged', [columnOn('on-b', B)], viewerOfA, scopeOf)).toEqual([]);
  });

  it("withholds a column's posts, DMs and status from a caller who may not view its handle", () => {
    expect(visiblePart('columnPosts', { columnId: 'on-b', posts: [] }, viewerOfA, scopeOf)).toBeNull();
    expect(visiblePart('columnDmEvents', { columnId: 'on-b', events: [] }, viewerOfA, scopeOf)).toBeNull();
    expect(visiblePart('columnStatus', { columnId: 'on-b', state: 'streaming', message: null }, viewerOfA, scopeOf)).toBeNull();
    expect(visiblePart('columnPosts', { columnId: 'on-a', posts: [] }, viewerOfA, scopeOf)).not.toBeNull();
    // A column that no longer exists speaks to nobody.
    expect(visiblePart('columnStatus', { columnId: 'gone', state: 'streaming', message: null }, SOLO_AGENT, scopeOf)).toBeNull();
  });

  it('tells sign-in results only to those who may manage handles', () => {
    const result = { flowId: null, ok: false, account: null, message: 'X declined' };
    expect(visiblePart('accountConnectFinished', result, viewerOfA, scopeOf)).toBeNull();
    expect(visiblePart('accountConnectFinished', result, SOLO_AGENT, scopeOf)).toBe(result);
  });

  it('tells each assignment only to those who may view its handle', () => {
    const onA = newCase(A, '5', { assigneeId: 'mem_x', version: 2 });
    const onB = newCase(B, '6', { version: 1 });
    expect(visiblePart('assignmentsChanged', [onA, onB], viewerOfA, scopeOf)).toEqual([onA]);
    expect(visiblePart('assignmentsChanged', [onB], viewerOfA, scopeOf)).toBeNull();
  });

  it('a caller with no permission anywhere hears nothing but an empty deck and no handles', () => {
    // (Whole-set lists still reach it, cut to nothing: it sees an empty deck.)
    const nobody = callerWithGrants('nobody', new Map());
    const samples: Record<(typeof EVENT_NAMES)[number], unknown> = {
      columnPosts: { columnId: 'on-a', posts: [] },
      postsUpdated: { columnId: 'on-a', posts: [] },
      columnDmEvents: { columnId: 'on-a', events: [] },
      columnStatus: { columnId: 'on-a', state: 'streaming', message: null },
      columnsChanged: [columnOn('on-a', A)],
      unreadCounts: [{ columnId: 'on-a', count: 1 }],
      muteListChanged: { words: [], users: [] },
      accountsChanged: [account(A, 'AcmeAir')],
      accountConnectFinished: { flowId: null, ok: true, account: null, message: '' },
      teamChanged: SOLO_TEAM_STATE,
      assignmentsChanged: [{ handleId: A, postId: '5', assigneeId: null, status: 'open' as const, tags: [], version: 1 }],
      caseRepliesChanged: { handleId: A, postId: '5' },
      caseNotice: { kind: 'assigned', handleId: A, postId: '5', text: 'Maya assigned you a post' },
      caseNotesChanged: { handleId: A, postId: '5' },
      approvalsChanged: { handleId: A },
      customerLabelsChanged: { customerId: '77' },
      outboxChanged: { accountId: A },
      customerNotesChanged: { customerId: '77' },
      alert: { id: 1, ruleId: 'r1', rule: 'Keyword “refund”', kind: 'post', subjectId: '5', handleId: A, author: '@vera', text: 'refund please', link: null, sound: true, at: 0 },
    };
    for (const name of EVENT_NAMES) {
      const whole = name === 'columnsChanged' || name === 'accountsChanged';
      expect(visiblePart(name, samples[name] as never, nobody, scopeOf), name).toEqual(whole ? [] : null);
    }
  });
});
