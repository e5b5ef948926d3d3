// One web host, two callers over real WebSockets on a real core (demo workspace on a sandbox):
// each hears only what it may see, and a command outside a caller's grants changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerWithGrants, everyPermission } from '../../src/main/core/rpc/caller';
import { serve, type RpcRequest, type ServerConnection, type ServerTransport } from '../../src/main/core/rpc/serve';
import { startWebHost, type RunningWebHost } from '../../src/main/web/host';
import type { EventName, EventPayload } from '../../src/shared/contract';
import type { Column } from '../../src/shared/domain';
import type { BridgeMessage } from '../../src/shared/rpc';
import { accountId, startColumnsRig, type ColumnsRig } from '../helpers/columns-rig';
import { rendererDir } from '../helpers/renderer-dir';
import { eventually } from '../helpers/sandbox';
import { silentLogger } from '../helpers/temp';
import { openWebClient, type WebClient } from '../helpers/web-client';

let rig: ColumnsRig;
let renderer: ReturnType<typeof rendererDir>;
let host: RunningWebHost;
let acme: string;
let nimbus: string;
/** Every permission on both handles. */
let lead: WebClient;
/** "view" and "reply" on @AcmeAir only. */
let agent: WebClient;

beforeAll(async () => {
  rig = await startColumnsRig();
  acme = await accountId(rig, 'AcmeAir');
  nimbus = await accountId(rig, 'NimbusMobile');
  const callers = new Map([
    ['lead-credential', callerWithGrants('lead', new Map([[acme, everyPermission], [nimbus, everyPermission]]))],
    ['agent-credential', callerWithGrants('agent', new Map([[acme, new Set(['view', 'reply'] as const)]]))],
  ]);
  renderer = rendererDir();
  host = await startWebHost({ core: rig.core, rendererDir: renderer.path, logger: silentLogger, port: 0, resolveCaller: (credential) => callers.get(credential) ?? null });
  const page = (credential: string) => `http://127.0.0.1:${host.port}/?token=${credential}`;
  lead = await openWebClient(page('lead-credential'));
  agent = await openWebClient(page('agent-credential'));
}, 30_000);

afterAll(async () => {
  lead?.close();
  agent?.close();
  await host?.close();
  await rig?.close();
  renderer?.remove();
});

/** The payloads of every `name` event the client received (the frames are as the host sent them). */
function eventsOf<E extends EventName>(client: WebClient, name: E): EventPayload<E>[] {
  const messages = client.frames.map((frame) => JSON.parse(frame) as BridgeMessage);
  return messages.flatMap((message) => ('event' in message && message.event === name ? [message.payload as EventPayload<E>] : []));
}

function value<T>(envelope: { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }): T {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
}

describe('two callers on one web host', () => {
  it('each hears only the events of the handles it may view, lists cut to those', async () => {
    const acmeColumn = (await rig.call<Column[]>('listColumns')).find((c) => c.accountId === acme)!;
    const nimbusColumn = value<Column>(await lead.call('createColumn', { kind: 'search', accountId: nimbus, query: 'NimbusMobile' }));

    await rig.admin.createPost({ author: 'maria_flies', text: '@NimbusMobile my phone will not charge' });
    await rig.admin.createPost({ author: 'maria_flies', text: '@AcmeAir where is my bag?' });
    const postsFor = (client: WebClient, columnId: string) =>
      eventsOf(client, 'columnPosts').filter((e) => e.columnId === columnId).flatMap((e) => e.posts);
    await eventually(() => postsFor(lead, nimbusColumn.id).length > 0 && postsFor(agent, acmeColumn.id).length > 0, 10_000, 'posts in both columns');
    await eventually(() => eventsOf(agent, 'unreadCounts').length > 0, 10_000, 'unread counts for the agent');

    // The lead sees both handles' columns; the agent never a frame about @NimbusMobile's column.
    expect(eventsOf(lead, 'columnsChanged').some((list) => list.some((c) => c.id === nimbusColumn.id))).toBe(true);
    expect(agent.frames.some((frame) => frame.includes(nimbusColumn.id))).toBe(false);
    expect(agent.frames.some((frame) => frame.includes('my phone will not charge'))).toBe(false);
    for (const list of eventsOf(agent, 'columnsChanged')) expect(list.map((c) => c.accountId)).toEqual(list.map(() => acme));
    for (const counts of eventsOf(agent, 'unreadCounts')) expect(counts.every((count) => count.columnId !== nimbusColumn.id)).toBe(true);
    expect(eventsOf(lead, 'unreadCounts').some((counts) => counts.some((count) => count.columnId === nimbusColumn.id))).toBe(true);
  });

  it('answers a command outside the caller\'s grants with "forbidden", and nothing reaches X', async () => {
    const posts = await rig.admin.postsBy('maria_flies');
    const toNimbus = posts.find((p) => p.text.startsWith('@NimbusMobile'))!;
    const toAcme = posts.find((p) => p.text.startsWith('@AcmeAir'))!;
    const answer = await agent.call('replyToPost', { accountId: nimbus, inReplyToPostId: toNimbus.id, text: 'Sorry to hear that!' });
    expect(answer).toEqual({ ok: false, error: { code: 'forbidden', message: 'You do not have the "reply" permission on this brand handle, which replyToPost needs' } });
    expect(await rig.admin.postsBy('NimbusMobile')).toEqual([]);
    expect((await rig.admin.requests()).some((request) => request.method === 'POST' && request.path === '/2/tweets')).toBe(false);
    // Within its grants the same caller may reply (as @AcmeAir).
    expect(await agent.call('replyToPost', { accountId: acme, inReplyToPostId: toAcme.id, text: 'We are on it!' })).toEqual({ ok: true, value: expect.anything() });
    expect((await rig.admin.postsBy('AcmeAir')).map((p) => p.text)).toContain('We are on it!');
  });

  it('cuts accountsChanged to the handles the caller may view', async () => {
    // Removing @NimbusMobile (keeping its data) announces the handles; the agent hears only @AcmeAir.
    expect(await lead.call('removeAccount', { accountId: nimbus, data: 'keep' })).toMatchObject({ ok: true });
    await eventually(() => eventsOf(lead, 'accountsChanged').length > 0 && eventsOf(agent, 'accountsChanged').length > 0, 5_000, 'accountsChanged');
    expect(eventsOf(lead, 'accountsChanged').at(-1)!.map((a) => a.id).sort()).toEqual([acme, nimbus].sort());
    for (const accounts of eventsOf(agent, 'accountsChanged')) expect(accounts.map((a) => a.id)).toEqual([acme]);
  });
});

describe('serve()', () => {
  it('refuses a connection whose caller resolves to null, and never dispatches its requests', async () => {
    const closed: string[] = [];
    let requestHandlers = 0;
    let connect: (connection: ServerConnection<string>) => void = () => {};
    const transport: ServerTransport<string> = { onConnection: (handler) => (connect = handler) };
    const serving = serve(rig.core, transport, (credential) => (credential === 'known' ? callerWithGrants('known', new Map()) : null));
    const connection = (context: string): ServerConnection<string> => ({
      context,
      onRequest: (_handler: (request: RpcRequest) => void) => void requestHandlers++,
      respond: () => {},
      sendEvent: () => {},
      onClose: () => {},
      close: (reason) => void closed.push(`${context}: ${reason}`),
    });
    connect(connection('stranger'));
    expect(closed).toEqual(['stranger: Not authorised']);
    expect(requestHandlers).toBe(0);
    expect(serving.size).toBe(0);
    connect(connection('known'));
    expect(serving.size).toBe(1);
    serving.stop();
  });
});
