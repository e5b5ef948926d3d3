// Columns published as feeds, end to end: a real core (demo workspace, real SQLite file) fed by the
// sandbox over real HTTP, its feed server on 127.0.0.1, and a real feed parser (rss-parser) reading
// the Atom URL. The JSON Feed is checked against JSON Feed 1.1; wrong and revoked secrets get 404.
import { createHash } from 'node:crypto';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/core';
import { MemoryPreferenceStore, MemorySecretStore } from '../../src/main/core/ports';
import { callerWithGrants, SOLO_AGENT, type Caller } from '../../src/main/core/rpc/caller';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index';
import { postUrl, type Column, type Permission, type PostView } from '../../src/shared/domain';
import type { Envelope } from '../../src/shared/errors';
import { eventually, sandboxAdmin } from '../helpers/sandbox';
import { silentLogger, tempDir } from '../helpers/temp';

let sandbox: RunningSandbox;
let core: Core;
const dataDir = tempDir();
// Kept across the restart below: the feeds and the port they were served on live here.
const preferences = new MemoryPreferenceStore();
let acme: string;
let column: Column;
/** The column's posts made for this test, newest first. */
let newestFirst: string[];

const open = async (): Promise<Core> => {
  const opened = createCore({ dataDir: dataDir.path, secrets: new MemorySecretStore(), preferences, logger: silentLogger, xApiBase: sandbox.url, demo: { sandboxUrl: sandbox.url }, pollIntervalMs: 200 });
  await opened.start();
  return opened;
};

async function call<T>(method: string, input: unknown, caller: Caller = SOLO_AGENT): Promise<T> {
  const envelope: Envelope<unknown> = await core.dispatch(method, input, caller);
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
}

const publish = (caller: Caller = SOLO_AGENT) => call<{ atomUrl: string; jsonUrl: string }>('publishColumnFeed', { columnId: column.id }, caller);
const secretOf = (url: string) => /\/feeds\/([^/.]+)\.atom$/.exec(url)?.[1] ?? '';

beforeAll(async () => {
  sandbox = await startSandbox({ rate: 0 });
  core = await open();
  const accounts = await call<{ id: string; username: string }[]>('listAccounts', {});
  acme = accounts.find((account) => account.username === 'AcmeAir')!.id;
  column = await call<Column>('createColumn', { kind: 'search', accountId: acme, query: 'feedjet', title: 'Feedjet & friends' });
  const admin = sandboxAdmin(sandbox.url);
  await admin.createUser({ username: 'feed_reader_fan', name: 'Fern <Fan>' });
  const ids: string[] = [];
  for (let index = 0; index < 55; index++) ids.push((await admin.createPost({ author: 'feed_reader_fan', text: `feedjet delay report ${index} <b>not bold</b> & more` })).id);
  newestFirst = ids.reverse();
  await eventually(async () => (await call<PostView[]>('listColumnPosts', { columnId: column.id, limit: 100 })).length === 55, 15_000, 'the column holds the 55 posts');
}, 40_000);

afterAll(async () => {
  await core?.close();
  await sandbox?.close();
  dataDir.remove();
});

