import { describe, expect, it } from 'vitest';
import { replyText } from '../../src/shared/contract';
import { EMPTY_ENTITIES, type Account, type Column, type ColumnKind, type PostView } from '../../src/shared/domain';
import { avatarHue, displayableAvatarUrl, initialsOf } from '../../src/renderer/src/logic/avatar';
import { ADDABLE_COLUMN_KINDS, columnSubject, emptyColumnText } from '../../src/renderer/src/logic/column-kinds';
import { statusBadge } from '../../src/renderer/src/logic/column-status';
import { postTime } from '../../src/renderer/src/logic/relative-time';
import { postView } from '../helpers/posts';
import { defaultReplyAccountId, REPLY_LIMIT, replyPrefill, replyProblem, replyRemaining } from '../../src/renderer/src/logic/reply-draft';

const acme: Account = { id: '100', username: 'AcmeAir', name: 'Acme Air', avatarUrl: null, status: 'connected' };
const nimbus: Account = { id: '200', username: 'NimbusMobile', name: 'Nimbus Mobile', avatarUrl: null, status: 'connected' };

const post = (fields: Partial<PostView> = {}): PostView => postView({ text: 'hello', ...fields });

function searchColumn(accountId: string, query = 'delay'): Column {
  return {
    id: 'c1',
    kind: 'search',
    query,
    builder: null,
    accountId,
    title: `Search: ${query}`,
    position: 0,
    widthPx: 340,
    collapsed: false,
    filters: { excludeWords: [], excludeRegex: null, languages: [], minFollowers: 0, onlyVerified: false, hideReposts: false, hideReplies: false, onlyWithMedia: false, onlyWithLinks: false, sentiments: [], customerLabel: null, hideCustomerLabel: null, onlyNotedCustomers: false, sort: 'newest' },
    notifications: false,
    lastReadId: null,
    scroll: { anchorPostId: null, offsetPx: 0 },
  };
}

