// The core applies X's reply rule and the reply signature itself, so a caller that skips the
// composer gets the same clear refusal before X is asked, and what X receives is signed.
import { afterEach, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/core';
import { SOLO_AGENT } from '../../src/main/core/rpc/caller';
import { MemoryPreferenceStore, MemorySecretStore } from '../../src/main/core/ports';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index';
import type { Column, PostView } from '../../src/shared/domain';
import type { Envelope } from '../../src/shared/errors';
import { eventually, sandboxAdmin } from '../helpers/sandbox';
import { silentLogger, tempDir } from '../helpers/temp';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function value<T>(envelope: Envelope<unknown>): T {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
}

async function rig(): Promise<{ core: Core; sandbox: RunningSandbox; accountId: string; stored: (text: string) => Promise<PostView> }> {
  const sandbox = await startSandbox({ stream: false, keepAliveMs: 1_000 });
  const dataDir = tempDir();
  const core = createCore({ dataDir: dataDir.path, secrets: new MemorySecretStore(), preferences: new MemoryPreferenceStore(), logger: silentLogger, xApiBase: sandbox.url, demo: { sandboxUrl: sandbox.url }, pollIntervalMs: 100 });
  cleanups.push(async () => {
    await core.close();
    await sandbox.close();
    dataDir.remove();
  });
  await core.start();
  const accounts = value<{ id: string; username: string }[]>(await core.dispatch('listAccounts', {}, SOLO_AGENT));
  const accountId = accounts.find((account) => account.username === 'AcmeAir')!.id;
  const column = value<Column>(await core.dispatch('createColumn', { kind: 'search', accountId, query: 'rulecore' }, SOLO_AGENT));
  const admin = sandboxAdmin(sandbox.url);
  const stored = async (text: string) => {
    const { id } = await admin.createPost({ author: 'core_casey', text });
    return eventually(async () => value<PostView[]>(await core.dispatch('listColumnPosts', { columnId: column.id, limit: 50 }, SOLO_AGENT)).find((post) => post.id === id), 5_000, 'the post stored');
  };
  return { core, sandbox, accountId, stored };
}

it('refuses a reply X would refuse under its reply rule before asking X', async () => {
  const { core, sandbox, accountId, stored } = await rig();
  const post = await stored('rulecore my luggage is still in Lisbon');
  const answer = await core.dispatch('replyToPost', { accountId, inReplyToPostId: post.id, text: '@core_casey We are on it.' }, SOLO_AGENT);
  expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/^X will refuse this reply because the post did not mention or quote @AcmeAir/) } });
  const requests = await sandboxAdmin(sandbox.url).requests();
  expect(requests.filter((request) => request.method === 'POST' && request.path === '/2/tweets')).toEqual([]);
});

it('signs a reply with the agent’s initials when the handle signs replies, and refuses one the signature takes over the limit', async () => {
  const { core, sandbox, accountId, stored } = await rig();
  const post = await stored('@AcmeAir rulecore my luggage is still in Lisbon');
  expect(value(await core.dispatch('saveReplySettings', { accountId, signReplies: true, signerName: 'Ana Bell' }, SOLO_AGENT))).toMatchObject({ signature: '^AB', setBy: 'account' });
  const tooLong = await core.dispatch('replyToPost', { accountId, inReplyToPostId: post.id, text: `@core_casey ${'a'.repeat(265)}` }, SOLO_AGENT);
  expect(tooLong).toEqual({ ok: false, error: { code: 'invalid_input', message: 'Reply text with the signature ^AB is 281 characters as X counts them; the limit is 280' } });
  const sent = value<{ id: string }>(await core.dispatch('replyToPost', { accountId, inReplyToPostId: post.id, text: '@core_casey It is on the 14:05 flight. ' }, SOLO_AGENT));
  const atX = (await sandboxAdmin(sandbox.url).postsBy('AcmeAir')).find((candidate) => candidate.id === sent.id);
  expect(atX?.text).toBe('@core_casey It is on the 14:05 flight. ^AB');
});
