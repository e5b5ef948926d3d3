// What sending costs, with a real core and a real sandbox over HTTP: the demo reads the sandbox's
// published prices, and each reply and DM the desktop sends adds its price (a URL makes a reply
// the dearer "post with URL") to the handle's spend today, kept across a restart. The real X
// workspace knows no price until the operator enters X's, and then prices with those.
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/core';
import { MemoryPreferenceStore, MemorySecretStore } from '../../src/main/core/ports';
import { SOLO_AGENT } from '../../src/main/core/rpc/caller';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index';
import type { CommandInput, CommandName, CommandResult } from '../../src/shared/contract';
import { sandboxAdmin } from '../helpers/sandbox';
import { silentLogger, tempDir } from '../helpers/temp';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function ok<K extends CommandName>(core: Core, method: K, input: CommandInput<K>): Promise<CommandResult<K>> {
  const answer = await core.dispatch(method, input, SOLO_AGENT);
  if (!answer.ok) throw new Error(`${method}: ${answer.error.code}: ${answer.error.message}`);
  return answer.value as CommandResult<K>;
}

async function admin(sandbox: RunningSandbox, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(new URL(path, sandbox.url), { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: response.status, body: await response.json() };
}

async function openCore(sandbox: RunningSandbox, dataDir: string, preferences: MemoryPreferenceStore, demo: boolean): Promise<Core> {
  const core = createCore({ dataDir, secrets: new MemorySecretStore(), preferences, logger: silentLogger, xApiBase: sandbox.url, ...(demo ? { demo: { sandboxUrl: sandbox.url } } : {}), pollIntervalMs: 100 });
  await core.start();
  return core;
}

describe('the cost of sending', () => {
  it('the sandbox publishes its prices, changes them for tests and refuses nonsense', async () => {
    const sandbox = await startSandbox({ stream: false });
    cleanups.push(() => sandbox.close());
    expect(await admin(sandbox, 'GET', '/_sandbox/prices')).toEqual({ status: 200, body: { currency: 'USD', prices: { post: 0.015, post_with_url: 0.2, dm: 0.015 } } });
    expect((await admin(sandbox, 'POST', '/_sandbox/prices', { dm: 0.02 })).body).toEqual({ currency: 'USD', prices: { post: 0.015, post_with_url: 0.2, dm: 0.02 } });
    expect(await admin(sandbox, 'POST', '/_sandbox/prices', { post: -1 })).toEqual({ status: 400, body: { error: 'post must be a number between 0 and 100' } });
    expect(await admin(sandbox, 'POST', '/_sandbox/prices', { post: 'free' })).toMatchObject({ status: 400 });
    expect((await admin(sandbox, 'DELETE', '/_sandbox/prices')).body).toMatchObject({ prices: { dm: 0.015 } });
  });

  it('a reply, a reply with a URL and a DM add the sandbox’s prices to the handle’s spend today, kept across a restart', async () => {
    const sandbox = await startSandbox({ stream: false });
    const dir = tempDir();
    cleanups.push(() => sandbox.close(), () => dir.remove());
    await admin(sandbox, 'POST', '/_sandbox/prices', { post: 0.01, post_with_url: 0.25, dm: 0.02 });
    const preferences = new MemoryPreferenceStore();
    let core = await openCore(sandbox, dir.path, preferences, true);
    cleanups.push(() => core.close());
    expect(await ok(core, 'getSendPrices', {})).toEqual({ source: 'sandbox', prices: { post: 0.01, postWithUrl: 0.25, dm: 0.02 } });

    const accounts = await ok(core, 'listAccounts', {});
    const acme = accounts.find((account) => account.username === 'AcmeAir')!;
    const nimbus = accounts.find((account) => account.username === 'NimbusMobile')!;
    expect(await ok(core, 'getDaySpend', { accountId: acme.id })).toMatchObject({ usd: 0, sends: 0, thisDesktopOnly: false });

    const post = await sandboxAdmin(sandbox.url).createPost({ author: 'casey_care', text: '@AcmeAir my bag went to Oslo' });
    await ok(core, 'replyToPost', { accountId: acme.id, inReplyToPostId: post.id, text: 'Sorry Casey, we are on it' });
    await ok(core, 'replyToPost', { accountId: acme.id, inReplyToPostId: post.id, text: 'Track it at acmeair.com/bags' });
    const dm = (await admin(sandbox, 'POST', '/_sandbox/dms', { from: 'casey_care', to: 'AcmeAir', text: 'Booking AB1234' })).body as { dm_conversation_id: string };
    await ok(core, 'sendDm', { accountId: acme.id, conversationId: dm.dm_conversation_id, text: 'Rebooked, Casey' });

    const today = new Date().toISOString().slice(0, 10);
    expect(await ok(core, 'getDaySpend', { accountId: acme.id })).toEqual({ accountId: acme.id, day: today, usd: 0.28, sends: 3, unpricedSends: 0, thisDesktopOnly: false });
    // Another handle's spend is its own.
    expect(await ok(core, 'getDaySpend', { accountId: nimbus.id })).toMatchObject({ usd: 0, sends: 0 });

    // A refused send costs nothing.
    expect((await core.dispatch('sendDm', { accountId: acme.id, conversationId: '1-2', text: 'nobody' }, SOLO_AGENT)).ok).toBe(false);
    expect(await ok(core, 'getDaySpend', { accountId: acme.id })).toMatchObject({ usd: 0.28, sends: 3 });

    await core.close();
    core = await openCore(sandbox, dir.path, preferences, true);
    expect(await ok(core, 'getDaySpend', { accountId: acme.id })).toMatchObject({ usd: 0.28, sends: 3 });
  });

  it('for the real X the prices are unknown until the operator enters them, and sends are priced with those', async () => {
    const sandbox = await startSandbox({ stream: false });
    const dir = tempDir();
    cleanups.push(() => sandbox.close(), () => dir.remove());
    const core = await openCore(sandbox, dir.path, new MemoryPreferenceStore(), false);
    cleanups.push(() => core.close());
    expect(await ok(core, 'getSendPrices', {})).toEqual({ source: 'settings', prices: { post: null, postWithUrl: null, dm: null } });
    expect(await ok(core, 'saveSendPrices', { post: 0.015, postWithUrl: 0.2, dm: null })).toEqual({ source: 'settings', prices: { post: 0.015, postWithUrl: 0.2, dm: null } });
    expect(await core.dispatch('saveSendPrices', { post: -0.5, postWithUrl: null, dm: null }, SOLO_AGENT)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await ok(core, 'getSendPrices', {})).toMatchObject({ prices: { post: 0.015 } });
  });
});
