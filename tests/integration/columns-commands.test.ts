// The deck's commands against the sandbox's filtered stream, over real HTTP and a real SQLite file:
// every column kind, editing, ordering, filters and mutes, reading position, unread counts,
// export of every post, archive search, and a paused handle that loses nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Column, ColumnStatus, DmConversation, ExportedFile, MuteList, PostView, UnreadCount } from '../../src/shared/domain';
import { accountId, columnIds, createColumn, startColumnsRig, type ColumnsRig } from '../helpers/columns-rig';
import { eventually } from '../helpers/sandbox';
import { reconnectReason } from '../../src/main/core/accounts/account-service';
import { SOLO_AGENT } from '../../src/main/core/rpc/caller';
import { getAccount, setAccountStatus } from '../../src/main/core/store/accounts';

let rig: ColumnsRig;
let acme: string;
let events: ColumnsRig['events'];

beforeAll(async () => {
  rig = await startColumnsRig({ sandbox: { keepAliveMs: 500 }, engine: { stallMs: 2_000, downtimeFillMs: 300 } });
  acme = await accountId(rig, 'AcmeAir');
  events = rig.events;
  await rig.admin.createUser({ username: 'frequent_flyer' });
}, 30_000);

afterAll(async () => {
  await rig?.close();
});

const statusOf = async (columnId: string) => (await rig.call<ColumnStatus[]>('listColumnStatuses')).find((s) => s.columnId === columnId);
const waitFor = (columnId: string, state: ColumnStatus['state']) => eventually(async () => (await statusOf(columnId))?.state === state, 5_000, `${columnId} ${state}`);
const holds = (columnId: string, count: number) =>
  eventually(async () => {
    const ids = await columnIds(rig, columnId);
    return ids.length >= count ? ids : undefined;
  }, 5_000, `${count} posts in the column`);
const rules = async () => {
  const response = await fetch(new URL('/2/tweets/search/stream/rules', rig.sandbox.url), { headers: { authorization: `Bearer ${await rig.admin.appToken()}` } });
  return ((await response.json()) as { data?: { value: string; tag: string }[] }).data ?? [];
};

describe('column kinds on the stream', () => {
  it('a Mentions column streams with an @handle rule and has notifications on by default', async () => {
    const column = await createColumn(rig, { kind: 'mentions', accountId: acme });
    expect(column).toMatchObject({ kind: 'mentions', title: 'Mentions: @AcmeAir', notifications: true });
    await waitFor(column.id, 'streaming');
    expect(await rules()).toContainEqual({ id: expect.any(String), value: '@AcmeAir', tag: `deckhand:${column.id}` });
    const { id } = await rig.admin.createPost({ author: 'sam', text: '@AcmeAir where is my bag?' });
    await rig.admin.createPost({ author: 'sam', text: 'AcmeAir without the at sign' });
    expect(await holds(column.id, 1)).toEqual([id]);
  });

  it('a User column resolves the username with X and streams from:username', async () => {
    const column = await createColumn(rig, { kind: 'user', accountId: acme, username: '@frequent_flyer' });
    expect(column).toMatchObject({ kind: 'user', username: 'frequent_flyer', title: 'User: @frequent_flyer', notifications: false });
    await waitFor(column.id, 'streaming');
    const { id } = await rig.admin.createPost({ author: 'frequent_flyer', text: 'Lounge is packed today' });
    expect(await holds(column.id, 1)).toEqual([id]);
    const missing = await rig.core.dispatch('createColumn', { kind: 'user', accountId: acme, username: 'nobody_here_123' }, SOLO_AGENT);
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('a search column built with the query builder shows the X query it stands for', async () => {
    const column = await createColumn(rig, { kind: 'search', accountId: acme, builder: { anyWords: ['wifi', 'seatmap'], excludeReposts: true } });
    expect(column).toMatchObject({ kind: 'search', query: '(wifi OR seatmap) -is:retweet', title: 'Search: (wifi OR seatmap) -is:retweet' });
    const { id } = await rig.admin.createPost({ author: 'ann', text: 'the seatmap is broken' });
    expect(await holds(column.id, 1)).toEqual([id]);
  });

  it('an Archive column is local: it lists stored matches and gets new ones live', async () => {
    const column = await createColumn(rig, { kind: 'archive', accountId: acme, query: 'bag' });
    await waitFor(column.id, 'local');
    const before = await columnIds(rig, column.id);
    expect(before.length).toBeGreaterThan(0); // "where is my bag?" from the Mentions test
    await rig.admin.createPost({ author: 'sam', text: '@AcmeAir bag found, thanks' });
    await holds(column.id, before.length + 1);
    expect(events.some((e) => e.name === 'columnPosts' && (e.payload as { columnId: string }).columnId === column.id)).toBe(true);
  });

  it('a Direct messages column is fed (polled, then the X Activity API) and lists conversations, newest first', async () => {
    const sent = async (from: string, to: string, text: string) =>
      (await (await fetch(new URL('/_sandbox/dms', rig.sandbox.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from, to, text }) })).json()) as { id: string };
    await sent('sam', 'AcmeAir', 'Hi, my booking ref is X1');
    await sent('AcmeAir', 'sam', 'Thanks Sam, looking into it');
    const last = await sent('ann', 'AcmeAir', 'Refund &amp; voucher?');
    const column = await createColumn(rig, { kind: 'dms', accountId: acme });
    expect(column).toMatchObject({ kind: 'dms', title: 'Direct messages: @AcmeAir' });
    await waitFor(column.id, 'streaming'); // its first poll brings what was sent before; the Activity stream the rest
    const conversations = await eventually(async () => {
      const list = await rig.call<DmConversation[]>('listDmConversations', { columnId: column.id });
      return list.length === 2 ? list : undefined;
    }, 5_000, 'two conversations');
    expect(conversations.map((c) => c.participants.map((p) => p.username))).toEqual([['ann'], ['sam']]);
    expect(conversations[0]!.lastEvent).toMatchObject({ id: last.id, text: 'Refund &amp; voucher?', sender: { username: 'ann' } });
    expect(conversations[1]!.lastEvent).toMatchObject({ text: 'Thanks Sam, looking into it', sender: { username: 'AcmeAir' } });
    const refused = await rig.core.dispatch('listColumnPosts', { columnId: column.id }, SOLO_AGENT);
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await rig.call('removeColumn', { columnId: column.id });
  });
});

