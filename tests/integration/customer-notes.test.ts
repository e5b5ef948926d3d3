// Notes about customers and the columns that filter by customer: on a desktop alone the notes and
// labels are its own; in a team a note one member writes reaches a colleague's desktop and a later
// desktop's through the hub, and a column filtered by "Customer label" reads the team's labels as
// this desktop's replica holds them — in its pages and in what arrives live.
import { describe, expect, it } from 'vitest';
import { SOLO_AGENT } from '../../src/main/core/rpc/caller';
import type { CommandInput, CommandName, CommandResult } from '../../src/shared/contract';
import type { Envelope } from '../../src/shared/errors';
import { startColumnsRig } from '../helpers/columns-rig';
import { eventually, sandboxAdmin } from '../helpers/sandbox';
import type { TestDesktop } from '../helpers/team-desktop';
import { ownerAndAgent, useTeamRig } from '../helpers/team-hub';

const keyring = process.env.DECKHAND_TEST_KEYRING === '1';
if (!keyring) console.warn('customer note tests skipped: no Secret Service here; run them through scripts/with-keyring.sh (npm test does)');

/** The authors of the posts a column lists now. */
const authorsOf = async (desktop: TestDesktop, columnId: string) => (await desktop.ok('listColumnPosts', { columnId, limit: 100 })).map((post) => post.author.username).sort();

