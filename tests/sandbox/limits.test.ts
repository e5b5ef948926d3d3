// Rate limits per endpoint, per user and per app, on the injected clock; tiers; the reply rule;
// tokens and scopes.
import { ApiResponseError } from 'twitter-api-v2';
import { describe, expect, it } from 'vitest';
import { createXClientFactory } from '../../src/main/core/x/client';
import { ManualClock } from '../../src/shared/clock';
import { openStream, rig } from './support';

describe('rate limits', () => {
  it('counts 15-minute windows per user and per app, sends x-rate-limit-* on every answer, 429 when spent', async () => {
    const clock = new ManualClock();
    const made = await rig({ clock });
    const reset = String(clock.now() / 1000 + 900);
    const first = await made.get('/2/tweets/search/recent?query=refund', made.acme);
    expect([first.headers.get('x-rate-limit-limit'), first.headers.get('x-rate-limit-remaining'), first.headers.get('x-rate-limit-reset')]).toEqual(['300', '299', reset]);
    for (let n = 0; n < 299; n++) await made.get('/2/tweets/search/recent?query=refund', made.acme);
    const spent = await made.get('/2/tweets/search/recent?query=refund', made.acme);
    expect(spent.status).toBe(429);
    expect(spent.body).toEqual({ title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 });
    expect(spent.headers.get('x-rate-limit-remaining')).toBe('0');

    // Another user and the app have their own windows.
    const nimbus = (await made.admin.userToken('NimbusMobile')).access_token;
    expect((await made.get('/2/tweets/search/recent?query=refund', nimbus)).headers.get('x-rate-limit-remaining')).toBe('299');
    expect((await made.get('/2/tweets/search/recent?query=refund')).headers.get('x-rate-limit-limit')).toBe('450');
    // Bad parameters still count; the window resets on the clock.
    clock.advance(899_000);
    expect((await made.get('/2/tweets/search/recent?query=refund', made.acme)).status).toBe(429);
    clock.advance(1_000);
    const fresh = await made.get('/2/tweets/search/recent?query=refund', made.acme);
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('x-rate-limit-remaining')).toBe('299');
  });

  it('gives twitter-api-v2 the reset it needs to wait, and the 24-hour app limit on posting', async () => {
    const clock = new ManualClock();
    const made = await rig({ clock });
    const client = createXClientFactory(made.sandbox.url).withToken(made.acme);
    const posted = await made.send('POST', '/2/tweets', { text: 'first' }, made.acme);
    expect(posted.headers.get('x-app-limit-24hour-limit')).toBe('10000');
    expect(posted.headers.get('x-app-limit-24hour-remaining')).toBe('9999');
    for (let n = 0; n < 99; n++) await made.send('POST', '/2/tweets', { text: `post ${n}` }, made.acme);
    const error = await client.v2.tweet('one too many').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiResponseError);
    expect((error as ApiResponseError).code).toBe(429);
    expect((error as ApiResponseError).rateLimit).toMatchObject({ limit: 100, remaining: 0, reset: clock.now() / 1000 + 900 });
  });
});

describe('tiers', () => {
  it('basic has no filtered stream: rules and stream answer 403 client-not-enrolled', async () => {
    const made = await rig({ tier: 'basic' });
    for (const answer of [await made.get('/2/tweets/search/stream/rules'), await made.get('/2/tweets/search/stream')]) {
      expect(answer.status).toBe(403);
      expect(answer.body).toMatchObject({ title: 'Client Forbidden', reason: 'client-not-enrolled', type: 'https://api.twitter.com/2/problems/client-forbidden' });
    }
    expect((await made.get('/2/tweets/search/recent?query=refund')).headers.get('x-rate-limit-limit')).toBe('60');
  });

  it('stream: false is pay-per-use without the stream', async () => {
    const made = await rig({ stream: false });
    expect((await made.get('/2/tweets/search/stream/rules')).status).toBe(403);
    expect((await made.get('/2/tweets/search/recent?query=refund')).headers.get('x-rate-limit-limit')).toBe('450');
  });

  it('caps monthly post reads on basic with X\'s usage-capped problem', async () => {
    const made = await rig({ tier: 'basic' });
    for (let n = 0; n < 100; n++) await made.admin.createPost({ author: `fan${n % 9}`, text: `refund ${n}` });
    // 15,000 reads = 150 searches of 100 posts; basic allows 60 per user per window, so three users.
    const tokens = await Promise.all(['r1', 'r2', 'r3'].map(async (name) => (await made.admin.userToken(name)).access_token));
    for (let n = 0; n < 150; n++) {
      const page = await made.get<{ meta: { result_count: number } }>('/2/tweets/search/recent?query=refund&max_results=100', tokens[n % 3]);
      expect(page.body.meta.result_count).toBe(100);
    }
    const capped = await made.get('/2/tweets/search/recent?query=refund', tokens[0]);
    expect(capped.status).toBe(429);
    expect(capped.body).toMatchObject({ title: 'UsageCapExceeded', period: 'Monthly', scope: 'Product', type: 'https://api.twitter.com/2/problems/usage-capped' });
  });

  it('one filtered-stream connection on pro as well', async () => {
    const made = await rig({ tier: 'pro' });
    const first = await openStream(made.sandbox.url, made.app);
    expect((await made.get('/2/tweets/search/stream')).status).toBe(429);
    first.close();
  });
});