describe('column status badge', () => {
  it('says Live while the stream or polling feeds the column', () => {
    expect(statusBadge({ columnId: 'c', state: 'streaming', message: null }, 'search')).toMatchObject({ label: 'Live', tone: 'live' });
    expect(statusBadge({ columnId: 'c', state: 'polling', message: null }, 'search')).toMatchObject({ label: 'Live', tone: 'live' });
    expect(statusBadge({ columnId: 'c', state: 'polling', message: null }, 'dms')).toMatchObject({ label: 'Live', tone: 'live' });
  });

  it("explains each kind's source truthfully: DMs within X's DM limits, never recent search", () => {
    const polled = (kind: ColumnKind) => statusBadge({ columnId: 'c', state: 'polling', message: null }, kind).detail ?? '';
    expect(polled('dms')).toMatch(/Direct messages are checked about once a minute/);
    expect(polled('dms')).toMatch(/15 reads per handle every 15 minutes/);
    expect(polled('dms')).not.toMatch(/search/i);
    expect(polled('search')).toMatch(/recent search/);
    expect(polled('mentions')).toMatch(/mentions are checked/);
    expect(polled('mentions')).not.toMatch(/search/i);
    expect(polled('user')).toMatch(/account's posts are checked/);
    for (const kind of ['search', 'mentions', 'user'] as const) {
      expect(statusBadge({ columnId: 'c', state: 'streaming', message: null }, kind).detail).toMatch(/filtered stream/);
    }
    expect(statusBadge({ columnId: 'c', state: 'local', message: null }, 'archive')).toEqual({
      label: 'Archive',
      tone: 'live',
      detail: 'Searches the posts stored on this computer: nothing is fetched from X',
    });
  });

  it('says why a streamable column is polled instead', () => {
    expect(statusBadge({ columnId: 'c', state: 'polling', message: 'Over the rule limit: polled instead' }, 'search').detail).toBe(
      "Over the rule limit: polled instead. X's recent search is checked every few seconds",
    );
  });

  it('says Connecting… before any status, and Paused with the reason', () => {
    expect(statusBadge(undefined, 'search').label).toBe('Connecting…');
    expect(statusBadge({ columnId: 'c', state: 'connecting', message: null }, 'mentions').label).toBe('Connecting…');
    expect(statusBadge({ columnId: 'c', state: 'paused', message: '@AcmeAir needs to be reconnected' }, 'dms')).toEqual({ label: 'Paused', tone: 'paused', detail: '@AcmeAir needs to be reconnected' });
  });

  it('shows the error message itself', () => {
    expect(statusBadge({ columnId: 'c', state: 'error', message: 'X refused the rule: too long' }, 'search')).toMatchObject({ label: 'X refused the rule: too long', tone: 'error' });
  });
});

describe('post time', () => {
  const now = Date.parse('2026-11-25T12:00:00Z');

  it('is short and relative, with a spoken form and the exact time', () => {
    expect(postTime('2026-11-25T11:59:58Z', now, 'en')?.short).toBe('now');
    expect(postTime('2026-11-25T11:59:18Z', now, 'en')).toMatchObject({ short: '42s', spoken: '42 seconds ago' });
    expect(postTime('2026-11-25T11:55:00Z', now, 'en')).toMatchObject({ short: '5m', spoken: '5 minutes ago' });
    expect(postTime('2026-11-25T09:00:00Z', now, 'en')).toMatchObject({ short: '3h', spoken: '3 hours ago' });
    expect(postTime('2026-11-25T09:00:00Z', now, 'en')?.exact).toMatch(/Nov 25, 2026/);
  });

  it('switches to a date after a day, with the year only when it differs', () => {
    expect(postTime('2026-11-20T12:00:00Z', now, 'en')?.short).toBe('Nov 20');
    expect(postTime('2025-03-02T12:00:00Z', now, 'en')?.short).toBe('Mar 2, 2025');
  });

  it('treats clock skew as now and refuses a broken date', () => {
    expect(postTime('2026-11-25T12:00:30Z', now, 'en')?.short).toBe('now');
    expect(postTime('not a date', now, 'en')).toBeNull();
  });
});

describe('reply draft', () => {
  it('starts with the author handle', () => {
    expect(replyPrefill(post())).toBe('@maria_flies ');
  });

  it('counts as X does, like the contract, so an emoji counts twice', () => {
    expect(replyRemaining('😡😡 ok')).toBe(REPLY_LIMIT - 7);
    expect(replyRemaining('  padded  ')).toBe(REPLY_LIMIT - 6);
  });

  it('agrees with the contract on the limit and on empty text', () => {
    const atLimit = '🛫'.repeat(REPLY_LIMIT / 2);
    expect(replyProblem(atLimit)).toBeNull();
    expect(replyText.safeParse(atLimit).success).toBe(true);
    expect(replyProblem(`${atLimit}!`)).toBe('Reply text is 281 characters as X counts them; the limit is 280');
    expect(replyText.safeParse(`${atLimit}!`).success).toBe(false);
    expect(replyProblem('   ')).toBe('Reply text cannot be empty');
  });

  it('answers as the handle the post replies to, else the first of ours it mentions, else the column account', () => {
    const mentionsNimbus = post({ entities: { ...EMPTY_ENTITIES, mentions: [{ start: 0, end: 13, username: 'nimbusmobile' }] } });
    expect(defaultReplyAccountId(mentionsNimbus, searchColumn(acme.id), [acme, nimbus])).toBe(nimbus.id);
    expect(defaultReplyAccountId(post({ inReplyToUserId: nimbus.id }), searchColumn(acme.id), [acme, nimbus])).toBe(nimbus.id);
    expect(defaultReplyAccountId(post(), searchColumn(nimbus.id), [acme, nimbus])).toBe(nimbus.id);
  });

  it('never picks an account that cannot send', () => {
    const stale = { ...nimbus, status: 'reconnect_needed' as const };
    expect(defaultReplyAccountId(post(), searchColumn(stale.id), [acme, stale])).toBe(acme.id);
    expect(defaultReplyAccountId(post(), null, [stale])).toBeNull();
  });
});

describe('columns', () => {
  it('offers Search in the add-column dialog with its UI-contract label', () => {
    expect(ADDABLE_COLUMN_KINDS.map((option) => option.label)).toContain('Search');
  });

  it('describes what a column follows when it is empty', () => {
    expect(emptyColumnText(searchColumn(acme.id, 'delay'), '@AcmeAir')).toBe('Waiting for posts matching “delay”.');
    const mentions = { ...searchColumn(acme.id), kind: 'mentions' } as Column;
    expect(columnSubject(mentions, '@AcmeAir')).toBe('mentions of @AcmeAir');
    expect(emptyColumnText(mentions, '@AcmeAir')).toBe('No mentions of @AcmeAir yet.');
  });
});

describe('avatars', () => {
  it('falls back to initials on a colour that stays with the handle', () => {
    expect(initialsOf('Maria Flies', 'maria_flies')).toBe('MF');
    expect(initialsOf('  ', 'maria_flies')).toBe('MA');
    expect(initialsOf('Émile', 'emile')).toBe('ÉM');
    expect(avatarHue('Maria_Flies')).toBe(avatarHue('maria_flies'));
  });

  it('loads pictures over https only', () => {
    expect(displayableAvatarUrl('https://pbs.example/a.png')).toBe('https://pbs.example/a.png');
    expect(displayableAvatarUrl('http://127.0.0.1:9/a.png')).toBeNull();
    expect(displayableAvatarUrl('javascript:alert(1)')).toBeNull();
    expect(displayableAvatarUrl(null)).toBeNull();
  });
});