describe.skipIf(!keyring)('customer notes and customer filters', () => {
  const rig = useTeamRig({ pollIntervalMs: 300 });

  it('alone: a note is this desktop’s own (by you); a column keeps only a label’s customers, or those with notes, live and in its pages', async () => {
    // A desktop of its own on a sandbox of its own: the team rig's hub holds that sandbox's one stream connection.
    const solo = await startColumnsRig({ sandbox: { keepAliveMs: 500 }, pollIntervalMs: 300 });
    try {
      const call = <K extends CommandName>(method: K, input: CommandInput<K>) => solo.core.dispatch(method, input, SOLO_AGENT) as Promise<Envelope<CommandResult<K>>>;
      const ok = async <K extends CommandName>(method: K, input: CommandInput<K>) => {
        const answer = await call(method, input);
        if (!answer.ok) throw new Error(`${method}: ${answer.error.code}: ${answer.error.message}`);
        return answer.value;
      };
      const authors = async (columnId: string) => (await ok('listColumnPosts', { columnId, limit: 100 })).map((post) => post.author.username).sort();
      const acme = (await ok('listAccounts', {})).find((account) => account.username === 'AcmeAir');
      if (!acme) throw new Error('the demo workspace has @AcmeAir');
      const column = await ok('createColumn', { kind: 'search', accountId: acme.id, query: 'solonoted' });
      await eventually(async () => (await ok('listColumnStatuses', {})).find((status) => status.columnId === column.id)?.state !== 'connecting', 10_000, 'the column connected');
      const vera = await solo.admin.createPost({ author: 'solo_vera', text: '@AcmeAir solonoted my lounge pass was refused' });
      await solo.admin.createPost({ author: 'solo_pete', text: '@AcmeAir solonoted just a question' });
      await eventually(async () => (await authors(column.id)).length === 2, 10_000, 'both posts');
      const veraId = (await ok('listColumnPosts', { columnId: column.id, limit: 10 })).find((post) => post.id === vera.id)?.authorId ?? '';

      const [note] = await ok('noteCustomer', { accountId: acme.id, customerId: veraId, text: '  Gold member since 2019  ' });
      expect(note).toMatchObject({ customerId: veraId, handleId: acme.id, authorId: null, text: 'Gold member since 2019' });
      expect(await ok('listCustomerNotes', { accountId: acme.id, customerId: veraId })).toEqual([note]);
      expect((await ok('listCustomers', { accountId: acme.id, query: 'solo_vera' }))[0]).toMatchObject({ notes: 1 });
      const tooLong = await call('noteCustomer', { accountId: acme.id, customerId: veraId, text: 'x'.repeat(2_001) });
      expect(tooLong).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('A customer note is at most 2,000 characters') } });

      // "Has customer notes": Vera only. "Customer label" VIP: nobody until she is labelled, then Vera.
      await ok('updateColumn', { columnId: column.id, filters: { onlyNotedCustomers: true } });
      expect(await authors(column.id)).toEqual(['solo_vera']);
      await ok('updateColumn', { columnId: column.id, filters: { onlyNotedCustomers: false, customerLabel: 'VIP' } });
      expect(await authors(column.id)).toEqual([]);
      await ok('labelCustomer', { accountId: acme.id, customerId: veraId, label: 'VIP', on: true });
      expect(await authors(column.id)).toEqual(['solo_vera']);

      // Live: of two new posts only the VIP's reaches the column.
      const before = solo.delivered.get(column.id)?.length ?? 0;
      const pete = await solo.admin.createPost({ author: 'solo_pete', text: '@AcmeAir solonoted me again' });
      const again = await solo.admin.createPost({ author: 'solo_vera', text: '@AcmeAir solonoted and my bag too' });
      await eventually(() => solo.delivered.get(column.id)?.includes(again.id), 10_000, 'Vera’s new post live');
      const live = (solo.delivered.get(column.id) ?? []).slice(before);
      expect(live).toContain(again.id);
      expect(live).not.toContain(pete.id);
      // Hiding the label instead: everyone else.
      await ok('updateColumn', { columnId: column.id, filters: { customerLabel: null, hideCustomerLabel: 'vip' } });
      expect(await authors(column.id)).toEqual(['solo_pete', 'solo_pete']);
    } finally {
      await solo.close();
    }
  });

  it('in a team: a note reaches a colleague’s desktop and a later one’s; the column filter reads the team’s labels', async () => {
    const { a, b, acme } = await ownerAndAgent(rig);
    const column = await a.ok('createColumn', { kind: 'search', accountId: acme.id, query: 'teamnoted' });
    const admin = sandboxAdmin(rig.sandbox.url);
    const vera = await admin.createPost({ author: 'team_vera', text: '@AcmeAir teamnoted lounge access was refused' });
    await admin.createPost({ author: 'team_pete', text: '@AcmeAir teamnoted just a question' });
    await eventually(async () => (await b.ok('listColumnPosts', { columnId: column.id, limit: 100 })).length >= 2, 10_000, 'both posts at B');
    const veraId = (await b.ok('listColumnPosts', { columnId: column.id, limit: 100 })).find((post) => post.id === vera.id)?.authorId ?? '';

    // Bob writes a note; it is his, at his desktop at once and at Ann's within moments.
    const bob = (await b.team()).memberId;
    const notes = await b.ok('noteCustomer', { accountId: acme.id, customerId: veraId, text: 'Wrote to the CEO last year; be quick' });
    expect(notes).toEqual([expect.objectContaining({ customerId: veraId, handleId: acme.id, authorId: bob, text: 'Wrote to the CEO last year; be quick', id: expect.stringMatching(/^cnote_/) })]);
    await eventually(async () => (await a.ok('listCustomerNotes', { accountId: acme.id, customerId: veraId })).length === 1, 5_000, 'the note at A');
    expect(await a.ok('listCustomerNotes', { accountId: acme.id, customerId: veraId })).toEqual(notes);
    // Refused at the desktop before it reaches the hub when too long.
    expect(await b.call('noteCustomer', { accountId: acme.id, customerId: veraId, text: 'x'.repeat(2_001) })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    // Ann's column keeps the team's VIPs (a label Bob gives) and those with notes.
    await a.ok('updateColumn', { columnId: column.id, filters: { customerLabel: 'VIP' } });
    expect(await authorsOf(a, column.id)).toEqual([]);
    await b.ok('labelCustomer', { accountId: acme.id, customerId: veraId, label: 'VIP', on: true });
    await eventually(async () => (await authorsOf(a, column.id)).join() === 'team_vera', 5_000, 'the VIP filter at A to read Bob’s label');
    await a.ok('updateColumn', { columnId: column.id, filters: { customerLabel: null, onlyNotedCustomers: true } });
    expect(await authorsOf(a, column.id)).toEqual(['team_vera']);

    // A desktop that joins later has the note from its first snapshot, by Bob.
    const { link } = await a.ok('createInvite', { teamRole: null, handleRoles: { [acme.id]: 'agent' }, expiresInHours: 1 });
    const c = await rig.desktop();
    await c.ok('joinTeam', { inviteLink: link, displayName: 'Cleo Agent' });
    await eventually(async () => (await c.ok('listCustomerNotes', { accountId: acme.id, customerId: veraId })).length === 1, 5_000, 'the note at a new desktop');
    expect(await c.ok('listCustomerNotes', { accountId: acme.id, customerId: veraId })).toEqual(notes);
  });
});
