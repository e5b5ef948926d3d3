// The hub's outbox never answers a customer twice: X takes a reply, but its answer comes late
// (the sandbox's late_answer fault) and the hub process is killed with SIGKILL before it records
// it. Started again on the same database, the hub finds the reply at X instead of sending it
// again: exactly one post at X, and the team's log says it was sent, with X's id; the next reply
// goes out once, as usual.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEMO_CLIENT_ID } from '../../src/main/core/accounts/x-app-settings';
import { sandboxAppToken } from '../../src/main/core/workspace/demo';
import { answerConsent } from '../helpers/consent';
import { startSandboxCli } from '../helpers/processes';
import { eventually, sandboxAdmin } from '../helpers/sandbox';
import { tempDir } from '../helpers/temp';
import { claim, connectDesktop, killHub, pullAll, spawnHub, type Cleanups, type Desktop } from './hub-process';

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups.length = 0;
});

const connectStarted = z.object({ authorizeUrl: z.string().url() });
const handleConnected = z.object({ handle: z.object({ id: z.string(), username: z.string() }) });
const settled = z.object({ outboxId: z.string(), replyId: z.string().nullable(), reason: z.string().nullable() });

async function settledEntries(desktop: Desktop) {
  return (await pullAll(desktop)).filter((entry) => entry.intent === 'replySettled').map((entry) => settled.parse(entry.args));
}

describe('the hub outbox after a crash', () => {
  it('kill -9 after X took a reply and before the hub recorded it: after a restart, exactly one post at X', async () => {
    const sandbox = await startSandboxCli();
    cleanups.push(() => sandbox.stop());
    const sandboxUrl = sandbox.match[1]!;
    const admin = sandboxAdmin(sandboxUrl);
    const data = tempDir('deckhand-outbox-crash-');
    cleanups.push(() => data.remove());
    const db = join(data.path, 'hub.sqlite');
    const env = { DECKHAND_HUB_KEY: randomBytes(32).toString('base64'), DECKHAND_X_API_BASE: sandboxUrl, DECKHAND_X_CLIENT_ID: DEMO_CLIENT_ID, DECKHAND_X_BEARER_TOKEN: await sandboxAppToken(sandboxUrl) };

    const first = await spawnHub(db, env, cleanups);
    const credential = await claim(first);
    const owner = await connectDesktop(first, credential, 'owner', cleanups);
    const started = await owner.intent('connectHandle', {});
    if (started.outcome !== 'applied') throw new Error(`connectHandle refused: ${JSON.stringify(started)}`);
    expect((await answerConsent(connectStarted.parse(started.result).authorizeUrl, 'AcmeAir')).status).toBe(200);
    const handle = await eventually(async () => {
      const entry = (await pullAll(owner)).find((item) => item.intent === 'handleConnected');
      return entry && handleConnected.parse(entry.args).handle;
    }, 5_000, '@AcmeAir to be a team handle');
    const customer = await admin.createPost({ author: 'crash_carla', text: '@AcmeAir where is my refund for AB1234?' });
    const later = await admin.createPost({ author: 'crash_carla', text: '@AcmeAir and my seat upgrade?' });

    // X takes the reply, but answers 30 s late; the hub dies meanwhile.
    await admin.fault({ kind: 'late_answer', path: '/2/tweets', seconds: 30 });
    void owner.intent('sendReply', { handleId: handle.id, postId: customer.id, text: '@crash_carla Your refund for AB1234 went out today.' }).catch(() => null);
    const atX = await eventually(async () => (await admin.postsBy('AcmeAir')).find((post) => post.text.includes('refund for AB1234')), 10_000, 'X to take the reply');
    await killHub(first);

    const second = await spawnHub(db, env, cleanups);
    const again = await connectDesktop(second, credential, 'owner-again', cleanups);
    const recovered = await eventually(async () => (await settledEntries(again)).find((entry) => entry.replyId !== null), 15_000, 'the restarted hub to settle the reply');
    expect(recovered.replyId).toBe(atX.id);
    expect((await admin.postsBy('AcmeAir')).filter((post) => post.text.includes('refund for AB1234'))).toHaveLength(1);

    // The outbox goes on as usual: the next reply is sent once.
    expect(await again.intent('sendReply', { handleId: handle.id, postId: later.id, text: '@crash_carla Your upgrade is confirmed.' })).toMatchObject({ outcome: 'applied' });
    await eventually(async () => (await admin.postsBy('AcmeAir')).some((post) => post.text.includes('upgrade is confirmed')), 10_000, 'the next reply at X');
    expect((await admin.postsBy('AcmeAir')).filter((post) => post.text.includes('upgrade is confirmed'))).toHaveLength(1);
    expect(second.output()).toMatch(/reply found at X after an interrupted send/);
  }, 90_000);
});
