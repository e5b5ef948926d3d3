// Notes about customers at the hub, on both engines: a note written through a handle is kept and
// reaches every member who may view that handle (poke, log entry, snapshot) and nobody else; a
// member without reply on the handle is refused and the refusal is in the audit log; a note too
// long or empty is refused with why.
import { afterEach, describe, expect, it } from 'vitest';
import type { HubMessage } from '../../src/shared/hub-protocol';
import { eventually } from '../helpers/sandbox';
import { HUB_ENGINES } from './engines';
import { addHandle, startRig, teamWith, type Desktop, type Rig } from './hub-rig';

describe.each(HUB_ENGINES)('customer notes on $name', (engine) => {
  let rig: Rig;
  afterEach(() => rig?.close());

  const snapshotOf = async (desktop: Desktop) => {
    const answer = desktop.next((message): message is Extract<HubMessage, { type: 'snapshot' }> => message.type === 'snapshot');
    desktop.sendRaw(JSON.stringify({ type: 'pull', cursor: 0, snapshot: true }));
    return (await answer).snapshot;
  };
  const entriesOf = async (desktop: Desktop) => {
    const log = await desktop.pull(0);
    if (log.type !== 'pullResult') throw new Error(`pull: ${JSON.stringify(log)}`);
    return log.entries.filter((entry) => entry.intent === 'noteCustomer');
  };

  it('a note one agent writes reaches the other agent of the handle; a member of another handle is refused and never sees it', async () => {
    rig = await startRig(await engine.freshStore());
    const { owner, ownerGrant, members } = await teamWith(rig, 'acmeair', [
      { name: 'Ada', handleRole: 'agent' },
      { name: 'Ben', handleRole: 'agent' },
      { name: 'Nia', handleRole: null },
    ]);
    const [ada, ben, nia] = members;
    if (!ada || !ben || !nia) throw new Error('members');
    // Nia works @nimbus only.
    await addHandle(rig, 'nimbus', ownerGrant.memberId);
    expect(await owner.intent('setMemberRole', { memberId: nia.memberId, handleId: 'nimbus', roleId: 'agent' })).toMatchObject({ outcome: 'applied' });

    const written = await ada.desktop.intent('noteCustomer', { handleId: 'acmeair', customerId: '888', text: '  Flies weekly AMS–JFK; prefers DMs  ' });
    expect(written).toMatchObject({ outcome: 'applied', result: { noteId: expect.stringMatching(/^cnote_/) } });
    const noteId = written.outcome === 'applied' ? (written.result as { noteId: string }).noteId : '';

    // Kept at the hub, trimmed, with who and when.
    expect(await rig.store.db.selectFrom('customer_notes').selectAll().execute()).toEqual([
      { id: noteId, customer_id: '888', handle_id: 'acmeair', member_id: ada.memberId, text: 'Flies weekly AMS–JFK; prefers DMs', at: rig.clock.now },
    ]);
    // Ben is poked and pulls it from the log: the note whole, by Ada.
    await eventually(() => ben.desktop.received.some((message) => message.type === 'poke' && message.space === 'acmeair'), 5_000, 'a poke at Ben');
    expect(await entriesOf(ben.desktop)).toEqual([
      expect.objectContaining({ space: 'acmeair', actorId: ada.memberId, outcome: 'applied', args: { handleId: 'acmeair', customerId: '888', noteId, text: 'Flies weekly AMS–JFK; prefers DMs' } }),
    ]);
    // A desktop that starts from a snapshot has it too.
    expect((await snapshotOf(ben.desktop)).customerNotes).toEqual([{ id: noteId, customerId: '888', handleId: 'acmeair', authorId: ada.memberId, text: 'Flies weekly AMS–JFK; prefers DMs', at: rig.clock.now }]);

    // Nia has no role on @acmeair: refused, with why, and logged for the audit.
    const refused = await nia.desktop.intent('noteCustomer', { handleId: 'acmeair', customerId: '888', text: 'Sneaky note' });
    expect(refused).toMatchObject({ outcome: 'refused', code: 'forbidden', reason: 'Refused: needs reply on acmeair.' });
    const logged = await rig.store.db.selectFrom('events').select(['intent', 'outcome', 'space']).where('actor_id', '=', nia.memberId).where('intent', '=', 'noteCustomer').execute();
    expect(logged).toEqual([{ intent: 'noteCustomer', outcome: 'refused', space: 'acmeair' }]);
    expect(await rig.store.db.selectFrom('customer_notes').select('text').where('text', '=', 'Sneaky note').execute()).toEqual([]);
    // …and never receives what is written through @acmeair, in the log or a snapshot; her own note on @nimbus is hers to see.
    expect(await nia.desktop.intent('noteCustomer', { handleId: 'nimbus', customerId: '888', text: 'Asked about roaming' })).toMatchObject({ outcome: 'applied' });
    expect((await entriesOf(nia.desktop)).map((entry) => [entry.space, entry.outcome])).toEqual([['nimbus', 'applied']]);
    expect((await snapshotOf(nia.desktop)).customerNotes.map((note) => note.text)).toEqual(['Asked about roaming']);
    // Nor does Ben see Nia's (he has no role on @nimbus).
    expect((await snapshotOf(ben.desktop)).customerNotes.map((note) => note.text)).toEqual(['Flies weekly AMS–JFK; prefers DMs']);
  });

  it('refuses an empty note, one over 2,000 characters and a customer id that is no X user id, saying why', async () => {
    rig = await startRig(await engine.freshStore());
    const { members } = await teamWith(rig, 'acmeair', [{ name: 'Ada', handleRole: 'agent' }]);
    const ada = members[0];
    if (!ada) throw new Error('members');
    expect(await ada.desktop.intent('noteCustomer', { handleId: 'acmeair', customerId: '888', text: '   ' })).toMatchObject({ outcome: 'refused', code: 'invalid_input', reason: 'Invalid noteCustomer: text: A customer note cannot be empty' });
    expect(await ada.desktop.intent('noteCustomer', { handleId: 'acmeair', customerId: '888', text: 'x'.repeat(2_001) })).toMatchObject({
      outcome: 'refused',
      code: 'invalid_input',
      reason: 'Invalid noteCustomer: text: A customer note is at most 2,000 characters',
    });
    expect(await ada.desktop.intent('noteCustomer', { handleId: 'acmeair', customerId: 'vera', text: 'Hi' })).toMatchObject({ outcome: 'refused', code: 'invalid_input', reason: expect.stringContaining('must be an X user id') });
    expect(await ada.desktop.intent('noteCustomer', { handleId: 'acmeair', customerId: '888', text: 'x'.repeat(2_000) })).toMatchObject({ outcome: 'applied' });
    expect(await rig.store.db.selectFrom('customer_notes').select('id').execute()).toHaveLength(1);
  });
});
