// A handle's saved replies at the hub: kept whole by those with manage-saved-replies, read by every
// member with the team's view of its handles, and checked again (a desktop is not trusted).
import { afterEach, describe, expect, it } from 'vitest';
import { HUB_ENGINES } from './engines';
import { startRig, teamWith, type Rig } from './hub-rig';

const REFUND = { id: 'r1', name: 'Refund', text: 'Hi {customer.name|there}, your refund is on its way ({case.id}).' };

describe.each(HUB_ENGINES)('saved replies on $name', (engine) => {
  let rig: Rig;
  afterEach(() => rig?.close());

  it('the owner keeps them, an agent reads them and may not change them, and a bad one is refused with its reason', async () => {
    rig = await startRig(await engine.freshStore());
    const { owner, members } = await teamWith(rig, 'acmeair', [{ name: 'Dana Agent', handleRole: 'agent' }]);
    const agent = members[0]!.desktop;

    expect(await owner.intent('saveSavedReplies', { handleId: 'acmeair', replies: [REFUND] })).toMatchObject({ outcome: 'applied' });
    const team = await agent.read('getTeam');
    expect(team).toMatchObject({ ok: true, value: { handles: [{ id: 'acmeair', savedReplies: [REFUND] }] } });

    const refused = await agent.intent('saveSavedReplies', { handleId: 'acmeair', replies: [] });
    expect(refused).toMatchObject({ outcome: 'refused', code: 'forbidden', reason: expect.stringContaining('manage-saved-replies') });
    const unknown = await owner.intent('saveSavedReplies', { handleId: 'acmeair', replies: [{ id: 'r2', name: 'Order', text: 'Your order {order.id} ships today' }] });
    expect(unknown).toMatchObject({ outcome: 'refused', code: 'invalid_input', reason: expect.stringContaining('Unknown variable {order.id}') });
    // Nothing of the refused lists was kept.
    expect(await agent.read('getTeam')).toMatchObject({ ok: true, value: { handles: [{ savedReplies: [REFUND] }] } });
  });
});