describe('editing the deck', () => {
  it('a new query starts the column over, follows in the title, and replaces the stream rule', async () => {
    const column = await createColumn(rig, { kind: 'search', accountId: acme, query: 'oldtopic' });
    await rig.admin.createPost({ author: 'ann', text: 'oldtopic one' });
    await holds(column.id, 1);
    const updated = await rig.call<Column>('updateColumn', { columnId: column.id, query: 'newtopic' });
    expect(updated).toMatchObject({ query: 'newtopic', title: 'Search: newtopic', lastReadId: null });
    expect(await columnIds(rig, column.id)).toEqual([]);
    const values = (await rules()).map((r) => r.value);
    expect(values).toContain('newtopic');
    expect(values).not.toContain('oldtopic');
    const { id } = await rig.admin.createPost({ author: 'ann', text: 'newtopic two' });
    expect(await holds(column.id, 1)).toEqual([id]);
    const refused = await rig.core.dispatch('updateColumn', { columnId: column.id, archiveQuery: 'x' }, SOLO_AGENT);
    expect(refused).toEqual({ ok: false, error: { code: 'invalid_input', message: 'Only archive columns have an archive query' } });
  });

  it('moves, resizes and collapses columns; the order stays dense and survives a restart', async () => {
    const deck = await rig.call<Column[]>('listColumns');
    const last = deck[deck.length - 1]!;
    const moved = await rig.call<Column[]>('moveColumn', { columnId: last.id, toIndex: 0 });
    expect(moved[0]!.id).toBe(last.id);
    expect(moved.map((c) => c.position)).toEqual(moved.map((_, i) => i));
    await rig.call('updateColumn', { columnId: last.id, widthPx: 480, collapsed: true });
    await rig.call('setColumnScroll', { columnId: last.id, anchorPostId: '1900000000000000001', offsetPx: -42 });
    await rig.restart();
    const after = await rig.call<Column[]>('listColumns');
    expect(after[0]).toMatchObject({ id: last.id, widthPx: 480, collapsed: true, scroll: { anchorPostId: '1900000000000000001', offsetPx: -42 } });
  });

  it('filters and the mute list hide posts from lists, events and unread counts; read markers count down', async () => {
    const column = await createColumn(rig, { kind: 'search', accountId: acme, query: 'gate' });
    await rig.admin.createPost({ author: 'spam_bot', text: 'gate giveaway click here' });
    await rig.admin.createPost({ author: 'ann', text: 'gate B12 changed again' });
    const kept = await rig.admin.createPost({ author: 'ann', text: 'gate agent was lovely' });
    await holds(column.id, 3);
    const unread = async () => (await rig.call<UnreadCount[]>('listUnreadCounts')).find((u) => u.columnId === column.id)!.count;
    expect(await unread()).toBe(3);

    await rig.call('updateColumn', { columnId: column.id, filters: { excludeWords: ['changed'] } });
    const muted = await rig.call<MuteList>('setMuteList', { words: [], users: ['@Spam_Bot'] });
    expect(muted).toEqual({ words: [], users: ['Spam_Bot'] });
    expect(await columnIds(rig, column.id)).toEqual([kept.id]);
    expect(await unread()).toBe(1);

    events.length = 0;
    await rig.admin.createPost({ author: 'spam_bot', text: 'gate more spam' });
    const shown = await rig.admin.createPost({ author: 'bob', text: 'gate C3 is cold' });
    await eventually(() => events.some((e) => e.name === 'columnPosts' && (e.payload as { posts: PostView[] }).posts.some((p) => p.id === shown.id)), 5_000, 'the shown post event');
    const announced = events.filter((e) => e.name === 'columnPosts' && (e.payload as { columnId: string }).columnId === column.id).flatMap((e) => (e.payload as { posts: PostView[] }).posts.map((p) => p.author.username));
    expect(announced).toEqual(['bob']);
    expect(await unread()).toBe(2);

    expect(await rig.call<UnreadCount>('markColumnRead', { columnId: column.id, lastReadId: shown.id })).toEqual({ columnId: column.id, count: 0 });
    expect(await rig.call<UnreadCount>('markColumnRead', { columnId: column.id, lastReadId: kept.id })).toEqual({ columnId: column.id, count: 0 }); // never back
    await rig.call('setMuteList', { words: [], users: [] });
  });
});

