// Deckhand's core (demo workspace, real SQLite, real HTTP) doing its normal work against the
// sandbox: every request it makes must match a spec operation and its parameters (audited
// through /_sandbox/requests), and every answer it gets must match the spec's schema.
import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxExchange } from '../../src/sandbox/context';
import type { DmConversation, PostView } from '../../src/shared/domain';
import { accountId, createColumn, startColumnsRig, type ColumnsRig } from '../helpers/columns-rig';
import { eventually, type SandboxRequest } from '../helpers/sandbox';
import { auditRequests, checkExchanges } from '../helpers/spec-validator';

const rigs: ColumnsRig[] = [];
afterEach(async () => {
  for (const rig of rigs.splice(0)) await rig.close();
});

async function start(stream: boolean) {
  const exchanges: SandboxExchange[] = [];
  const lines: string[] = [];
  const observer = { exchange: (e: SandboxExchange) => exchanges.push(e), streamLine: (l: string) => lines.push(l) };
  const rig = await startColumnsRig({ sandbox: { stream, keepAliveMs: 500, observer }, pollIntervalMs: 100 });
  rigs.push(rig);
  return { rig, admin: rig.admin, exchanges, lines };
}

const columnPosts = (rig: ColumnsRig, columnId: string) => rig.call<PostView[]>('listColumnPosts', { columnId, limit: 200 });

describe.each([
  { stream: true, source: 'with the filtered stream' },
  { stream: false, source: 'polling, without the filtered stream' },
])("Deckhand's core $source", ({ stream }) => {
  it('makes only requests the spec declares, with declared parameters, and gets only answers it allows', async () => {
    const { rig, admin, exchanges, lines } = await start(stream);
    const { sandbox } = rig;
    const acmeId = await accountId(rig, 'AcmeAir');

    // What customers wrote before the columns opened: the first polls must find it.
    const mention = await admin.createPost({ author: 'jane_doe', text: '@AcmeAir my bag LIS12345 is lost &amp; nobody answers 😡 https://acmeair.example/claims' });
    await admin.createPost({ author: 'jane_doe', text: 'Reading about #lostbag rules', lang: 'en' });
    await fetch(`${sandbox.url}/_sandbox/dms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: 'jane_doe', to: 'AcmeAir', text: 'My ref is LIS12345' }) });

    const search = await createColumn(rig, { kind: 'search', accountId: acmeId, query: 'lostbag OR refund' });
    const mentions = await createColumn(rig, { kind: 'mentions', accountId: acmeId });
    const profile = await createColumn(rig, { kind: 'user', accountId: acmeId, username: 'jane_doe' });
    const dms = await createColumn(rig, { kind: 'dms', accountId: acmeId });
    await eventually(async () => (await columnPosts(rig, mentions.id)).some((post) => post.id === mention.id), 8_000, 'the mention');
    await eventually(async () => (await columnPosts(rig, profile.id)).length >= 2, 8_000, "jane_doe's posts");
    await eventually(async () => (await rig.call<DmConversation[]>('listDmConversations', { columnId: dms.id })).length === 1, 8_000, 'the DM conversation');

    const live = await admin.createPost({ author: 'sam_k', text: 'I want a refund for AA1234' });
    await eventually(async () => (await columnPosts(rig, search.id)).some((post) => post.id === live.id), 8_000, 'the live post');
    await rig.call('replyToPost', { accountId: acmeId, inReplyToPostId: mention.id, text: '@jane_doe Sorry Jane, we are tracing LIS12345 now.' });
    await rig.call('getXAppCapabilities');
    await rig.call('removeColumn', { columnId: search.id });

    const requests = ((await (await fetch(`${sandbox.url}/_sandbox/requests`)).json()) as { requests: SandboxRequest[] }).requests;
    expect(requests.length).toBeGreaterThan(5);
    expect(auditRequests(requests)).toEqual([]);
    const used = new Set(requests.map((request) => `${request.method} ${request.path.replace(/\d{5,}/g, ':id')}`));
    const fed = stream ? ['GET /2/tweets/search/stream', 'POST /2/tweets/search/stream/rules'] : ['GET /2/tweets/search/recent'];
    expect([...used]).toEqual(expect.arrayContaining(['GET /2/users/me', 'GET /2/dm_events', 'POST /2/tweets', 'GET /2/usage/tweets', ...fed]));

    // The core keeps polling meanwhile: check what had been answered up to now.
    const answered = exchanges.slice();
    const streamed = lines.slice();
    const report = checkExchanges(answered, streamed);
    expect(report.failures).toEqual([]);
    expect(report.checked).toBe(answered.filter((exchange) => exchange.body).length + streamed.length);
  });
});