describe('a column published as a feed', () => {
  it('is read by a real feed parser over HTTP: the column’s 50 newest posts, newest first, text kept as text', async () => {
    const { atomUrl } = await publish();
    expect(atomUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/feeds\/[A-Za-z0-9_-]{43}\.atom$/);
    const feed = await new Parser().parseURL(atomUrl);
    expect(feed.title).toBe('Feedjet & friends');
    expect(feed.items).toHaveLength(50);
    expect(feed.items.map((item) => item.link)).toEqual(newestFirst.slice(0, 50).map((id) => postUrl('feed_reader_fan', id)));
    const [newest] = feed.items;
    // Atom's entry title is HTML: the post's markup-like text arrives escaped, shown as text.
    expect(newest!.title).toBe('feedjet delay report 54 &lt;b&gt;not bold&lt;/b&gt; &amp; more');
    expect(newest!.contentSnippet).toBe('feedjet delay report 54 <b>not bold</b> & more');
    expect(newest!['author']).toBe('Fern <Fan> (@feed_reader_fan)');
    expect(Date.parse(newest!.isoDate ?? '')).toBeGreaterThan(Date.parse(feed.items[49]!.isoDate ?? '') - 1);
  });

  it('is also a JSON Feed 1.1 with the same posts', async () => {
    const { jsonUrl } = await publish();
    const response = await fetch(jsonUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
    const document = (await response.json()) as { version: string; title: string; feed_url: string; items: { id: string; url: string; content_text: string; date_published: string; authors: { name: string }[] }[] };
    expect(document).toMatchObject({ version: 'https://jsonfeed.org/version/1.1', title: 'Feedjet & friends', feed_url: jsonUrl });
    expect(document.items.map((item) => item.id)).toEqual(newestFirst.slice(0, 50));
    expect(document.items[0]).toMatchObject({
      url: postUrl('feed_reader_fan', newestFirst[0]!),
      content_text: 'feedjet delay report 54 <b>not bold</b> & more',
      authors: [{ name: 'Fern <Fan> (@feed_reader_fan)' }],
    });
    expect(Number.isNaN(Date.parse(document.items[0]!.date_published))).toBe(false);
  });

  it('answers 404 with no detail to a wrong secret, another path or another method', async () => {
    const { atomUrl } = await publish();
    const secret = secretOf(atomUrl);
    const wrong = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    const origin = new URL(atomUrl).origin;
    for (const url of [atomUrl.replace(secret, wrong), `${origin}/feeds/${wrong}.json`, `${origin}/feeds/short.atom`, `${origin}/`, `${origin}/feeds/${secret}.rss`]) {
      const response = await fetch(url);
      expect(response.status, url).toBe(404);
      expect(await response.text()).toBe('Not found');
    }
    expect((await fetch(atomUrl, { method: 'POST' })).status).toBe(404);
    expect((await fetch(atomUrl)).status).toBe(200);
  });

  it('keeps only a hash of the secret, and publishing again stops the old URL', async () => {
    const first = await publish();
    const second = await publish();
    const kept = JSON.stringify(preferences.get('demo.feeds.published'));
    expect(kept).not.toContain(secretOf(second.atomUrl));
    expect(kept).toContain(createHash('sha256').update(secretOf(second.atomUrl)).digest('hex'));
    expect((await fetch(first.atomUrl)).status).toBe(404);
    expect((await fetch(second.atomUrl)).status).toBe(200);
  });

  it('stops when revoked: both URLs answer 404', async () => {
    const { atomUrl, jsonUrl } = await publish();
    expect((await fetch(jsonUrl)).status).toBe(200);
    await call('revokeColumnFeed', { columnId: column.id });
    expect((await fetch(atomUrl)).status).toBe(404);
    expect((await fetch(jsonUrl)).status).toBe(404);
  });

  it('may be published and revoked only by a caller who may view the column', async () => {
    const elsewhere = callerWithGrants('viewer-of-another-handle', new Map([['999', new Set<Permission>(['view'])]]));
    const refused = await core.dispatch('publishColumnFeed', { columnId: column.id }, elsewhere);
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const { atomUrl } = await publish(callerWithGrants('viewer', new Map([[acme, new Set<Permission>(['view'])]])));
    expect(await core.dispatch('revokeColumnFeed', { columnId: column.id }, elsewhere)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await fetch(atomUrl)).status).toBe(200);
  });

  it('is refused for a column that lists no posts', async () => {
    const dms = await call<Column>('createColumn', { kind: 'dms', accountId: acme });
    expect(await core.dispatch('publishColumnFeed', { columnId: dms.id }, SOLO_AGENT)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await call('removeColumn', { columnId: dms.id });
  });

  it('outlives a restart at the same URL, closes with the core, and ends with its column', async () => {
    const { atomUrl } = await publish();
    await core.close();
    await expect(fetch(atomUrl)).rejects.toThrow();
    core = await open();
    expect((await fetch(atomUrl)).status).toBe(200);
    await call('removeColumn', { columnId: column.id });
    expect((await fetch(atomUrl)).status).toBe(404);
  });
});