describe('export and archive search', () => {
  it('exports every post of the column, not only a loaded page', async () => {
    const column = await createColumn(rig, { kind: 'search', accountId: acme, query: 'exportme' });
    for (let i = 0; i < 620; i++) await rig.admin.createPost({ author: `user${i % 7}`, text: `exportme, "number" ${i}` });
    await holds(column.id, 620);
    const csv = await rig.call<ExportedFile>('exportColumn', { columnId: column.id, format: 'csv' });
    expect(csv.rows).toBe(620);
    expect(csv.content.split('\r\n')[1]).toMatch(/^\d+,[^,]+,'@user\d,user\d,"exportme, ""number"" 619",https:\/\/x\.com\/user\d\/status\/\d+$/);
    const json = await rig.call<ExportedFile>('exportColumn', { columnId: column.id, format: 'json' });
    expect((JSON.parse(json.content) as unknown[]).length).toBe(620);
  });

  it('searches the whole archive as the user types', async () => {
    const hits = await rig.call<PostView[]>('searchArchive', { query: 'lovel', limit: 10 });
    expect(hits.map((p) => p.text)).toEqual(['gate agent was lovely']);
    expect(await rig.call<PostView[]>('searchArchive', { query: '', limit: 10 })).toEqual([]);
  });
});

describe('a paused handle', () => {
  it('shows "paused", loses nothing meanwhile, and catches up on resume', async () => {
    const column = await createColumn(rig, { kind: 'search', accountId: acme, query: 'pausetest' });
    await waitFor(column.id, 'streaming');
    const account = getAccount(rig.core.db, acme)!;
    setAccountStatus(rig.core.db, acme, 'reconnect_needed');
    await rig.core.domain.publish({ type: 'accountStatusChanged', account: { ...account, status: 'reconnect_needed' } });
    expect(await statusOf(column.id)).toEqual({ columnId: column.id, state: 'paused', message: reconnectReason('AcmeAir') });
    const during = [];
    for (let i = 0; i < 3; i++) during.push((await rig.admin.createPost({ author: 'ann', text: `pausetest ${i}` })).id);
    setAccountStatus(rig.core.db, acme, 'connected');
    await rig.core.domain.publish({ type: 'accountConnected', account, reconnected: true });
    await waitFor(column.id, 'streaming');
    expect(new Set(await holds(column.id, 3))).toEqual(new Set(during));
  });
});

describe('X limits on stream rules', () => {
  it('says which columns did not fit the rule limit and polls them instead', async () => {
    const small = await startColumnsRig({ engine: { ruleLimits: { maxRules: 2, maxLength: 1_024 } } });
    try {
      const account = await accountId(small, 'AcmeAir');
      const second = await createColumn(small, { kind: 'search', accountId: account, query: 'fits' });
      const third = await createColumn(small, { kind: 'search', accountId: account, query: 'overflow' });
      const statuses = await small.call<ColumnStatus[]>('listColumnStatuses');
      expect(statuses.find((s) => s.columnId === second.id)?.state).toMatch(/streaming|connecting/);
      expect(statuses.find((s) => s.columnId === third.id)).toEqual({
        columnId: third.id,
        state: 'polling',
        message: 'X allows at most 2 stream rules per app; this query did not fit: polled instead',
      });
      const { id } = await small.admin.createPost({ author: 'ann', text: 'overflow works anyway' });
      await eventually(async () => (await columnIds(small, third.id)).includes(id), 5_000, 'the polled post');
    } finally {
      await small.close();
    }
  });
});
