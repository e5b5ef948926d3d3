// Direct messages: the admin API, the inbox and conversation reads (fields, expansions, paging),
// sending one-to-one and group messages through twitter-api-v2, X's refusals, and customer DMs
// in the synthetic traffic.
import { type ApiResponseError } from 'twitter-api-v2';
import { describe, expect, it } from 'vitest';
import { createXClientFactory } from '../../src/main/core/x/client';
import { rig, type Rig } from './support';

interface DmEvents {
  data?: { id: string; event_type: string; text?: string; [field: string]: unknown }[];
  includes?: { users?: { id: string; username: string }[] };
  meta: { result_count: number; next_token?: string };
}

interface AdminDm {
  id: string;
  dm_conversation_id: string;
  from: string;
  participants: string[];
  text: string;
}

const sendDm = async (made: Rig, body: Record<string, unknown>) => {
  const response = await fetch(`${made.sandbox.url}/_sandbox/dms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as { id: string; dm_conversation_id: string; error?: string } };
};
const adminDms = async (made: Rig, participant: string) =>
  ((await (await fetch(`${made.sandbox.url}/_sandbox/dms?participant=${participant}`)).json()) as { dms: AdminDm[] }).dms;
const idOf = async (made: Rig, username: string) => (await made.get<{ data: { id: string } }>(`/2/users/by/username/${username}`)).body.data.id;

describe('DMs through the admin API', () => {
  it('sends a one-to-one message whose conversation id is the smaller user id, a dash, the larger', async () => {
    const made = await rig();
    const sent = await sendDm(made, { from: 'jane_doe', to: '@AcmeAir', text: 'My booking ref is QX1234' });
    expect(sent.status).toBe(201);
    const ids = [await idOf(made, 'jane_doe'), await idOf(made, 'AcmeAir')].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    expect(sent.body).toEqual({ id: expect.stringMatching(/^\d+$/), dm_conversation_id: `${ids[0]}-${ids[1]}` });
    const reply = await sendDm(made, { from: 'AcmeAir', to: 'jane_doe', text: 'Thanks Jane, looking now' });
    expect(reply.body.dm_conversation_id).toBe(sent.body.dm_conversation_id);
    expect((await adminDms(made, 'jane_doe')).map((dm) => [dm.from, dm.text])).toEqual([
      ['jane_doe', 'My booking ref is QX1234'],
      ['AcmeAir', 'Thanks Jane, looking now'],
    ]);
    expect(await adminDms(made, 'nobody_at_all')).toEqual([]);
  });

  it('refuses incomplete or self-addressed messages with a clear error', async () => {
    const made = await rig();
    expect(await sendDm(made, { from: 'jane', to: 'AcmeAir' })).toEqual({ status: 400, body: { error: 'text is required' } });
    expect(await sendDm(made, { from: 'AcmeAir', to: 'acmeair', text: 'hi' })).toEqual({ status: 400, body: { error: 'from and to must be different accounts' } });
    expect((await fetch(`${made.sandbox.url}/_sandbox/dms`)).status).toBe(400);
  });
});

describe('reading DM events', () => {
  it('answers the inbox newest first with the fields and expansions asked for, X-escaped, with entities', async () => {
    const made = await rig();
    await sendDm(made, { from: 'jane_doe', to: 'AcmeAir', text: 'first' });
    await sendDm(made, { from: 'sam', to: 'AcmeAir', text: 'Bags & seats <urgent> see https://example.com/claim/123 #lostbag' });
    const inbox = await made.get<DmEvents>('/2/dm_events?dm_event.fields=created_at,dm_conversation_id,sender_id,entities&expansions=sender_id&user.fields=verified', made.acme);
    expect(inbox.status).toBe(200);
    expect(inbox.body.meta).toEqual({ result_count: 2 });
    const [newest, oldest] = inbox.body.data!;
    expect(oldest).toMatchObject({ event_type: 'MessageCreate', text: 'first' });
    expect(newest).toMatchObject({
      event_type: 'MessageCreate',
      text: expect.stringMatching(/^Bags &amp; seats &lt;urgent&gt; see https:\/\/t\.co\/\w{10} #lostbag$/),
      sender_id: await idOf(made, 'sam'),
      created_at: expect.stringMatching(/Z$/),
      entities: { urls: [expect.objectContaining({ expanded_url: 'https://example.com/claim/123', display_url: 'example.com/claim/123' })], hashtags: [expect.objectContaining({ tag: 'lostbag' })] },
    });
    expect(inbox.body.includes!.users!.map((user) => user.username).sort()).toEqual(['jane_doe', 'sam']);
    const bare = await made.get<DmEvents>('/2/dm_events', made.acme);
    expect(Object.keys(bare.body.data![0]!).sort()).toEqual(['event_type', 'id', 'text']);
  });

  it('pages with pagination_token through every event once, and reads one conversation by participant or id', async () => {
    const made = await rig();
    for (let n = 1; n <= 7; n++) await sendDm(made, { from: n % 2 ? 'jane_doe' : 'sam', to: 'AcmeAir', text: `message ${n}` });
    const client = createXClientFactory(made.sandbox.url).withToken(made.acme);
    const paginator = await client.v2.listDmEvents({ max_results: 3 });
    await paginator.fetchLast(10);
    expect(paginator.events.map((event) => (event as { text: string }).text)).toEqual([7, 6, 5, 4, 3, 2, 1].map((n) => `message ${n}`));
    const page = await made.get<DmEvents>('/2/dm_events?max_results=3', made.acme);
    expect(page.body.meta.next_token!.length).toBeGreaterThanOrEqual(16);

    const jane = await idOf(made, 'jane_doe');
    const withJane = await client.v2.listDmEventsWithParticipant(jane, { 'dm_event.fields': ['dm_conversation_id'] });
    expect(withJane.events.map((event) => (event as { text: string }).text)).toEqual(['message 7', 'message 5', 'message 3', 'message 1']);
    const conversationId = withJane.events[0]!.dm_conversation_id!;
    const byId = await client.v2.listDmEventsOfConversation(conversationId);
    expect(byId.events.length).toBe(4);
    const nimbus = (await made.admin.userToken('NimbusMobile')).access_token;
    expect((await made.get<DmEvents>(`/2/dm_conversations/${conversationId}/dm_events`, nimbus)).body).toEqual({ meta: { result_count: 0 } });
    expect((await made.get('/2/dm_events?pagination_token=not-a-token-of-ours', made.acme)).status).toBe(400);
  });
});

describe('sending DMs', () => {
  it('sends one-to-one and group messages through twitter-api-v2, seen by every participant', async () => {
    const made = await rig();
    const client = createXClientFactory(made.sandbox.url).withToken(made.acme);
    const jane = (await made.admin.createUser({ username: 'jane_doe' })).id;
    const sam = (await made.admin.createUser({ username: 'sam' })).id;
    const direct = (await client.v2.sendDmToParticipant(jane, { text: 'Hi Jane, your bag is on its way' })) as unknown as { data: { dm_conversation_id: string; dm_event_id: string } };
    expect(direct.data.dm_conversation_id.split('-').sort()).toEqual([jane, await idOf(made, 'AcmeAir')].sort());
    await client.v2.sendDmInConversation(direct.data.dm_conversation_id, { text: 'Tracking: LIS12345' });
    const janeToken = (await made.admin.userToken('jane_doe')).access_token;
    const janeInbox = await made.get<DmEvents>('/2/dm_events', janeToken);
    expect(janeInbox.body.data!.map((event) => event.text)).toEqual(['Tracking: LIS12345', 'Hi Jane, your bag is on its way']);

    const group = (await client.v2.createDmConversation({ conversation_type: 'Group', participant_ids: [jane, sam], message: { text: 'Welcome both' } })) as unknown as {
      data: { dm_conversation_id: string; dm_event_id: string };
    };
    expect(group.data.dm_conversation_id).toMatch(/^\d{15,19}$/);
    const samToken = (await made.admin.userToken('sam')).access_token;
    const events = await made.get<DmEvents>(`/2/dm_conversations/${group.data.dm_conversation_id}/dm_events?dm_event.fields=participant_ids,sender_id&expansions=participant_ids`, samToken);
    expect(events.body.data!.map((event) => event.event_type)).toEqual(['MessageCreate', 'ParticipantsJoin']);
    expect(events.body.data![1]!.participant_ids).toEqual(expect.arrayContaining([jane, sam]));
    expect(events.body.includes!.users!.map((user) => user.username).sort()).toEqual(['AcmeAir', 'jane_doe', 'sam']);
    const joins = await made.get<DmEvents>(`/2/dm_events?event_types=ParticipantsJoin`, samToken);
    expect(joins.body.data!.map((event) => event.event_type)).toEqual(['ParticipantsJoin']);
  });

  it('refuses what X refuses: yourself, unknown people, empty text, media, missing scope, app tokens', async () => {
    const made = await rig();
    const acme = await idOf(made, 'AcmeAir');
    const jane = (await made.admin.createUser({ username: 'jane_doe' })).id;
    const send = (to: string, body: unknown, token = made.acme) => made.send<Record<string, unknown>>('POST', `/2/dm_conversations/with/${to}/messages`, body, token);
    expect((await send(acme, { text: 'me?' })).body).toMatchObject({ status: 403, detail: 'You cannot send a Direct Message to yourself.' });
    expect((await send('123', { text: 'hello?' })).body).toMatchObject({ type: 'https://api.twitter.com/2/problems/invalid-request', errors: [{ message: 'Could not find user with participant_id: [123].' }] });
    expect((await send(jane, { text: '   ' })).status).toBe(400);
    expect((await send(jane, { text: 'pic', attachments: [{ media_id: '1' }] })).status).toBe(400);
    const readOnly = (await made.admin.userToken('AcmeAir', ['tweet.read', 'users.read', 'dm.read'])).access_token;
    expect((await send(jane, { text: 'hi' }, readOnly)).body).toMatchObject({ status: 403, detail: 'Missing OAuth 2.0 scopes: [dm.write]. Reauthorize the app with them.' });
    expect((await send(jane, { text: 'hi' }, made.app)).body).toMatchObject({ type: 'https://api.twitter.com/2/problems/unsupported-authentication' });
    const group = await made.send('POST', '/2/dm_conversations', { conversation_type: 'Group', participant_ids: [jane], message: { text: 'x' } }, made.acme);
    expect(group.status).toBe(400);
    const client = createXClientFactory(made.sandbox.url).withToken(made.acme);
    const stranger = await client.v2.sendDmInConversation('1234567890123456', { text: 'hi' }).catch((error: unknown) => error);
    expect((stranger as ApiResponseError).code).toBe(403);
  });

  it('limits reads to 15 per user per 15 minutes, as X does', async () => {
    const made = await rig();
    const statuses: number[] = [];
    for (let n = 0; n < 16; n++) statuses.push((await made.get('/2/dm_events', made.acme)).status);
    expect(statuses.filter((status) => status === 200).length).toBe(15);
    expect(statuses[15]).toBe(429);
  });
});

describe('customer DMs in the synthetic traffic', () => {
  const brandDms = async (seed: number) => {
    const made = await rig({ seed });
    await made.admin.traffic({ rate: 0, seed, count: 4_000 });
    const status = async () => (await (await fetch(`${made.sandbox.url}/_sandbox/traffic`)).json()) as { emitted: number };
    while ((await status()).emitted < 4_000) await new Promise((resolve) => setTimeout(resolve, 20));
    const dms = [...(await adminDms(made, 'AcmeAir')), ...(await adminDms(made, 'NimbusMobile'))];
    return dms.map((dm) => `${dm.from} → ${dm.participants.join(',')}: ${dm.text}`);
  };

  it('adds a small, seed-deterministic share of DMs from customers to the brands', async () => {
    const first = await brandDms(7);
    expect(first.length).toBeGreaterThan(20);
    expect(first.length).toBeLessThan(200);
    expect(await brandDms(7)).toEqual(first);
    expect(await brandDms(8)).not.toEqual(first);
    expect(first.every((line) => !line.startsWith('AcmeAir') && !line.startsWith('NimbusMobile'))).toBe(true);
  });
});
