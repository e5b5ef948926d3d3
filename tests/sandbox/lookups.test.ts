// Users, posts and timelines: lookups with partial errors, create and delete, and timeline paging.
import { describe, expect, it } from 'vitest';
import { createXClientFactory } from '../../src/main/core/x/client';
import type { SandboxExchange } from '../../src/sandbox/context';
import { openStream, rig } from './support';

interface Posts {
  data?: { id: string; text: string; [field: string]: unknown }[];
  errors?: Record<string, unknown>[];
  includes?: { users?: { id: string; username: string }[]; tweets?: { id: string }[] };
  meta?: { result_count: number; newest_id?: string; oldest_id?: string; next_token?: string };
}

describe('users', () => {
  it('looks up the demo brands by username, id and ids, with the fields asked for', async () => {
    const made = await rig();
    const byName = await made.get<{ data: Record<string, unknown> }>('/2/users/by/username/AcmeAir?user.fields=profile_image_url,verified,public_metrics');
    expect(byName.body.data).toEqual({
      id: expect.stringMatching(/^\d+$/),
      name: 'Acme Air',
      username: 'AcmeAir',
      profile_image_url: expect.stringMatching(/^https:\/\//),
      verified: true,
      public_metrics: { followers_count: 284_503, following_count: 1_210, tweet_count: 0, listed_count: 0, like_count: 0 },
    });
    const id = byName.body.data.id as string;
    expect((await made.get<{ data: { username: string } }>(`/2/users/${id}`)).body.data.username).toBe('AcmeAir');
    const nimbus = (await made.get<{ data: { id: string } }>('/2/users/by/username/NimbusMobile')).body.data.id;
    const many = await made.get<{ data: { username: string }[]; errors: Record<string, unknown>[] }>(`/2/users?ids=${id},${nimbus},42`);
    expect(many.body.data.map((u) => u.username)).toEqual(['AcmeAir', 'NimbusMobile']);
    expect(many.body.errors).toEqual([
      { value: '42', detail: 'Could not find user with id: [42].', title: 'Not Found Error', resource_type: 'user', parameter: 'ids', resource_id: '42', type: 'https://api.twitter.com/2/problems/resource-not-found' },
    ]);
    const missing = await made.get('/2/users/by/username/nobody_here');
    expect(missing.status).toBe(200);
    expect(missing.body).toMatchObject({ errors: [{ detail: 'Could not find user with username: [nobody_here].', parameter: 'username' }] });
  });

  it('answers /2/users/me for the token\'s user through twitter-api-v2', async () => {
    const made = await rig();
    const me = await createXClientFactory(made.sandbox.url).withToken(made.acme).v2.me({ 'user.fields': ['verified'] });
    expect(me.data).toMatchObject({ username: 'AcmeAir', name: 'Acme Air', verified: true });
  });
});

describe('posts', () => {
  it('creates replies and quotes, and expands authors and referenced posts', async () => {
    const made = await rig();
    const root = await made.admin.createPost({ author: 'jane', text: '@AcmeAir my bag?' });
    const created = await made.send<{ data: { id: string; text: string; edit_history_tweet_ids: string[] } }>(
      'POST',
      '/2/tweets',
      { text: '@jane Found it & sent it on', reply: { in_reply_to_tweet_id: root.id } },
      made.acme,
    );
    expect(created.status).toBe(201);
    expect(created.body.data).toEqual({ id: expect.any(String), text: '@jane Found it &amp; sent it on', edit_history_tweet_ids: [created.body.data.id] });
    const replyId = created.body.data.id;
    const fetched = await made.get<Posts & { data: Record<string, unknown> }>(
      `/2/tweets/${replyId}?tweet.fields=author_id,conversation_id,in_reply_to_user_id,referenced_tweets&expansions=author_id,referenced_tweets.id,in_reply_to_user_id`,
    );
    expect(fetched.body.data).toMatchObject({ conversation_id: root.id, referenced_tweets: [{ type: 'replied_to', id: root.id }] });
    expect(fetched.body.includes!.users!.map((u) => u.username).sort()).toEqual(['AcmeAir', 'jane']);
    expect(fetched.body.includes!.tweets!.map((t) => t.id)).toEqual([root.id]);
    const quoted = await made.send<{ data: { id: string } }>('POST', '/2/tweets', { text: 'We hear you', quote_tweet_id: root.id }, made.acme);
    const quote = await made.get<{ data: { referenced_tweets: unknown } }>(`/2/tweets/${quoted.body.data.id}?tweet.fields=referenced_tweets`);
    expect(quote.body.data.referenced_tweets).toEqual([{ type: 'quoted', id: root.id }]);
  });

  it('refuses bad bodies, replies to missing posts and duplicate content as X does', async () => {
    const made = await rig();
    const post = (body: unknown) => made.send<Record<string, unknown>>('POST', '/2/tweets', body, made.acme);
    expect((await post('{not json')).status).toBe(400);
    expect((await post({ text: 'hi', colour: 'red' })).body).toMatchObject({ errors: [{ message: '$.colour: is not defined in the schema and the schema does not allow additional properties' }] });
    expect((await post({ text: '' })).status).toBe(400);
    expect((await post({ text: 'hi', reply: { in_reply_to_tweet_id: 'abc' } })).status).toBe(400);
    expect((await post({ text: 'hi', reply: { in_reply_to_tweet_id: '123' } })).body).toMatchObject({ status: 403, detail: 'You attempted to reply to a Tweet that is deleted or not visible to you.' });
    expect((await post({ text: 'Same words' })).status).toBe(201);
    expect((await post({ text: 'Same words' })).body).toMatchObject({ status: 403, detail: 'You are not allowed to create a Tweet with duplicate content.' });
  });

  it('deletes own posts; deleted and missing posts come back as partial errors', async () => {
    const made = await rig();
    const mine = (await made.send<{ data: { id: string } }>('POST', '/2/tweets', { text: 'oops' }, made.acme)).body.data.id;
    const theirs = (await made.admin.createPost({ author: 'jane', text: 'hello' })).id;
    expect((await made.send('DELETE', `/2/tweets/${theirs}`, undefined, made.acme)).status).toBe(403);
    expect((await made.send('DELETE', `/2/tweets/${mine}`, undefined, made.acme)).body).toEqual({ data: { deleted: true } });
    const both = await made.get<Posts>(`/2/tweets?ids=${theirs},${mine}`);
    expect(both.body.data!.map((p) => p.id)).toEqual([theirs]);
    expect(both.body.errors).toEqual([expect.objectContaining({ resource_id: mine, parameter: 'ids', detail: `Could not find tweet with id: [${mine}].` })]);
    const single = await made.get<Posts>(`/2/tweets/${mine}`);
    expect(single.status).toBe(200);
    expect(single.body).toEqual({ errors: [expect.objectContaining({ type: 'https://api.twitter.com/2/problems/resource-not-found', resource_type: 'tweet' })] });
  });
});

describe('timelines', () => {
  it('pages a user\'s mentions with pagination_token and since_id', async () => {
    const made = await rig();
    const ids: string[] = [];
    for (let n = 0; n < 12; n++) ids.push((await made.admin.createPost({ author: `c${n}`, text: `@AcmeAir help ${n}` })).id);
    await made.admin.createPost({ author: 'x', text: 'not a mention of AcmeAir' });
    const acmeId = (await made.get<{ data: { id: string } }>('/2/users/by/username/AcmeAir')).body.data.id;
    const first = await made.get<Posts>(`/2/users/${acmeId}/mentions?max_results=5`, made.acme);
    expect(first.body.data!.map((p) => p.id)).toEqual(ids.slice(7).reverse());
    expect(first.body.meta).toMatchObject({ result_count: 5, newest_id: ids[11], oldest_id: ids[7], next_token: expect.any(String) });
    const second = await made.get<Posts>(`/2/users/${acmeId}/mentions?max_results=5&pagination_token=${first.body.meta!.next_token}`, made.acme);
    expect(second.body.data!.map((p) => p.id)).toEqual(ids.slice(2, 7).reverse());
    const since = await made.get<Posts>(`/2/users/${acmeId}/mentions?since_id=${ids[9]}`, made.acme);
    expect(since.body.data!.map((p) => p.id)).toEqual([ids[11], ids[10]]);
    expect((await made.get(`/2/users/${acmeId}/mentions?max_results=4`, made.acme)).status).toBe(400);
  });

  it('lists a user\'s posts without replies when asked, and the home timeline of followed accounts', async () => {
    const made = await rig();
    const root = await made.admin.createPost({ author: 'jane', text: 'first' });
    await made.admin.createPost({ author: 'jane', text: 'a reply', in_reply_to_post_id: root.id });
    const janeId = (await made.get<{ data: { id: string } }>('/2/users/by/username/jane')).body.data.id;
    const all = await made.get<Posts>(`/2/users/${janeId}/tweets`);
    expect(all.body.data!.map((p) => p.text)).toEqual(['a reply', 'first']);
    const noReplies = await made.get<Posts>(`/2/users/${janeId}/tweets?exclude=replies`);
    expect(noReplies.body.data!.map((p) => p.text)).toEqual(['first']);

    await made.admin.createUser({ username: 'AcmeAir', follows: ['jane'] });
    const acmeId = (await made.get<{ data: { id: string } }>('/2/users/by/username/AcmeAir')).body.data.id;
    await made.send('POST', '/2/tweets', { text: 'Our own news' }, made.acme);
    const home = await made.get<Posts>(`/2/users/${acmeId}/timelines/reverse_chronological`, made.acme);
    expect(home.body.data!.map((p) => p.text)).toEqual(['Our own news', 'a reply', 'first']);
    expect((await made.get(`/2/users/${janeId}/timelines/reverse_chronological`, made.acme)).status).toBe(403);
    expect((await made.get(`/2/users/${acmeId}/timelines/reverse_chronological`)).status).toBe(403);
  });
});

describe('the request log', () => {
  it('records method, path, query, token kind and status of every X API request, not admin calls', async () => {
    const made = await rig();
    await made.get('/2/tweets/search/recent?query=refund&max_results=10');
    await made.get('/2/users/me', made.acme);
    await made.get('/2/nowhere');
    expect(await made.admin.requests()).toEqual([
      expect.objectContaining({ method: 'GET', path: '/2/tweets/search/recent', query: { query: 'refund', max_results: '10' }, token_kind: 'app', status: 200 }),
      expect.objectContaining({ method: 'GET', path: '/2/users/me', query: {}, token_kind: 'user', status: 200 }),
      expect.objectContaining({ method: 'GET', path: '/2/nowhere', token_kind: 'app', status: 404 }),
    ]);
  });

  it('shows an observer every answer body and stream line (for the conformance harness)', async () => {
    const exchanges: SandboxExchange[] = [];
    const lines: string[] = [];
    const made = await rig({ observer: { exchange: (e) => exchanges.push(e), streamLine: (line) => lines.push(line) } });
    await made.send('POST', '/2/tweets/search/stream/rules', { add: [{ value: 'refund' }] });
    const stream = await openStream(made.sandbox.url, made.app);
    const { id } = await made.admin.createPost({ author: 'ann', text: 'refund please' });
    await stream.waitFor((s) => s.objects().length === 1);
    await made.get('/2/users/by/username/AcmeAir');
    expect(exchanges.map((e) => [e.operation_id, e.status, e.body === null ? null : (JSON.parse(e.body) as object)])).toEqual([
      ['updateRules', 200, expect.objectContaining({ meta: expect.objectContaining({ summary: expect.objectContaining({ created: 1 }) }) })],
      ['streamPosts', 200, null],
      ['getUsersByUsername', 200, { data: expect.objectContaining({ username: 'AcmeAir' }) }],
    ]);
    expect(lines.map((line) => (JSON.parse(line) as { data: { id: string } }).data.id)).toEqual([id]);
    stream.close();
  });
});
