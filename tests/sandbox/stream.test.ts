// The filtered stream and its rules, read raw off the socket the way X sends them.
import { describe, expect, it } from 'vitest';
import { createXClientFactory } from '../../src/main/core/x/client';
import { ManualClock } from '../../src/shared/clock';
import { openStream, rig, tick, type Rig } from './support';

interface RulesAnswer {
  data?: { id: string; value: string; tag?: string }[];
  errors?: Record<string, unknown>[];
  meta: { sent: string; summary?: Record<string, number>; result_count?: number };
}

const addRules = (made: Rig, add: { value: string; tag?: string }[], dryRun = false) =>
  made.send<RulesAnswer>('POST', `/2/tweets/search/stream/rules${dryRun ? '?dry_run=true' : ''}`, { add });

describe('stream rules', () => {
  it('adds rules with tags, lists them, and deletes them by id', async () => {
    const made = await rig();
    const added = await addRules(made, [{ value: 'refund', tag: 'col-1' }, { value: '@AcmeAir lang:es' }]);
    expect(added.status).toBe(200);
    expect(added.body.data).toEqual([
      { id: expect.stringMatching(/^\d{1,19}$/), value: 'refund', tag: 'col-1' },
      { id: expect.stringMatching(/^\d{1,19}$/), value: '@AcmeAir lang:es' },
    ]);
    expect(added.body.meta.summary).toEqual({ created: 2, not_created: 0, valid: 2, invalid: 0 });
    const listed = await made.get<RulesAnswer>('/2/tweets/search/stream/rules');
    expect(listed.body.data).toEqual(added.body.data);
    expect(listed.body.meta.result_count).toBe(2);
    const deleted = await made.send<RulesAnswer>('POST', '/2/tweets/search/stream/rules', { delete: { ids: [added.body.data![0]!.id, '123'] } });
    expect(deleted.body.meta.summary).toEqual({ deleted: 1, not_deleted: 1 });
    expect(deleted.body.errors).toEqual([expect.objectContaining({ title: 'Invalid Request', errors: [{ parameters: {}, message: 'Rule does not exist' }] })]);
    expect((await made.get<RulesAnswer>('/2/tweets/search/stream/rules')).body.data!.map((r) => r.value)).toEqual(['@AcmeAir lang:es']);
  });

  it('creates nothing when one rule is invalid, and says which with X\'s error', async () => {
    const made = await rig();
    const answer = await addRules(made, [{ value: 'refund' }, { value: '(broken', tag: 'x' }, { value: 'x'.repeat(1_025) }]);
    expect(answer.status).toBe(200);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.meta.summary).toEqual({ created: 0, not_created: 3, valid: 1, invalid: 2 });
    expect(answer.body.errors).toEqual([
      { value: '(broken', details: ["missing ')' at '<EOF>' (at position 8)"], title: 'UnprocessableEntity', type: 'https://api.twitter.com/2/problems/invalid-rules' },
      { value: 'x'.repeat(1_025), details: [expect.stringContaining('maximum allowed rule length of 1024')], title: 'UnprocessableEntity', type: 'https://api.twitter.com/2/problems/invalid-rules' },
    ]);
    expect((await made.get<RulesAnswer>('/2/tweets/search/stream/rules')).body).toEqual({ meta: { sent: expect.any(String), result_count: 0 } });
  });

  it('refuses duplicates one by one, checks without saving on dry_run, and caps rules at 1,000', async () => {
    const made = await rig();
    const first = await addRules(made, [{ value: 'refund' }]);
    const again = await addRules(made, [{ value: 'refund' }, { value: 'delay' }]);
    expect(again.body.errors).toEqual([{ value: 'refund', id: first.body.data![0]!.id, title: 'DuplicateRule', type: 'https://api.twitter.com/2/problems/duplicate-rules' }]);
    expect(again.body.data!.map((r) => r.value)).toEqual(['delay']);
    const dry = await addRules(made, [{ value: 'outage' }], true);
    expect(dry.body.data!.map((r) => r.value)).toEqual(['outage']);
    expect((await made.get<RulesAnswer>('/2/tweets/search/stream/rules')).body.meta.result_count).toBe(2);

    const many = Array.from({ length: 998 }, (_, n) => ({ value: `term${n}` }));
    expect((await addRules(made, many)).body.meta.summary).toMatchObject({ created: 998 });
    const over = await addRules(made, [{ value: 'one too many' }]);
    expect(over.body.errors).toEqual([expect.objectContaining({ title: 'RulesCapExceeded', type: 'https://api.twitter.com/2/problems/rule-cap' })]);
  });

  it('accepts only the app Bearer token, as the spec says', async () => {
    const made = await rig();
    const asUser = await made.get('/2/tweets/search/stream/rules', made.acme);
    expect(asUser.status).toBe(403);
    expect(asUser.body).toMatchObject({ type: 'https://api.twitter.com/2/problems/unsupported-authentication' });
  });
});