describe('the self-serve reply rule', () => {
  it('lets a brand reply only to posts that mention or quote it (or its own)', async () => {
    const made = await rig();
    const mention = await made.admin.createPost({ author: 'jane', text: '@AcmeAir where is my bag?' });
    const stranger = await made.admin.createPost({ author: 'bob', text: 'airlines are all the same' });
    const own = await made.admin.createPost({ author: 'AcmeAir', text: 'Our summer schedule is out' });
    const quote = await made.admin.createPost({ author: 'ann', text: 'so true', quote_of_post_id: own.id });
    const reply = (id: string, text: string) => made.send('POST', '/2/tweets', { text, reply: { in_reply_to_tweet_id: id } }, made.acme);
    expect((await reply(mention.id, '@jane we are on it')).status).toBe(201);
    expect((await reply(own.id, 'More in the app')).status).toBe(201);
    expect((await reply(quote.id, '@ann thank you!')).status).toBe(201);
    const refused = await reply(stranger.id, '@bob not all of them!');
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({
      detail: 'Reply to this conversation is not allowed because you have not been mentioned or otherwise engaged by the author of the post you are replying to.',
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
    });
    expect((await made.admin.postsBy('AcmeAir')).filter((p) => p.in_reply_to_post_id !== null).map((p) => p.in_reply_to_post_id)).toEqual([mention.id, own.id, quote.id]);
  });
});

describe('tokens and scopes', () => {
  it('answers 401 without a token, with an unknown one, and once a user token expires (2 h)', async () => {
    const clock = new ManualClock();
    const made = await rig({ clock });
    const unauthorized = { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' };
    expect((await made.get('/2/users/me', '')).body).toEqual(unauthorized);
    expect((await made.get('/2/users/me', 'not-a-token')).status).toBe(401);
    expect((await made.get('/2/users/me', made.acme)).status).toBe(200);
    clock.advance(7_200_000);
    expect((await made.get('/2/users/me', made.acme)).body).toEqual(unauthorized);
    expect((await made.admin.requests()).map((r) => [r.token_kind, r.status])).toEqual([['none', 401], ['none', 401], ['user', 200], ['none', 401]]);
  });

  it('answers 403 for a user token without the scopes the operation needs', async () => {
    const made = await rig();
    const readOnly = (await made.admin.userToken('AcmeAir', ['tweet.read', 'users.read'])).access_token;
    expect((await made.get('/2/users/me', readOnly)).status).toBe(200);
    const refused = await made.send('POST', '/2/tweets', { text: 'hi' }, readOnly);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ title: 'Forbidden', detail: expect.stringContaining('tweet.write') });
  });

  it('issues pairs as the OAuth flow would, refresh token only with offline.access, and lists them all', async () => {
    const made = await rig();
    const pair = await made.admin.userToken('jane');
    expect(pair).toEqual({ token_type: 'bearer', expires_in: 7200, access_token: expect.any(String), refresh_token: expect.any(String), scope: expect.stringContaining('offline.access') });
    const noRefresh = await made.admin.userToken('jane', ['tweet.read', 'users.read']);
    expect(noRefresh.refresh_token).toBeUndefined();
    const kinds = (await made.admin.tokens()).map((t) => [t.kind, t.username]);
    expect(kinds).toEqual([['app', null], ['user', 'AcmeAir'], ['refresh', 'AcmeAir'], ['user', 'jane'], ['refresh', 'jane'], ['user', 'jane']]);
  });
});
