// The core against a running sandbox over real HTTP, with a real SQLite file.
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/core';
import { SOLO_AGENT } from '../../src/main/core/rpc/caller';
import { MemoryPreferenceStore, MemorySecretStore } from '../../src/main/core/ports';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index';
import type { Column, PostView } from '../../src/shared/domain';
import type { Envelope } from '../../src/shared/errors';
import { eventually, sandboxAdmin } from '../helpers/sandbox';
import { silentLogger, tempDir } from '../helpers/temp';

interface Rig {
  sandbox: RunningSandbox;
  core: Core;
  dataDir: ReturnType<typeof tempDir>;
  admin: ReturnType<typeof sandboxAdmin>;
  received: Map<string, PostView[]>;
}

const rigs: Rig[] = [];
afterEach(async () => {
  for (const rig of rigs.splice(0)) {
    await rig.core.close();
    await rig.sandbox.close();
    rig.dataDir.remove();
  }
});

async function startCore(sandbox: RunningSandbox, dataDir: ReturnType<typeof tempDir>): Promise<{ core: Core; received: Map<string, PostView[]> }> {
  const core = createCore({
    dataDir: dataDir.path,
    secrets: new MemorySecretStore(),
    preferences: new MemoryPreferenceStore(),
    logger: silentLogger,
    xApiBase: sandbox.url,
    demo: { sandboxUrl: sandbox.url },
    pollIntervalMs: 100,
  });
  const received = new Map<string, PostView[]>();
  core.events.subscribe((event, payload) => {
    if (event !== 'columnPosts') return;
    const { columnId, posts } = payload as { columnId: string; posts: PostView[] };
    received.set(columnId, [...(received.get(columnId) ?? []), ...posts]);
  });
  await core.start();
  return { core, received };
}

async function rig(options: { stream: boolean }): Promise<Rig> {
  const sandbox = await startSandbox({ stream: options.stream, keepAliveMs: 1_000 });
  const dataDir = tempDir();
  const { core, received } = await startCore(sandbox, dataDir);
  const made: Rig = { sandbox, core, dataDir, admin: sandboxAdmin(sandbox.url), received };
  rigs.push(made);
  return made;
}

function value<T>(envelope: Envelope<unknown>): T {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
}

const call = async <T>(core: Core, method: string, input: unknown = {}) => value<T>(await core.dispatch(method, input, SOLO_AGENT));

async function acmeAir(core: Core): Promise<string> {
  const accounts = await call<{ id: string; username: string }[]>(core, 'listAccounts');
  return accounts.find((a) => a.username === 'AcmeAir')!.id;
}

async function columnPosts(core: Core, columnId: string): Promise<PostView[]> {
  return call<PostView[]>(core, 'listColumnPosts', { columnId, limit: 500 });
}

describe.each([
  { stream: true, source: 'the filtered stream' },
  { stream: false, source: 'polling recent search' },
])('a search column fed by $source', ({ stream }) => {
  it('files a matching injected post once, skips others, and tells the renderer', async () => {
    const { core, admin, received } = await rig({ stream });
    const accountId = await acmeAir(core);
    const column = await call<Column>(core, 'createColumn', { kind: 'search', accountId, query: 'lostbag' });
    await eventually(async () => (await call<{ columnId: string; state: string }[]>(core, 'listColumnStatuses')).find((s) => s.columnId === column.id && (s.state === 'streaming' || s.state === 'polling')), 5_000, 'the column to go live');

    const { id } = await admin.createPost({ author: 'jane_traveller', text: '@AcmeAir my #lostbag never arrived &amp; nobody answers 😡' });
    await admin.createPost({ author: 'bob', text: 'unrelated post about weather' });

    const posts = await eventually(async () => {
      const list = await columnPosts(core, column.id);
      return list.length > 0 ? list : undefined;
    }, 5_000, 'the post in the column');
    expect(posts.map((p) => p.id)).toEqual([id]);
    expect(posts[0]!.author.username).toBe('jane_traveller');
    expect(posts[0]!.entities.hashtags.map((h) => h.tag)).toEqual(['lostbag']);
    await eventually(() => received.get(column.id)?.some((p) => p.id === id), 2_000, 'the columnPosts event');
  });

  it('sends a reply as the brand with in_reply_to_tweet_id', async () => {
    const { core, admin } = await rig({ stream });
    const accountId = await acmeAir(core);
    const { id } = await admin.createPost({ author: 'sam', text: '@AcmeAir where is flight AA1234?' });
    const reply = await call<{ id: string }>(core, 'replyToPost', { accountId, inReplyToPostId: id, text: '@sam It lands at 14:05, gate B12.' });
    const brandPosts = await admin.postsBy('AcmeAir');
    expect(brandPosts.find((p) => p.id === reply.id)).toMatchObject({ in_reply_to_post_id: id, text: '@sam It lands at 14:05, gate B12.' });
    const posted = (await admin.requests()).find((r) => r.method === 'POST' && r.path === '/2/tweets');
    expect(posted).toMatchObject({ token_kind: 'user', status: 201 });
  });
});

describe('the core and the sandbox', () => {
  it('uses the stream with one rule per column, tagged by the column, and removes it with the column', async () => {
    const { core, sandbox } = await rig({ stream: true });
    const accountId = await acmeAir(core);
    const column = await call<Column>(core, 'createColumn', { kind: 'search', accountId, query: 'refund' });
    const rules = async () => {
      const response = await fetch(`${sandbox.url}/2/tweets/search/stream/rules`, { headers: { authorization: `Bearer ${await appToken(sandbox)}` } });
      return ((await response.json()) as { data?: { value: string; tag: string }[] }).data ?? [];
    };
    expect(await rules()).toEqual(expect.arrayContaining([expect.objectContaining({ value: 'refund', tag: `deckhand:${column.id}` })]));
    await call(core, 'removeColumn', { columnId: column.id });
    expect((await rules()).some((r) => r.tag === `deckhand:${column.id}`)).toBe(false);
  });

  it('fills the gap after a restart: posts made while the app was closed arrive, none twice', async () => {
    const first = await rig({ stream: true });
    const accountId = await acmeAir(first.core);
    const column = await call<Column>(first.core, 'createColumn', { kind: 'search', accountId, query: 'seatmap' });
    const before = await first.admin.createPost({ author: 'ann', text: 'the seatmap is broken' });
    await eventually(async () => (await columnPosts(first.core, column.id)).length === 1, 5_000, 'the first post');
    await first.core.close();

    const during = await first.admin.createPost({ author: 'ann', text: 'still no seatmap, hello?' });
    const { core } = await startCore(first.sandbox, first.dataDir);
    first.core = core;
    const after = await first.admin.createPost({ author: 'ben', text: 'seatmap works for me' });
    const ids = await eventually(async () => {
      const list = (await columnPosts(core, column.id)).map((p) => p.id);
      return list.length >= 3 ? list : undefined;
    }, 5_000, 'all three posts');
    expect(ids).toEqual([after.id, during.id, before.id]);
  });

  it('refuses a reply from an account that is not connected, with a clear error', async () => {
    const { core } = await rig({ stream: true });
    const answer = await core.dispatch('replyToPost', { accountId: '123', inReplyToPostId: '456', text: 'hi' }, SOLO_AGENT);
    expect(answer).toEqual({ ok: false, error: { code: 'not_found', message: 'That account is not connected to this workspace' } });
  });
});

async function appToken(sandbox: RunningSandbox): Promise<string> {
  const response = await fetch(`${sandbox.url}/_sandbox/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ app: true }) });
  return ((await response.json()) as { access_token: string }).access_token;
}
