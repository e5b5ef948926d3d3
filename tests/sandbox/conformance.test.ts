// Every X endpoint the sandbox serves, called by real clients (twitter-api-v2, or plain HTTP where
// the library has no call), and every answer the sandbox gives them (including each filtered-
// stream line) validated against the official spec through tests/helpers/spec-validator.ts.
import { ETwitterStreamEvent, type TweetSearchV2StreamParams, type TweetStream, type TweetV2SingleStreamResult, type TwitterApiReadOnly } from 'twitter-api-v2';
import { describe, expect, it } from 'vitest';
import { createXClientFactory } from '../../src/main/core/x/client';
import type { SandboxExchange, SandboxObserver } from '../../src/sandbox/context';
import { DEMO_CLIENT_ID } from '../../src/sandbox/oauth/apps';
import { OPERATIONS } from '../../src/sandbox/spec/operations';
import { withoutNullable } from '../helpers/spec-document';
import { auditRequests, checkExchanges, validateResponse } from '../helpers/spec-validator';
import { activityLineProblems } from './activity-schema';
import { submitConsent } from './consent-form';
import { openStream, rig, tick, type Rig } from './support';

const CALLBACK = 'http://127.0.0.1:47823/callback';
const TWEET_FIELDS = ['author_id', 'created_at', 'conversation_id', 'entities', 'in_reply_to_user_id', 'lang', 'referenced_tweets', 'public_metrics', 'note_tweet', 'attachments'] as const;
const POST_FIELDS: Partial<TweetSearchV2StreamParams> = {
  'tweet.fields': [...TWEET_FIELDS],
  'user.fields': ['profile_image_url', 'verified', 'public_metrics', 'created_at', 'description'],
  'media.fields': ['media_key', 'type', 'url', 'preview_image_url', 'width', 'height', 'alt_text', 'duration_ms', 'variants', 'public_metrics'],
  expansions: ['author_id', 'referenced_tweets.id', 'in_reply_to_user_id', 'entities.mentions.username', 'attachments.media_keys', 'referenced_tweets.id.attachments.media_keys'],
};
const PHOTOS = [
  { type: 'photo', alt_text: 'A suitcase with its side torn open', width: 1600, height: 1200 },
  { type: 'photo', alt_text: 'The baggage tag, LIS12345' },
] as const;
/** The library does not export its DM query type; this is the parameter of listDmEvents. */
type DmQuery = NonNullable<Parameters<TwitterApiReadOnly['v2']['listDmEvents']>[0]>;
const DM_FIELDS: DmQuery = {
  'dm_event.fields': ['id', 'event_type', 'text', 'created_at', 'dm_conversation_id', 'sender_id', 'participant_ids', 'entities'],
  expansions: ['sender_id', 'participant_ids'],
  'user.fields': ['verified'],
};

function recorder(): { observer: SandboxObserver; exchanges: SandboxExchange[]; lines: string[] } {
  const exchanges: SandboxExchange[] = [];
  const lines: string[] = [];
  return { observer: { exchange: (exchange) => exchanges.push(exchange), streamLine: (line) => lines.push(line) }, exchanges, lines };
}

const catching = <T>(promise: Promise<T>) => promise.then(() => null, (error: unknown) => error);

/** Opens the filtered stream with the library, waits for one post, and hands the stream back. */
async function streamOnePost(made: Rig, trigger: () => Promise<unknown>): Promise<TweetStream<TweetV2SingleStreamResult>> {
  const stream = await createXClientFactory(made.sandbox.url).withToken(made.app).v2.searchStream({ ...POST_FIELDS, autoConnect: true });
  const arrived = new Promise<void>((resolve) => stream.on(ETwitterStreamEvent.Data, () => resolve()));
  await trigger();
  await arrived;
  return stream;
}

async function oauthRoundTrip(made: Rig): Promise<void> {
  const app = createXClientFactory(made.sandbox.url).withClientId(DEMO_CLIENT_ID);
  const link = app.generateOAuth2AuthLink(CALLBACK, { scope: ['tweet.read', 'users.read', 'offline.access'] });
  const consent = await submitConsent(`${made.sandbox.url}/i/oauth2/authorize${new URL(link.url).search}`, { username: 'AcmeAir' });
  const login = await app.loginWithOAuth2({ code: consent.location!.searchParams.get('code')!, codeVerifier: link.codeVerifier, redirectUri: CALLBACK });
  const refreshed = await app.refreshOAuth2Token(login.refreshToken!);
  expect(await catching(app.refreshOAuth2Token(login.refreshToken!))).not.toBeNull();
  await app.revokeOAuth2Token(refreshed.refreshToken!, 'refresh_token');
}

