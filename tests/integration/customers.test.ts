// Customers and their labels: on a desktop alone the labels are its own; in a team a label one
// member gives reaches a colleague's desktop through the hub, and a desktop that joins later gets
// the team's labels in its first snapshot; the Customers view finds people by name and by label.
import { describe, expect, it } from 'vitest';
import { eventually, sandboxAdmin } from '../helpers/sandbox';
import { ownerAndAgent, useTeamRig } from '../helpers/team-hub';

const keyring = process.env.DECKHAND_TEST_KEYRING === '1';
if (!keyring) console.warn('customer label tests skipped: no Secret Service here; run them through scripts/with-keyring.sh (npm test does)');

describe.skipIf(!keyring)('customers and their labels', () => {
  const rig = useTeamRig({ pollIntervalMs: 300 });

  it('a label given on one desktop reaches a colleague’s and a later desktop’s; the Customers view finds by name and label', async () => {
    const { a, b, acme } = await ownerAndAgent(rig);

    const column = await a.ok('createColumn', { kind: 'search', accountId: acme.id, query: 'labelled' });
    const admin = sandboxAdmin(rig.sandbox.url);
    await admin.createUser({ username: 'vip_vera', name: 'Vera Lind', followers: 52_000, verified: true });
    const vera = await admin.createPost({ author: 'vip_vera', text: '@AcmeAir labelled lounge access was refused' });
    await admin.createPost({ author: 'plain_pete', text: '@AcmeAir labelled just a question' });
    const posts = await eventually(async () => {
      const listed = await b.ok('listColumnPosts', { columnId: column.id, limit: 100 });
      return listed.length >= 2 ? listed : undefined;
    }, 10_000, 'both posts at B');
    const veraId = posts.find((post) => post.id === vera.id)?.authorId ?? '';

    // Bob labels Vera VIP; Ann's desktop has it within moments, and her Customers view finds Vera by label.
    expect(await b.ok('labelCustomer', { accountId: acme.id, customerId: veraId, label: 'VIP', on: true })).toEqual(['VIP']);
    await eventually(async () => (await a.ok('getCustomer', { accountId: acme.id, userId: veraId })).labels.includes('VIP'), 5_000, 'the label at A');
    expect((await a.ok('listCustomers', { accountId: acme.id, label: 'vip' })).map((customer) => customer.author.username)).toEqual(['vip_vera']);
    expect((await a.ok('listCustomers', { accountId: acme.id, query: 'Lind' })).map((customer) => customer.author.username)).toEqual(['vip_vera']);
    expect((await a.ok('listCustomers', { accountId: acme.id, query: '@plain' }))[0]).toMatchObject({ author: { username: 'plain_pete' }, labels: [], posts: 1 });
    expect(await a.ok('listCustomerLabels', {})).toEqual(['VIP']);
    // The brand handle is no customer of its own.
    expect((await a.ok('listCustomers', { accountId: acme.id })).some((customer) => customer.author.id === acme.id)).toBe(false);

    // A desktop that joins later has the team's labels from its first snapshot.
    const { link: later } = await a.ok('createInvite', { teamRole: null, handleRoles: { [acme.id]: 'agent' }, expiresInHours: 1 });
    const c = await rig.desktop();
    await c.ok('joinTeam', { inviteLink: later, displayName: 'Cleo Agent' });
    await eventually(async () => (await c.ok('listCustomerLabels', {})).includes('VIP'), 5_000, 'the team’s labels at a new desktop');

    // Taken off on one desktop, gone on the others; a bad label is refused with its reason.
    expect(await a.ok('labelCustomer', { accountId: acme.id, customerId: veraId, label: 'VIP', on: false })).toEqual([]);
    await eventually(async () => (await b.ok('getCustomer', { accountId: acme.id, userId: veraId })).labels.length === 0, 5_000, 'the label gone at B');
    expect(await a.call('labelCustomer', { accountId: acme.id, customerId: veraId, label: ' ', on: true })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
