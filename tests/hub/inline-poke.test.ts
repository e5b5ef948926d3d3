// What the hub ingests reaches a caught-up desktop in the poke itself: at a busy ingest, every
// desktop pulling every new entry is what slows fan-out. A real hub (SQLite, sealed vault) ingests
// from a real X API sandbox; desktops speak the raw protocol. The poke carries exactly what a pull
// would bring; a desktop that is behind, and a member who may not see the queue, get a bare poke.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CLIENT_ID } from '../../src/main/core/accounts/x-app-settings';
import { openHubStore } from '../../src/hub/db/open';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index';
import type { HubMessage, LogEntry } from '../../src/shared/hub-protocol';
import { answerConsent } from '../helpers/consent';
import { eventually, sandboxAdmin } from '../helpers/sandbox';
import { tempDir } from '../helpers/temp';
import { Desktop, inviteCodeOf, startRig, type Rig } from './hub-rig';

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
  let sandbox: RunningSandbox;
  let rig: Rig;
  const dir = tempDir('deckhand-inline-poke-');

  beforeEach(async () => {
    sandbox = await startSandbox();
    const store = await openHubStore(join(dir.path, `hub-${Date.now()}.sqlite`));
    rig = await startRig(store, { xApiBase: sandbox.url, clientId: DEMO_CLIENT_ID, appToken: await sandboxAdmin(sandbox.url).appToken() });
  });

  afterEach(async () => {
    await rig.close();
    await rig.store.close();
    await sandbox.close();
  });

  it('a caught-up Agent gets the new posts in the poke, the same entries a pull brings; a desktop behind and a member without the queue get a bare poke', async () => {
    const owner = await Desktop.connect(rig.hub.url, (await rig.claim()).credential, 'owner-desktop');
    const started = await owner.intent('connectHandle', {});
    if (started.outcome !== 'applied') throw new Error(JSON.stringify(started));
    expect((await answerConsent((started.result as { authorizeUrl: string }).authorizeUrl, 'AcmeAir')).status).toBe(200);
    const handleId = await eventually(async () => {
      const answer = await owner.pull(0);
      return answer.type === 'pullResult' ? answer.entries.map((entry) => (entry.intent === 'handleConnected' ? (entry.args as { handle: { id: string } }).handle.id : undefined)).find(Boolean) : undefined;
    }, 5_000, '@AcmeAir to be connected');
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