describe('the stream', () => {
  it('sends each matching post once as one \\r\\n-terminated JSON line with matching_rules {id, tag}', async () => {
    const made = await rig();
    const rules = (await addRules(made, [{ value: 'refund', tag: 'col-refund' }, { value: '@AcmeAir', tag: 'col-acme' }])).body.data!;
    const stream = await openStream(made.sandbox.url, made.app, '?expansions=author_id&tweet.fields=author_id,created_at');
    expect(stream.status).toBe(200);
    await made.admin.createPost({ author: 'bob', text: 'weather is nice' });
    const both = await made.admin.createPost({ author: 'jane', text: '@AcmeAir I want a refund' });
    await stream.waitFor((s) => s.objects().length === 1, 3_000, 'the post');
    const [line] = stream.objects();
    expect(line).toEqual({
      data: { id: both.id, text: '@AcmeAir I want a refund', edit_history_tweet_ids: [both.id], author_id: expect.any(String), created_at: expect.any(String) },
      includes: { users: [{ id: expect.any(String), name: 'jane', username: 'jane' }] },
      matching_rules: [{ id: rules[0]!.id, tag: 'col-refund' }, { id: rules[1]!.id, tag: 'col-acme' }],
    });
    expect(stream.text().endsWith('\r\n')).toBe(true);
    stream.close();
  });

  it('sends a \\r\\n keep-alive every 20 seconds of the injected clock', async () => {
    const clock = new ManualClock();
    const made = await rig({ clock });
    const stream = await openStream(made.sandbox.url, made.app);
    clock.advance(19_999);
    await tick();
    expect(stream.text()).toBe('');
    clock.advance(1);
    await stream.waitFor((s) => s.text() === '\r\n');
    clock.advance(40_000);
    await stream.waitFor((s) => s.text() === '\r\n\r\n\r\n');
    stream.close();
  });

  it('allows one connection per app: a second one gets X\'s TooManyConnections problem', async () => {
    const made = await rig();
    const first = await openStream(made.sandbox.url, made.app);
    const second = await made.get('/2/tweets/search/stream');
    expect(second.status).toBe(429);
    expect(second.body).toEqual({
      title: 'ConnectionException',
      detail: 'This stream is currently at the maximum allowed connection limit.',
      connection_issue: 'TooManyConnections',
      type: 'https://api.twitter.com/2/problems/streaming-connection',
    });
    first.close();
    await first.ended;
    await tick();
    const third = await openStream(made.sandbox.url, made.app);
    expect(third.status).toBe(200);
    third.close();
  });

  it('is read by twitter-api-v2 with its tags', async () => {
    const made = await rig();
    await addRules(made, [{ value: 'refund', tag: 'deckhand:col' }]);
    const client = createXClientFactory(made.sandbox.url).withToken(made.app);
    const stream = await client.v2.searchStream({ expansions: ['author_id'] });
    const received = new Promise<{ id: string; tags: string[]; author?: string }>((resolve) =>
      stream.on('data event content' as never, (event: { data: { id: string }; matching_rules: { tag: string }[]; includes?: { users?: { username: string }[] } }) =>
        resolve({ id: event.data.id, tags: event.matching_rules.map((r) => r.tag), ...(event.includes?.users?.[0] ? { author: event.includes.users[0].username } : {}) }),
      ),
    );
    const { id } = await made.admin.createPost({ author: 'ann', text: 'refund please' });
    expect(await received).toEqual({ id, tags: ['deckhand:col'], author: 'ann' });
    stream.close();
  });
});
