// What a brand handle does to a post shows on every card of it at once, and stays: a reply marks
// the post answered (by "you" on a desktop alone) with one more reply on its count, a like or a
// repost is pressed and counted, in every column that holds the post, announced as `postsUpdated`
// and kept across a restart; a like goes through the desktop's outbox, so one a stopped process
// left unfinished is done at the next start. The brand's own reply says what it answered. A real sandbox over
// HTTP, a real SQLite file.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/core';
import { MemoryPreferenceStore, MemorySecretStore } from '../../src/main/core/ports';
import { SOLO_AGENT } from '../../src/main/core/rpc/caller';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index';
import type { CommandInput, CommandName, CommandResult } from '../../src/shared/contract';
import type { PostView } from '../../src/shared/domain';
import { eventually, sandboxAdmin } from '../helpers/sandbox';
import { silentLogger, tempDir } from '../helpers/temp';

interface Opened {
  core: Core;
  updates: { columnId: string; posts: PostView[] }[];
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function openCore(sandbox: RunningSandbox, dataDir: string): Promise<Opened> {
  const core = createCore({ dataDir, secrets: new MemorySecretStore(), preferences: new MemoryPreferenceStore(), logger: silentLogger, xApiBase: sandbox.url, demo: { sandboxUrl: sandbox.url }, pollIntervalMs: 100 });
  const updates: Opened['updates'] = [];
  core.events.subscribe((event, payload) => {
    if (event === 'postsUpdated') updates.push(payload as Opened['updates'][number]);
  });
  await core.start();
  return { core, updates };
}

async function ok<K extends CommandName>(core: Core, method: K, input: CommandInput<K>): Promise<CommandResult<K>> {
  const answer = await core.dispatch(method, input, SOLO_AGENT);
  if (!answer.ok) throw new Error(`${method}: ${answer.error.code}: ${answer.error.message}`);
  return answer.value as CommandResult<K>;
}

async function rig() {
  const sandbox = await startSandbox({ stream: false });
  const dir = tempDir();
  cleanups.push(() => sandbox.close(), () => dir.remove());
  let opened = await openCore(sandbox, dir.path);
  cleanups.push(() => opened.core.close());
  const accountId = (await ok(opened.core, 'listAccounts', {})).find((account) => account.username === 'AcmeAir')!.id;
  // Two columns holding the same posts.
  const columns = [await ok(opened.core, 'createColumn', { kind: 'search', accountId, query: 'carecheck' }), await ok(opened.core, 'createColumn', { kind: 'search', accountId, query: 'carecheck luggage' })];
  const admin = sandboxAdmin(sandbox.url);
  const asked = await admin.createPost({ author: 'casey_care', text: '@AcmeAir carecheck my luggage went to Oslo' });
  const inColumn = async (columnId: string, postId: string) => (await ok(opened.core, 'listColumnPosts', { columnId, limit: 100 })).find((post) => post.id === postId);
  for (const column of columns) await eventually(() => inColumn(column.id, asked.id), 5_000, 'the post in both columns');
  return {
    sandbox,
    admin,
    accountId,
    columns,
    asked,
    get core() {
      return opened.core;
    },
    get updates() {
      return opened.updates;
    },
    inColumn,
    dataDir: dir.path,
    async restart() {
      await opened.core.close();
      opened = await openCore(sandbox, dir.path);
    },
  };
}

describe('cards that tell the truth', () => {
  it('a reply marks the post answered by you, one more reply, in every column, announced and kept across a restart', async () => {
    const r = await rig();
    const before = (await r.inColumn(r.columns[0]!.id, r.asked.id))!;
    expect(before.answered).toBeUndefined();
    const repliesBefore = before.metrics?.replies ?? 0;

    const sentAt = Date.now();
    await ok(r.core, 'replyToPost', { accountId: r.accountId, inReplyToPostId: r.asked.id, text: '@casey_care carecheck we found it, back tomorrow' });

    // At once (the command answers after the cards were told): both columns, both events.
    for (const column of r.columns) {
      const post = (await r.inColumn(column.id, r.asked.id))!;
      expect(post.answered?.by).toBe('you');
      expect(Date.parse(post.answered?.at ?? '')).toBeGreaterThanOrEqual(sentAt - 1_000);
      expect(post.metrics?.replies).toBe(repliesBefore + 1);
      const announced = r.updates.find((update) => update.columnId === column.id)?.posts.find((candidate) => candidate.id === r.asked.id);
      expect(announced).toMatchObject({ answered: { by: 'you' }, metrics: { replies: repliesBefore + 1 } });
    }

    // The brand's own reply (filed by the search) says what it answered.
    const reply = await eventually(async () => (await ok(r.core, 'listColumnPosts', { columnId: r.columns[0]!.id, limit: 100 })).find((post) => post.text.includes('we found it')), 5_000, 'the reply in the column');
    expect(reply.replyingTo).toEqual({ username: 'casey_care', text: '@AcmeAir carecheck my luggage went to Oslo' });
    expect((await r.inColumn(r.columns[0]!.id, r.asked.id))!.replyingTo).toBeUndefined();

    await r.restart();
    expect((await r.inColumn(r.columns[1]!.id, r.asked.id))!.answered?.by).toBe('you');
  });

  it('a like and a repost go to X as the handle, are pressed and counted on every card at once, and can be undone', async () => {
    const r = await rig();
    const likesBefore = (await r.inColumn(r.columns[0]!.id, r.asked.id))!.metrics?.likes ?? 0;

    const liked = await ok(r.core, 'engagePost', { accountId: r.accountId, postId: r.asked.id, kind: 'like', on: true });
    expect(liked).toMatchObject({ id: r.asked.id, likedBy: [r.accountId], metrics: { likes: likesBefore + 1 } });
    const likeRequest = (await r.admin.requests()).find((request) => request.method === 'POST' && request.path === `/2/users/${r.accountId}/likes`);
    expect(likeRequest).toMatchObject({ status: 200 });
    for (const column of r.columns) {
      expect((await r.inColumn(column.id, r.asked.id))!.likedBy).toEqual([r.accountId]);
      expect(r.updates.find((update) => update.columnId === column.id)?.posts[0]).toMatchObject({ id: r.asked.id, likedBy: [r.accountId] });
    }
    // Liking twice counts once.
    expect((await ok(r.core, 'engagePost', { accountId: r.accountId, postId: r.asked.id, kind: 'like', on: true })).metrics?.likes).toBe(likesBefore + 1);

    const reposted = await ok(r.core, 'engagePost', { accountId: r.accountId, postId: r.asked.id, kind: 'repost', on: true });
    expect(reposted.repostedBy).toEqual([r.accountId]);
    expect((await r.admin.requests()).some((request) => request.method === 'POST' && request.path === `/2/users/${r.accountId}/retweets` && request.status === 200)).toBe(true);

    const unliked = await ok(r.core, 'engagePost', { accountId: r.accountId, postId: r.asked.id, kind: 'like', on: false });
    expect(unliked.likedBy).toBeUndefined();
    expect(unliked.metrics?.likes).toBe(likesBefore);
    await r.restart();
    expect((await r.inColumn(r.columns[1]!.id, r.asked.id))!.repostedBy).toEqual([r.accountId]);
  });

  it('a like goes through the outbox: one X refused is said and marks nothing; one a stopped process left sending is asked again at the next start', async () => {
    const r = await rig();
    await r.admin.fault({ kind: 'http_error', status: 403, path: `/2/users/${r.accountId}/likes` });
    const refused = await r.core.dispatch('engagePost', { accountId: r.accountId, postId: r.asked.id, kind: 'like', on: true }, SOLO_AGENT);
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringContaining('X refused the like from @AcmeAir') } });
    expect((await r.inColumn(r.columns[0]!.id, r.asked.id))!.likedBy).toBeUndefined();

    // As if the process had stopped after handing the like to X and before hearing back.
    await r.core.close();
    const db = new Database(join(r.dataDir, 'demo.sqlite'));
    const now = Date.now();
    db.prepare("INSERT INTO outbox (id, account_id, kind, target, text, send_at, status, created_at, updated_at) VALUES ('interrupted-like', ?, 'like', ?, '', ?, 'sending', ?, ?)").run(r.accountId, r.asked.id, now, now, now);
    expect((db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE status != 'sent'").get() as { n: number }).n).toBe(1); // the refused one was not kept
    db.close();
    await r.restart();
    expect((await r.inColumn(r.columns[1]!.id, r.asked.id))!.likedBy).toEqual([r.accountId]);
    const likes = (await r.admin.requests()).filter((request) => request.method === 'POST' && request.path === `/2/users/${r.accountId}/likes` && request.status === 200);
    expect(likes).toHaveLength(1);
  });

  it('a post this desktop does not hold is refused with a clear error, and X is not asked', async () => {
    const r = await rig();
    const answer = await r.core.dispatch('engagePost', { accountId: r.accountId, postId: '1234567', kind: 'like', on: true }, SOLO_AGENT);
    expect(answer).toEqual({ ok: false, error: { code: 'not_found', message: 'This desktop does not hold that post.' } });
    expect((await r.admin.requests()).some((request) => request.path.endsWith('/likes'))).toBe(false);
  });

  it('a @mention’s profile: the user this desktop knows by that name (any case), or a clear error', async () => {
    const r = await rig();
    const customer = await ok(r.core, 'getCustomerByUsername', { accountId: r.accountId, username: 'CASEY_care' });
    expect(customer.author.username).toBe('casey_care');
    expect(customer.posts.map((post) => post.id)).toContain(r.asked.id);
    expect(await r.core.dispatch('getCustomerByUsername', { accountId: r.accountId, username: 'nobody_here' }, SOLO_AGENT)).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'This desktop has never seen @nobody_here.' },
    });
  });
});
