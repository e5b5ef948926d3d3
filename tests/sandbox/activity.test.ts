// The X Activity API: subscriptions per user and event type (dm.received, dm.sent,
// post.mention.create), the stream delivering what happens in the sandbox (admin DMs, DMs sent
// through the API, the traffic generator's DMs and mentions), every line checked against the spec
// (activity-schema.ts), the stream faults, and the tiers.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/shared/clock';
import { validateResponse } from '../helpers/spec-validator';
import { activityLineProblems } from './activity-schema';
import { openStream, rig, tick, type RawStream, type Rig } from './support';

const ACTIVITY = '/2/activity/stream';

interface ActivityEvent {
  data: {
    event_type: string;
    event_uuid: string;
    filter: { user_id: string };
    tag?: string;
    payload: Record<string, unknown>;
    includes?: { users: { id: string; username: string }[] };
  };
}

interface DmPayload {
  direct_message_events: { message_create: { sender_id: string; target: { recipient_id: string }; message_data: { text: string } } }[];
}

const idOf = async (made: Rig, username: string) => (await made.get<{ data: { id: string } }>(`/2/users/by/username/${username}`)).body.data.id;
/** The event lines (not disconnect messages); their shape is checked by activityLineProblems. */
const events = (stream: RawStream) => stream.objects().filter((object) => 'data' in object) as unknown as ActivityEvent[];
const dmOf = (event: ActivityEvent) => (event.data.payload as unknown as DmPayload).direct_message_events[0]!.message_create;

async function subscribe(made: Rig, token: string, eventType: string, userId: string, tag?: string) {
  const answer = await made.send<{ data: { subscription: { subscription_id: string } } }>('POST', '/2/activity/subscriptions', { event_type: eventType, filter: { user_id: userId }, ...(tag ? { tag } : {}) }, token);
  expect(validateResponse('POST', '/2/activity/subscriptions', answer.status, answer.body).errors).toEqual([]);
  return answer;
}

const openActivity = (made: Rig) => openStream(made.sandbox.url, made.app, '', ACTIVITY);

describe('activity subscriptions', () => {
  it('are made with the filtered user’s own token, managed with the app’s, in the spec’s shapes', async () => {
    const made = await rig();
    const acmeId = await idOf(made, 'AcmeAir');
    const nimbusId = await idOf(made, 'NimbusMobile');
    const created = await subscribe(made, made.acme, 'dm.received', acmeId, 'acme inbox');
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ data: { subscription: { event_type: 'dm.received', filter: { user_id: acmeId }, tag: 'acme inbox' } }, meta: { total_subscriptions: 1 } });

    // Another user's DMs, the app token for a private event, a second identical subscription: refused.
    expect((await subscribe(made, made.acme, 'dm.received', nimbusId)).status).toBe(403);
    const appOnly = await subscribe(made, made.app, 'post.mention.create', acmeId);
    expect([appOnly.status, (appOnly.body as unknown as { type: string }).type]).toEqual([403, 'https://api.twitter.com/2/problems/unsupported-authentication']);
    expect((await subscribe(made, made.acme, 'dm.received', acmeId)).status).toBe(409);
    expect((await subscribe(made, made.acme, 'dm.deleted', acmeId)).status).toBe(400);
    const tokenWithoutDmRead = (await made.admin.userToken('AcmeAir', ['tweet.read', 'users.read'])).access_token;
    expect((await subscribe(made, tokenWithoutDmRead, 'dm.sent', acmeId)).status).toBe(403);

    const listed = await made.get<{ data: { subscription_id: string }[]; meta: { result_count: number } }>('/2/activity/subscriptions');
    expect(validateResponse('GET', '/2/activity/subscriptions', listed.status, listed.body).errors).toEqual([]);
    expect(listed.body.data.map((subscription) => subscription.subscription_id)).toEqual([created.body.data.subscription.subscription_id]);
    expect((await made.get('/2/activity/subscriptions', made.acme)).status).toBe(403);

    const id = created.body.data.subscription.subscription_id;
    const updated = await made.send('PUT', `/2/activity/subscriptions/${id}`, { tag: 'renamed' });
    expect(validateResponse('PUT', `/2/activity/subscriptions/${id}`, updated.status, updated.body).errors).toEqual([]);
    expect(updated.body).toMatchObject({ data: { subscription: { tag: 'renamed' } } });
    const deleted = await made.send('DELETE', `/2/activity/subscriptions/${id}`, undefined);
    expect(validateResponse('DELETE', `/2/activity/subscriptions/${id}`, deleted.status, deleted.body).errors).toEqual([]);
    expect(deleted.body).toEqual({ data: { deleted: true }, meta: { total_subscriptions: 0 } });
    expect((await made.send('DELETE', `/2/activity/subscriptions/${id}`, undefined)).status).toBe(404);
  });
});

