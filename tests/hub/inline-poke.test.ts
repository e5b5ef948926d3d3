// What the hub ingests reaches a caught-up desktop in the poke itself: at a busy ingest, every
// desktop pulling every new entry is what slows fan-out. A real hub (SQLite, sealed vault) ingests
// from a real X API sandbox; desktops speak the raw protocol. The poke carries exactly what a pull
// would bring; a desktop that is behind, and a member who may not see the queue, get a bare poke.
import { describe, expect, it } from 'vitest';
import type { HubMessage, LogEntry } from '../../src/shared/hub-protocol';
import { eventually, sandboxAdmin } from '../helpers/sandbox';
import { connectAcmeAir, useSandboxHub } from './handle-setup';
import { Desktop, inviteCodeOf } from './hub-rig';

type Poke = Extract<HubMessage, { type: 'poke' }>;

const postsOf = (entries: readonly LogEntry[]) => entries.filter((entry) => entry.intent === 'ingested').flatMap((entry) => (entry.args as { posts: { id: string }[] }).posts.map((post) => post.id));

/** Pulls until caught up; the cursor reached. */
async function catchUp(desktop: Desktop): Promise<number> {
  let cursor = 0;
  for (;;) {
    const answer = await desktop.pull(cursor);
    if (answer.type !== 'pullResult') throw new Error(`pull answered ${answer.type}`);
    cursor = answer.cursor;
    if (!answer.more) return cursor;
  }
}

describe('pokes that carry what the hub ingested', () => {
  const hub = useSandboxHub('deckhand-inline-poke-');

  it('a caught-up Agent gets the new posts in the poke, the same entries a pull brings; a desktop behind and a member without the queue get a bare poke', async () => {
    const { sandbox, rig } = hub;
    const owner = await Desktop.connect(rig.hub.url, (await rig.claim()).credential, 'owner-desktop');
    const handleId = await connectAcmeAir(owner);
    const viewOnly = await owner.intent('saveRole', { name: 'Assigned only', permissions: ['view', 'reply'] });
    if (viewOnly.outcome !== 'applied') throw new Error(JSON.stringify(viewOnly));
    const join = async (name: string, roleId: string) => {
      const answer = await rig.join(inviteCodeOf(await owner.intent('createInvite', { teamRole: null, handleRoles: { [handleId]: roleId } })), name);
      return Desktop.connect(rig.hub.url, answer.body.credential ?? '', `${name.replace(/\W/g, '')}-desktop`);
    };
    const agent = await join('Ann Agent', 'agent');
    const behind = await join('Bob Agent', 'agent');
    const assignedOnly = await join('Cy Assigned', (viewOnly.result as { roleId: string }).roleId);
    expect((await owner.intent('addTeamColumn', { handleId, columnId: 'inline-poke-column', source: { kind: 'search', query: 'inlinecheck' } })).outcome).toBe('applied');

    // The Agent and the assigned-only member are caught up; Bob's desktop has not pulled yet.
    const admin = sandboxAdmin(sandbox.url);
    let agentCursor = 0;
    const { id } = await eventually(async () => {
      agentCursor = await catchUp(agent);
      await catchUp(assignedOnly);
      const poked = agent.next((message) => message.type === 'poke' && message.space === handleId && message.entries !== undefined);
      const created = await admin.createPost({ author: 'casey_customer', text: '@AcmeAir inlinecheck: where is my bag?' });
      // The stream may still be starting: a post it missed comes by no poke, so another is written.
      const poke = await poked.catch(() => undefined);
      return poke?.type === 'poke' && postsOf(poke.entries ?? []).includes(created.id) ? created : undefined;
    }, 20_000, 'a poke carrying the new post');

    const carrying = agent.received.find((message): message is Poke => message.type === 'poke' && postsOf(message.entries ?? []).includes(id))!;
    expect(carrying.from).toBe(agentCursor);
    const pulled = await agent.pull(agentCursor);
    expect(pulled.type === 'pullResult' && pulled.entries).toEqual(carrying.entries);
    expect(carrying.cursor).toBe(carrying.entries?.at(-1)?.seq);

    // Bob, behind, is poked as before and pulls the post; Cy may not see the queue and gets no post.
    const bobPokes = behind.received.filter((message): message is Poke => message.type === 'poke' && message.space === handleId);
    expect(bobPokes.length).toBeGreaterThan(0);
    expect(bobPokes.every((poke) => poke.entries === undefined)).toBe(true);
    const bobPull = await behind.pull(0);
    expect(bobPull.type === 'pullResult' ? postsOf(bobPull.entries) : []).toContain(id);
    const cyPokes = assignedOnly.received.filter((message): message is Poke => message.type === 'poke' && message.space === handleId);
    expect(cyPokes.length).toBeGreaterThan(0);
    expect(cyPokes.every((poke) => poke.entries === undefined)).toBe(true);
    expect(JSON.stringify(assignedOnly.received)).not.toContain(id);
  }, 40_000);
});
