// The event log read as the audit log: who did what and when, refusals included, what the hub
// ingested left out; those who manage the team see all of it, those who may view reports on a
// handle see its entries, others are refused.
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/shared/hub-protocol';
import { HUB_ENGINES } from './engines';
import { addHandle, startRig, teamWith, type Rig } from './hub-rig';

describe.each(HUB_ENGINES)('audit log on $name', (engine) => {
  let rig: Rig;
  afterEach(() => rig?.close());

  it('lists each act with its actor and outcome, newest first, as far as the reader may see', async () => {
    rig = await startRig(await engine.freshStore());
    const { owner, ownerGrant, members } = await teamWith(rig, 'acmeair', [
      { name: 'Ana Agent', handleRole: 'agent' },
      { name: 'Vic Viewer', handleRole: 'viewer' },
    ]);
    const [ana, vic] = members;
    if (!ana || !vic) throw new Error('members');
    await addHandle(rig, 'nimbus', ownerGrant.memberId);
    await ana.desktop.intent('claimPost', { handleId: 'acmeair', postId: '11' });
    await ana.desktop.intent('setMemberRole', { memberId: vic.memberId, handleId: 'acmeair', roleId: 'agent' }); // refused: not hers to do
    await owner.intent('claimPost', { handleId: 'nimbus', postId: '12' });

    const all = await owner.read('auditLog');
    if (!all.ok) throw new Error(JSON.stringify(all));
    const entries = all.value as AuditEntry[];
    expect(entries.map((entry) => entry.seq)).toEqual([...entries.map((entry) => entry.seq)].sort((a, b) => b - a));
    expect(entries.find((entry) => entry.intent === 'claimPost' && entry.handle === '@acmeair')).toMatchObject({ actor: 'Ana Agent', outcome: 'applied' });
    expect(entries.find((entry) => entry.intent === 'setMemberRole' && entry.actor === 'Ana Agent')).toMatchObject({ outcome: 'refused', reason: 'Refused: needs manage-team in this team.' });
    expect(entries.some((entry) => entry.handle === '@nimbus')).toBe(true);

    // Vic may view reports on @acmeair only: its entries, none of the team's or @nimbus's.
    const vics = await vic.desktop.read('auditLog');
    if (!vics.ok) throw new Error(JSON.stringify(vics));
    const seen = vics.value as AuditEntry[];
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((entry) => entry.handle === '@acmeair')).toBe(true);
    expect(await ana.desktop.read('auditLog')).toMatchObject({ ok: false, code: 'forbidden', message: expect.stringContaining('view-reports') });

    // Paging: before a seq, at most `limit`.
    const page = await owner.read('auditLog', { beforeSeq: entries[0]!.seq, limit: 2 });
    expect(page).toMatchObject({ ok: true, value: [{ seq: entries[1]!.seq }, { seq: entries[2]!.seq }] });
  });
});