describe('the activity stream', () => {
  it('gives each user only their own DMs and mentions, per event type, each line valid per the spec', async () => {
    const made = await rig({ seed: 4 });
    const [acmeId, nimbusId] = [await idOf(made, 'AcmeAir'), await idOf(made, 'NimbusMobile')];
    const nimbus = (await made.admin.userToken('NimbusMobile')).access_token;
    await subscribe(made, made.acme, 'dm.received', acmeId, 'acme-dms');
    await subscribe(made, made.acme, 'post.mention.create', acmeId, 'acme-mentions');
    await subscribe(made, nimbus, 'dm.sent', nimbusId, 'nimbus-sent');
    const stream = await openActivity(made);
    expect(stream.status).toBe(200);

    await made.admin.createDm({ from: 'jane_doe', to: 'AcmeAir', text: 'Booking QX1234, where is my bag?' });
    await made.admin.createDm({ from: 'bob_b', to: 'NimbusMobile', text: 'Order NM-000123 never came' });
    const janeId = await idOf(made, 'jane_doe');
    expect((await made.send('POST', `/2/dm_conversations/with/${janeId}/messages`, { text: 'Hi Jane, we are on it' }, nimbus)).status).toBe(201);
    await made.admin.createPost({ author: 'jane_doe', text: '@AcmeAir still waiting for my bag' });
    await made.admin.createPost({ author: 'jane_doe', text: '@NimbusMobile no signal' });
    await stream.waitFor((s) => events(s).length === 3, 3_000, 'three events');
    await tick(100);
    expect(events(stream).map((event) => [event.data.event_type, event.data.filter.user_id, event.data.tag])).toEqual([
      ['dm.received', acmeId, 'acme-dms'],
      ['dm.sent', nimbusId, 'nimbus-sent'],
      ['post.mention.create', acmeId, 'acme-mentions'],
    ]);
    const [received, sent, mention] = events(stream);
    expect(dmOf(received!)).toMatchObject({ sender_id: janeId, target: { recipient_id: acmeId }, message_data: { text: 'Booking QX1234, where is my bag?' } });
    expect(dmOf(sent!)).toMatchObject({ sender_id: nimbusId, target: { recipient_id: janeId } });
    expect(mention!.data.payload).toMatchObject({ author_id: janeId, text: '@AcmeAir still waiting for my bag' });

    // The traffic generator's DMs and mentions reach the subscribed brand too.
    await made.admin.traffic({ rate: 0, seed: 4, count: 1_500, brands: ['AcmeAir'] });
    await stream.waitFor((s) => events(s).filter((event) => event.data.event_type === 'dm.received').length > 3, 10_000, 'traffic DMs');
    await tick(200);
    stream.close();
    const all = events(stream);
    expect(all.filter((event) => event.data.event_type === 'post.mention.create').length).toBeGreaterThan(1_000);
    expect(all.every((event) => event.data.event_type !== 'dm.received' || dmOf(event).target.recipient_id === acmeId)).toBe(true);
    expect(all.every((event) => event.data.filter.user_id === (event.data.event_type === 'dm.sent' ? nimbusId : acmeId))).toBe(true);
    expect(new Set(all.map((event) => event.data.event_uuid)).size).toBe(all.length);
    expect(stream.lines().filter((line) => line !== '').flatMap(activityLineProblems)).toEqual([]);
  });

  it('is the app’s (Bearer token), one connection on self-serve access, without Enterprise backfill', async () => {
    const made = await rig();
    expect((await made.get(ACTIVITY, made.acme)).status).toBe(403);
    expect((await made.get(`${ACTIVITY}?backfill_minutes=2`)).status).toBe(400);
    const first = await openActivity(made);
    const second = await made.get<{ connection_issue: string }>(ACTIVITY);
    expect([second.status, second.body.connection_issue]).toEqual([429, 'TooManyConnections']);
    // The filtered stream is a separate connection.
    const filtered = await openStream(made.sandbox.url, made.app);
    expect(filtered.status).toBe(200);
    first.close();
    filtered.close();
  });
});