describe('conformance with the official spec', () => {
  it('answers every endpoint it serves, for real clients, in the shape the spec gives', async () => {
    const record = recorder();
    const made = await rig({ observer: record.observer, keepAliveMs: 200 });
    const factory = createXClientFactory(made.sandbox.url);
    const acme = factory.withToken(made.acme);
    const app = factory.withToken(made.app);
    const me = (await acme.v2.me({ 'user.fields': ['public_metrics', 'verified', 'profile_image_url'] })).data;
    const jane = await made.admin.createUser({ username: 'jane_doe', name: 'Jane', followers: 12 });
    const sam = await made.admin.createUser({ username: 'sam_k' });

    // Users and posts.
    await app.v2.user(me.id, { 'user.fields': ['created_at', 'description', 'location', 'url', 'protected', 'verified_type'] });
    await app.v2.users([me.id, jane.id, '42']);
    await app.v2.userByUsername('jane_doe');
    const root = await made.admin.createPost({ author: 'jane_doe', text: '@AcmeAir my bag LIS12345 & the form https://acmeair.example/claims 😡 #lostbag $AAL', media: [...PHOTOS] });
    await made.admin.createPost({ author: 'sam_k', text: `@AcmeAir ${'long story '.repeat(40)}`, media: [{ type: 'video', duration_ms: 30_000 }] });
    await made.admin.createPost({ author: 'sam_k', text: '@AcmeAir me waiting for #lostbag news', media: [{ type: 'animated_gif', alt_text: 'A skeleton on a bench' }] });
    await app.v2.singleTweet(root.id, POST_FIELDS);
    const reply = await acme.v2.reply('@jane_doe We are on it, Jane.', root.id);
    await acme.v2.quote('Thanks for flying with us', root.id);
    await app.v2.tweets([root.id, reply.data.id, '1'], POST_FIELDS);
    await acme.v2.like(me.id, root.id);
    await acme.v2.unlike(me.id, root.id);
    await acme.v2.retweet(me.id, root.id);
    await acme.v2.unretweet(me.id, root.id);
    await acme.v2.deleteTweet(reply.data.id);

    // Timelines and search.
    await (await app.v2.userMentionTimeline(me.id, { ...POST_FIELDS, max_results: 5 })).fetchNext();
    await app.v2.userTimeline(me.id, { ...POST_FIELDS, exclude: ['replies'] });
    await acme.v2.homeTimeline({ ...POST_FIELDS, max_results: 10 });
    const search = await app.v2.search('(lostbag OR story) -is:retweet', { ...POST_FIELDS, max_results: 10, sort_order: 'recency' });
    await search.fetchNext();

    // The filtered stream: rules, one matching post, an operational disconnect.
    await app.v2.updateStreamRules({ add: [{ value: 'conformance has:links', tag: 'links' }, { value: 'from:jane_doe', tag: 'jane' }] });
    await app.v2.updateStreamRules({ add: [{ value: 'dry run only' }] }, { dry_run: true });
    const rules = await app.v2.streamRules();
    const stream = await streamOnePost(made, () => made.admin.createPost({ author: 'jane_doe', text: 'conformance check https://example.com @AcmeAir', media: [...PHOTOS] }));
    await made.admin.fault({ kind: 'disconnect' });
    await tick(100);
    stream.close();
    await app.v2.updateStreamRules({ delete: { ids: rules.data.map((rule) => rule.id) } });

    // Direct messages.
    const direct = (await acme.v2.sendDmToParticipant(jane.id, { text: 'Hi Jane, DM us the ref: https://acmeair.example/ref' })) as unknown as { data: { dm_conversation_id: string } };
    await acme.v2.sendDmInConversation(direct.data.dm_conversation_id, { text: 'And your flight number?' });
    await acme.v2.createDmConversation({ conversation_type: 'Group', participant_ids: [jane.id, sam.id], message: { text: 'Group hello' } });
    await (await acme.v2.listDmEvents({ ...DM_FIELDS, max_results: 2 })).fetchNext();
    await acme.v2.listDmEventsWithParticipant(jane.id, DM_FIELDS);
    await acme.v2.listDmEventsOfConversation(direct.data.dm_conversation_id, DM_FIELDS);

    // The X Activity API: a subscription with the user's own token, managed with the app's, and
    // one DM event on the activity stream (its lines are checked in activity-schema.ts).
    const subscribed = (await acme.v2.post('activity/subscriptions', { event_type: 'dm.received', filter: { user_id: me.id }, tag: 'inbox' })) as { data: { subscription: { subscription_id: string } } };
    const subscriptionId = subscribed.data.subscription.subscription_id;
    await app.v2.get('activity/subscriptions', { max_results: 10 });
    await app.v2.put(`activity/subscriptions/${subscriptionId}`, { tag: 'dm inbox' });
    const activity = await openStream(made.sandbox.url, made.app, '', '/2/activity/stream');
    await made.admin.createDm({ from: 'jane_doe', to: 'AcmeAir', text: 'My ref is QX1234 #lostbag' });
    await activity.waitFor((stream) => stream.objects().length === 1, 3_000, 'the DM event');
    activity.close();
    const activityLines = activity.lines().filter((line) => line !== '');
    expect(activityLines.flatMap(activityLineProblems)).toEqual([]);
    await app.v2.delete(`activity/subscriptions/${subscriptionId}`);

    // Usage, and OAuth 2.0 (authorize, token, refresh, revoke).
    await app.v2.get('usage/tweets', { 'usage.fields': 'cap_reset_day,daily_client_app_usage,daily_project_usage,project_cap,project_id,project_usage', days: 3 });
    await oauthRoundTrip(made);

    const report = checkExchanges(record.exchanges, record.lines);
    expect(report.failures).toEqual([]);
    // The activity stream's one line was validated above.
    if (activityLines.length === 1) report.succeeded.add('activityStream');
    expect(record.lines.some((line) => line.includes('operational-disconnect'))).toBe(true);
    expect(record.lines.some((line) => line.includes('matching_rules'))).toBe(true);
    // Photos, a video and a GIF went through the schemas: in lookups, timelines, search and the stream.
    const answered = [...record.exchanges.map((exchange) => exchange.body ?? ''), ...record.lines].join('\n');
    for (const type of ['photo', 'video', 'animated_gif']) expect(answered).toContain(`"type":"${type}"`);
    expect(record.lines.some((line) => line.includes('"media":[{"media_key":"3_'))).toBe(true);
    const withMedia = record.exchanges.filter((exchange) => exchange.body?.includes('"media":[{"media_key"')).map((exchange) => exchange.operation_id);
    expect(new Set(withMedia)).toEqual(new Set(['getPostsById', 'getPostsByIds', 'getUsersMentions', 'getUsersPosts', 'getUsersTimeline', 'searchPostsRecent']));
    const expected = [...OPERATIONS.map((operation) => operation.operationId), 'oauth2:token', 'oauth2:revoke'];
    expect(expected.filter((operation) => !report.succeeded.has(operation))).toEqual([]);
    expect(report.checked).toBeGreaterThan(30);
  });

  it("answers errors with the spec's Problem types, and partial errors where X gives them", async () => {
    const record = recorder();
    const made = await rig({ observer: record.observer });
    const noScopes = (await made.admin.userToken('AcmeAir', ['tweet.read', 'users.read'])).access_token;
    const acmeId = (await made.get<{ data: { id: string } }>('/2/users/by/username/AcmeAir')).body.data.id;
    const statuses = [
      await made.get('/2/users/me', ''),
      await made.get('/2/users/me', made.app),
      await made.send('POST', '/2/tweets', { text: 'no scope' }, noScopes),
      await made.get('/2/tweets/search/recent?query=x&max_results=5', made.acme),
      await made.send('POST', '/2/tweets', { text: 'hi', colour: 'red' }, made.acme),
      await made.send('POST', '/2/tweets', { text: 'hi', reply: { in_reply_to_tweet_id: '1' } }, made.acme),
      await made.get('/2/tweets?ids=1,2'),
      await made.get('/2/users/by/username/nobody_here'),
      await made.send('POST', '/2/tweets/search/stream/rules', { add: [{ value: '(unbalanced' }] }),
      await made.send('POST', `/2/users/${acmeId}/likes`, { tweet_id: '42' }, made.acme),
      await made.send('POST', `/2/dm_conversations/with/${acmeId}/messages`, { text: 'me' }, made.acme),
      await made.get('/2/dm_events?pagination_token=0123456789abcdefgh', made.acme),
      await made.get('/2/usage/tweets?days=0'),
    ].map((answer) => answer.status);
    await made.admin.fault({ kind: 'rate_limit', path: '/2/users/me' });
    await made.admin.fault({ kind: 'http_error', status: 503, path: '/2/tweets/search/recent' });
    await made.admin.fault({ kind: 'too_many_connections', path: '/2/tweets/search/stream' });
    statuses.push((await made.get('/2/users/me', made.acme)).status, (await made.get('/2/tweets/search/recent?query=x', made.acme)).status, (await made.get('/2/tweets/search/stream')).status);
    const token = await fetch(`${made.sandbox.url}/2/oauth2/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'spent', client_id: DEMO_CLIENT_ID }) });
    statuses.push(token.status);
    expect(statuses).toEqual([401, 403, 403, 400, 400, 403, 200, 200, 200, 200, 403, 400, 400, 429, 503, 429, 400]);

    const withoutStream = recorder();
    const basic = await rig({ observer: withoutStream.observer, stream: false });
    expect((await basic.get('/2/tweets/search/stream/rules')).body).toMatchObject({ type: 'https://api.twitter.com/2/problems/client-forbidden' });

    const report = checkExchanges([...record.exchanges, ...withoutStream.exchanges]);
    expect(report.failures).toEqual([]);
    // Every answer above, the id lookup before them, and the stream-less sandbox's refusal.
    expect(report.checked).toBe(statuses.length + 2);
  });
});

describe('the harness itself', () => {
  it('rejects bodies and requests that do not match the spec', () => {
    expect(validateResponse('GET', '/2/users/me', 200, { data: { id: 42, name: 'x', username: 'x' } }).errors).toEqual(['/data/id must be string {"type":"string"}']);
    expect(validateResponse('GET', '/2/tweets/123', 200, { data: { id: '123', text: 'x', edit_history_tweet_ids: ['123'], created_at: 'yesterday' } }).ok).toBe(false);
    expect(validateResponse('GET', '/2/users/me', 403, { title: 'Forbidden', type: 'https://example.com/made-up' }).ok).toBe(false);
    expect(validateResponse('GET', '/2/users/me', 400, { title: 'x', type: 'https://api.twitter.com/2/problems/invalid-request', errors: [{ message: 7 }] }).ok).toBe(false);
    expect(validateResponse('POST', '/2/oauth2/token', 200, { token_type: 'bearer', access_token: 'a' }).ok).toBe(false);
    expect(validateResponse('GET', '/2/not-an-endpoint', 200, {}).errors).toEqual(['no operation in the spec for GET /2/not-an-endpoint']);
    // Media: the key's pattern, the type's enum, and each type's own schema (Photo, Video).
    const post = { id: '123', text: 'x', edit_history_tweet_ids: ['123'], attachments: { media_keys: ['3_1'] } };
    const withMedia = (media: object) => validateResponse('GET', '/2/tweets/123', 200, { data: post, includes: { media: [media] } });
    expect(withMedia({ media_key: '3_1', type: 'photo', url: 'https://pbs.twimg.com/media/a.jpg' }).ok).toBe(true);
    expect(withMedia({ media_key: 'photo-1', type: 'photo' }).ok).toBe(false);
    expect(withMedia({ media_key: '3_1', type: 'sticker' }).ok).toBe(false);
    expect(withMedia({ media_key: '3_1', type: 'photo', url: 'not a url' }).ok).toBe(false);
    expect(withMedia({ media_key: '7_1', type: 'video', duration_ms: 1.5 }).ok).toBe(false);

    // OpenAPI 3.0's nullable (the X spec does not use it today; a later version may).
    expect(withoutNullable({ type: 'object', properties: { a: { type: 'string', nullable: true, enum: ['x'] }, b: { $ref: '#/c', nullable: true } } })).toEqual({
      type: 'object',
      properties: { a: { type: ['string', 'null'], enum: ['x', null] }, b: { anyOf: [{ $ref: '#/c' }, { type: 'null' }] } },
    });

    const findings = auditRequests([
      { method: 'GET', path: '/2/tweets/search/recent', query: { query: 'x', max_results: '101', 'tweet.fields': 'author_id,colour', sort: 'newest' } },
      { method: 'GET', path: '/2/users/abc/mentions', query: {} },
      { method: 'GET', path: '/i/oauth2/authorize', query: { response_type: 'code', client_id: 'c' } },
      { method: 'GET', path: '/2/tweets/search/recent', query: { query: 'fine', max_results: '10', since_id: '1234' } },
    ]);
    expect(findings.map((finding) => finding.problem)).toEqual([
      'query parameter "sort" is not declared by searchPostsRecent',
      'query parameter "max_results"="101": (value) must be <= 100 {"comparison":"<=","limit":100}',
      expect.stringMatching(/^query parameter "tweet.fields"="author_id,colour": \/1 must be equal to one of the allowed values/),
      'path parameter "id"="abc": (value) must match pattern "^[0-9]{1,19}$" {"pattern":"^[0-9]{1,19}$"}',
      'required query parameter "redirect_uri" is missing',
      'required query parameter "scope" is missing',
      'required query parameter "state" is missing',
      'required query parameter "code_challenge" is missing',
      'required query parameter "code_challenge_method" is missing',
    ]);
  });
});
