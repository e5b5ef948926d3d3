// Likes and reposts as the token's user, through twitter-api-v2, shown in public_metrics.
import { type ApiResponseError } from 'twitter-api-v2';
import { describe, expect, it } from 'vitest';
import { createXClientFactory } from '../../src/main/core/x/client';
import { rig, type Rig } from './support';

interface Metrics {
  like_count: number;
  retweet_count: number;
}

const postMetrics = async (made: Rig, id: string) => (await made.get<{ data: { public_metrics: Metrics } }>(`/2/tweets/${id}?tweet.fields=public_metrics`)).body.data.public_metrics;
const acmeId = async (made: Rig) => (await made.get<{ data: { id: string } }>('/2/users/by/username/AcmeAir')).body.data.id;

describe('likes', () => {
  it('likes and unlikes once each, shown in the post and the liker metrics', async () => {
    const made = await rig();
    const acme = await acmeId(made);
    const { id } = await made.admin.createPost({ author: 'jane', text: 'Great service today @AcmeAir!' });
    const client = createXClientFactory(made.sandbox.url).withToken(made.acme);
    expect(await client.v2.like(acme, id)).toEqual({ data: { liked: true } });
    expect(await client.v2.like(acme, id)).toEqual({ data: { liked: true } });
    expect((await postMetrics(made, id)).like_count).toBe(1);
    const me = await made.get<{ data: { public_metrics: { like_count: number } } }>('/2/users/me?user.fields=public_metrics', made.acme);
    expect(me.body.data.public_metrics.like_count).toBe(1);
    expect(await client.v2.unlike(acme, id)).toEqual({ data: { liked: false } });
    expect(await client.v2.unlike(acme, id)).toEqual({ data: { liked: false } });
    expect((await postMetrics(made, id)).like_count).toBe(0);
  });

  it('refuses acting for another user, missing posts, bad bodies, a missing scope and app tokens', async () => {
    const made = await rig();
    const acme = await acmeId(made);
    const nimbus = (await made.get<{ data: { id: string } }>('/2/users/by/username/NimbusMobile')).body.data.id;
    const { id } = await made.admin.createPost({ author: 'jane', text: 'hello' });
    const like = (user: string, body: unknown, token = made.acme) => made.send<Record<string, unknown>>('POST', `/2/users/${user}/likes`, body, token);
    expect((await like(nimbus, { tweet_id: id })).body).toMatchObject({ status: 403, title: 'Forbidden' });
    expect((await like(acme, { tweet_id: '42' })).body).toEqual({
      errors: [expect.objectContaining({ type: 'https://api.twitter.com/2/problems/resource-not-found', resource_type: 'tweet', parameter: 'tweet_id', value: '42' })],
    });
    expect((await like(acme, { tweet_id: 42 })).status).toBe(400);
    expect((await like(acme, { tweet_id: id, extra: true })).status).toBe(400);
    const noLikeScope = (await made.admin.userToken('AcmeAir', ['tweet.read', 'users.read'])).access_token;
    expect((await like(acme, { tweet_id: id }, noLikeScope)).body).toMatchObject({ detail: 'Missing OAuth 2.0 scopes: [like.write]. Reauthorize the app with them.' });
    const asApp = await createXClientFactory(made.sandbox.url).withToken(made.app).v2.like(acme, id).catch((error: unknown) => error);
    expect((asApp as ApiResponseError).code).toBe(403);
    expect((await postMetrics(made, id)).like_count).toBe(0);
  });
});

describe('reposts', () => {
  it('reposts once, shows it in the timeline and the count, and undoes it', async () => {
    const made = await rig();
    const acme = await acmeId(made);
    const { id } = await made.admin.createPost({ author: 'jane', text: 'Our flight crew was amazing' });
    const client = createXClientFactory(made.sandbox.url).withToken(made.acme);
    const reposted = await client.v2.retweet(acme, id);
    expect(reposted).toEqual({ data: { id: expect.stringMatching(/^\d+$/), retweeted: true } });
    expect(await client.v2.retweet(acme, id)).toEqual(reposted);
    expect((await postMetrics(made, id)).retweet_count).toBe(1);
    // The spec's answer carries the repost's id; the library's type leaves it out.
    const repostId = (reposted.data as { id?: string }).id!;
    const timeline = await made.get<{ data: { id: string; text: string; referenced_tweets: unknown }[] }>(`/2/users/${acme}/tweets?tweet.fields=referenced_tweets`);
    expect(timeline.body.data).toEqual([{ id: repostId, text: 'RT @jane: Our flight crew was amazing', edit_history_tweet_ids: [repostId], referenced_tweets: [{ type: 'retweeted', id }] }]);

    expect(await client.v2.unretweet(acme, id)).toEqual({ data: { retweeted: false } });
    expect(await client.v2.unretweet(acme, id)).toEqual({ data: { retweeted: false } });
    expect((await postMetrics(made, id)).retweet_count).toBe(0);
    expect((await made.get<{ meta: { result_count: number } }>(`/2/users/${acme}/tweets`)).body.meta.result_count).toBe(0);
  });

  it('reposting a repost reposts the original; tweet.write is required', async () => {
    const made = await rig();
    const acme = await acmeId(made);
    const { id } = await made.admin.createPost({ author: 'jane', text: 'Loved the new lounge' });
    const nimbus = (await made.admin.userToken('NimbusMobile')).access_token;
    const nimbusId = (await made.get<{ data: { id: string } }>('/2/users/by/username/NimbusMobile')).body.data.id;
    const first = await made.send<{ data: { id: string } }>('POST', `/2/users/${nimbusId}/retweets`, { tweet_id: id }, nimbus);
    await made.send('POST', `/2/users/${acme}/retweets`, { tweet_id: first.body.data.id }, made.acme);
    expect((await postMetrics(made, id)).retweet_count).toBe(2);
    const readOnly = (await made.admin.userToken('AcmeAir', ['tweet.read', 'users.read', 'like.write'])).access_token;
    const refused = await made.send<Record<string, unknown>>('POST', `/2/users/${acme}/retweets`, { tweet_id: id }, readOnly);
    expect(refused.body).toMatchObject({ status: 403, detail: 'Missing OAuth 2.0 scopes: [tweet.write]. Reauthorize the app with them.' });
  });
});