describe('stream faults on the activity stream', () => {
  async function subscribedStream(made: Rig) {
    await subscribe(made, made.acme, 'dm.received', await idOf(made, 'AcmeAir'));
    return openActivity(made);
  }
  const dm = (made: Rig, text: string) => made.admin.createDm({ from: 'jane_doe', to: 'AcmeAir', text });

  it('disconnect: X’s operational-disconnect message, then the end; the filtered stream is untouched', async () => {
    const made = await rig();
    const stream = await subscribedStream(made);
    const filtered = await openStream(made.sandbox.url, made.app);
    expect(await made.admin.fault({ kind: 'disconnect', path: ACTIVITY })).toMatchObject({ applied: 'open_stream' });
    await stream.ended;
    expect(stream.objects()).toEqual([{ errors: [expect.objectContaining({ disconnect_type: 'OperationalDisconnect', type: 'https://api.twitter.com/2/problems/operational-disconnect' })] }]);
    expect(stream.lines().flatMap(activityLineProblems)).toEqual([]);
    expect(filtered.response.complete).toBe(false);
    filtered.close();
    // Scheduled while no activity stream is open: the next one gets it.
    expect(await made.admin.fault({ kind: 'disconnect', path: ACTIVITY })).toMatchObject({ applied: 'scheduled' });
    const next = await openActivity(made);
    await next.ended;
    expect(next.objects()[0]).toHaveProperty('errors.0.disconnect_type', 'OperationalDisconnect');
  });

  it('stall: nothing at all (not even keep-alives) for `seconds`, then what was held', async () => {
    const clock = new ManualClock();
    const made = await rig({ clock });
    const stream = await subscribedStream(made);
    await made.admin.fault({ kind: 'stall', seconds: 60, path: ACTIVITY });
    await dm(made, 'held back');
    clock.advance(59_000);
    await tick(50);
    expect(stream.text()).toBe('');
    clock.advance(1_000);
    await stream.waitFor((s) => events(s).length === 1, 3_000, 'the held event');
    expect(dmOf(events(stream)[0]!).message_data.text).toBe('held back');
    clock.advance(20_000);
    await stream.waitFor((s) => s.text().endsWith('}\r\n\r\n'), 3_000, 'keep-alives again');
    stream.close();
  });

  it('duplicate: the next event is sent twice, with the same event_uuid', async () => {
    const made = await rig();
    const stream = await subscribedStream(made);
    await made.admin.fault({ kind: 'duplicate', path: ACTIVITY });
    await dm(made, 'once');
    await dm(made, 'twice?');
    await stream.waitFor((s) => events(s).length === 3, 3_000, 'three lines');
    expect(events(stream).map((event) => dmOf(event).message_data.text)).toEqual(['once', 'once', 'twice?']);
    expect(events(stream)[0]!.data.event_uuid).toBe(events(stream)[1]!.data.event_uuid);
    stream.close();
  });

  it('malformed_line: a line that is not JSON, and the stream goes on', async () => {
    const made = await rig();
    const stream = await subscribedStream(made);
    await made.admin.fault({ kind: 'malformed_line', path: ACTIVITY });
    await dm(made, 'after the bad line');
    await stream.waitFor((s) => events(s).length === 1, 3_000, 'the event after the bad line');
    const [bad, good] = stream.lines();
    expect(() => JSON.parse(bad!) as unknown).toThrow();
    expect(activityLineProblems(good!)).toEqual([]);
    stream.close();
  });

  it('too_many_connections, http_error: the next activity-stream request gets them', async () => {
    const made = await rig();
    await made.admin.fault({ kind: 'too_many_connections', path: ACTIVITY });
    const refused = await made.get<{ connection_issue: string }>(ACTIVITY);
    expect([refused.status, refused.body.connection_issue]).toEqual([429, 'TooManyConnections']);
    await made.admin.fault({ kind: 'http_error', status: 503, path: ACTIVITY });
    expect((await made.get(ACTIVITY)).status).toBe(503);
    const stream = await openActivity(made);
    expect(stream.status).toBe(200);
    stream.close();
  });
});

describe('activity tiers', () => {
  it('basic: subscriptions, but no persistent stream (X’s client-not-enrolled)', async () => {
    const made = await rig({ tier: 'basic' });
    expect((await subscribe(made, made.acme, 'dm.received', await idOf(made, 'AcmeAir'))).status).toBe(200);
    const refused = await made.get<{ reason: string }>(ACTIVITY);
    expect([refused.status, refused.body.reason]).toEqual([403, 'client-not-enrolled']);
  });

  it('pay-per-use: at most 50 subscriptions', async () => {
    const made = await rig();
    const statuses: number[] = [];
    for (let n = 0; n < 51; n++) {
      const user = await made.admin.createUser({ username: `agent_${n}` });
      const token = (await made.admin.userToken(`agent_${n}`)).access_token;
      statuses.push((await subscribe(made, token, 'post.mention.create', user.id)).status);
    }
    expect(statuses.slice(0, 50).every((status) => status === 200)).toBe(true);
    expect(statuses[50]).toBe(403);
  });
});
