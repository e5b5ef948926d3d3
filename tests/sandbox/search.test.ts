// Recent search paging as X does it, driven through twitter-api-v2 where the library pages.
import { describe, expect, it } from 'vitest';
import { createXClientFactory } from '../../src/main/core/x/client';
import { ManualClock } from '../../src/shared/clock';
import { rig, type Rig } from './support';

interface Page {
  data?: { id: string; text: string }[];
  meta: { newest_id?: string; oldest_id?: string; result_count: number; next_token?: string };
}

async function postMany(made: Rig, count: number, text = (n: number) => `refund request number ${n}`): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 0; n < count; n++) ids.push((await made.admin.createPost({ author: `customer${n % 7}`, text: text(n) })).id);
  return ids;
}

describe('recent search', () => {
  it('pages newest first with next_token, and polls with since_id = newest_id of the first page', async () => {
    const made = await rig();
    const ids = await postMany(made, 25);
    const first = await made.get<Page>('/2/tweets/search/recent?query=refund&max_results=10');
    expect(first.body.data!.map((p) => p.id)).toEqual(ids.slice(15).reverse());
    expect(first.body.meta).toMatchObject({ newest_id: ids[24], oldest_id: ids[15], result_count: 10, next_token: expect.any(String) });
    const second = await made.get<Page>(`/2/tweets/search/recent?query=refund&max_results=10&next_token=${first.body.meta.next_token}`);
    expect(second.body.data!.map((p) => p.id)).toEqual(ids.slice(5, 15).reverse());
    const third = await made.get<Page>(`/2/tweets/search/recent?query=refund&max_results=10&next_token=${second.body.meta.next_token}`);
    expect(third.body.data!.map((p) => p.id)).toEqual(ids.slice(0, 5).reverse());
    expect(third.body.meta.next_token).toBeUndefined();

    // Next poll: 12 new posts. since_id = newest of the first page; follow next_token with it.
    const fresh = await postMany(made, 12, (n) => `refund again ${n}`);
    const since = first.body.meta.newest_id!;
    const poll = await made.get<Page>(`/2/tweets/search/recent?query=refund&max_results=10&since_id=${since}`);
    expect(poll.body.data!.map((p) => p.id)).toEqual(fresh.slice(2).reverse());
    const rest = await made.get<Page>(`/2/tweets/search/recent?query=refund&max_results=10&since_id=${since}&next_token=${poll.body.meta.next_token}`);
    expect(rest.body.data!.map((p) => p.id)).toEqual(fresh.slice(0, 2).reverse());
    expect(rest.body.meta.next_token).toBeUndefined();
    const quiet = await made.get<Page>(`/2/tweets/search/recent?query=refund&since_id=${poll.body.meta.newest_id}`);
    expect(quiet.body).toEqual({ meta: { result_count: 0 } });
  });

  it('is paged by twitter-api-v2 the same way (the wire format the library expects)', async () => {
    const made = await rig();
    const ids = await postMany(made, 23);
    const client = createXClientFactory(made.sandbox.url).withToken(made.app);
    const paginator = await client.v2.search('refund', { max_results: 10, 'tweet.fields': ['created_at'] });
    await paginator.fetchLast();
    expect(paginator.tweets.map((t) => t.id)).toEqual([...ids].reverse());
    expect(paginator.done).toBe(true);
  });

  it('honours until_id, start_time and end_time', async () => {
    const clock = new ManualClock();
    const made = await rig({ clock });
    const early = (await made.admin.createPost({ author: 'a', text: 'refund one' })).id;
    clock.advance(60_000);
    const middle = (await made.admin.createPost({ author: 'b', text: 'refund two' })).id;
    clock.advance(60_000);
    const late = (await made.admin.createPost({ author: 'c', text: 'refund three' })).id;
    clock.advance(60_000);
    const ids = async (query: string) => ((await made.get<Page>(`/2/tweets/search/recent?query=refund${query}`)).body.data ?? []).map((p) => p.id);
    expect(await ids(`&until_id=${late}`)).toEqual([middle, early]);
    const minute = (offset: number) => new Date(Date.UTC(2026, 10, 25, 9, offset, 0)).toISOString();
    expect(await ids(`&start_time=${minute(1)}`)).toEqual([late, middle]);
    expect(await ids(`&end_time=${minute(1)}`)).toEqual([early]);
    expect(await ids(`&start_time=${minute(1)}&end_time=${minute(2)}`)).toEqual([middle]);
  });

  it('reaches back 7 days only, and refuses bounds outside the window as X does', async () => {
    const clock = new ManualClock();
    const made = await rig({ clock });
    const old = (await made.admin.createPost({ author: 'a', text: 'refund from last week' })).id;
    clock.advance(8 * 24 * 3600_000);
    const recent = (await made.admin.createPost({ author: 'b', text: 'refund from today' })).id;
    clock.advance(60_000);
    const found = await made.get<Page>('/2/tweets/search/recent?query=refund');
    expect(found.body.data!.map((p) => p.id)).toEqual([recent]);
    const stale = await made.get<{ errors: { message: string }[] }>(`/2/tweets/search/recent?query=refund&since_id=${old}`);
    expect(stale.status).toBe(400);
    expect(stale.body.errors[0]!.message).toMatch(/^Invalid 'since_id':'\d+'\. 'since_id' must be a tweet id created after 2026-11-26T09:01Z/);
    const tooEarly = await made.get<{ errors: { message: string }[] }>('/2/tweets/search/recent?query=refund&start_time=2026-11-01T00:00:00Z');
    expect(tooEarly.body.errors[0]!.message).toBe("Invalid 'start_time':'2026-11-01T00:00:00Z'. 'start_time' must be on or after 2026-11-26T09:01Z");
    const now = new Date(clock.now()).toISOString();
    const tooLate = await made.get<{ errors: { message: string }[] }>(`/2/tweets/search/recent?query=refund&end_time=${now}`);
    expect(tooLate.body.errors[0]!.message).toContain("'end_time' must be a minimum of 10 seconds prior to the request time.");
  });

  it('keeps max_results within 10..100 and checks every parameter against the spec', async () => {
    const made = await rig();
    const small = await made.get<{ errors: { message: string; parameters: Record<string, string[]> }[] }>('/2/tweets/search/recent?query=refund&max_results=9');
    expect(small.status).toBe(400);
    expect(small.body.errors).toEqual([{ parameters: { max_results: ['9'] }, message: 'The `max_results` query parameter value [9] is not between 10 and 100' }]);
    expect((await made.get('/2/tweets/search/recent?query=refund&max_results=101')).status).toBe(400);
    expect((await made.get('/2/tweets/search/recent?query=refund&max_results=100')).status).toBe(200);
    const several = await made.get<{ errors: { message: string }[] }>('/2/tweets/search/recent?tweet.fields=author_id,mood&sort_order=best&colour=red');
    expect(several.body.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^The query parameter \[colour\] is not one of \[query,start_time,end_time,since_id,until_id,max_results,next_token,pagination_token,sort_order,/),
      'The `query` query parameter can not be empty',
      'The `sort_order` query parameter value [best] is not one of [recency,relevancy]',
      expect.stringMatching(/^The `tweet.fields` query parameter value \[mood\] is not one of \[article,attachments,author_id,/),
    ]);
    expect((await made.get('/2/tweets/search/recent?query=refund&next_token=garbage')).status).toBe(400);
  });

  it('orders by relevancy when asked: reach and engagement first', async () => {
    const made = await rig();
    await made.admin.createUser({ username: 'celebrity', followers: 2_000_000, verified: true });
    const popular = (await made.admin.createPost({ author: 'celebrity', text: 'refund policy thoughts' })).id;
    const ordinary = await postMany(made, 3);
    const byRecency = await made.get<Page>('/2/tweets/search/recent?query=refund');
    expect(byRecency.body.data![0]!.id).toBe(ordinary[2]);
    const byRelevancy = await made.get<Page>('/2/tweets/search/recent?query=refund&sort_order=relevancy');
    expect(byRelevancy.body.data![0]!.id).toBe(popular);
    expect(byRelevancy.body.data).toHaveLength(4);
  });

  it('refuses queries longer than the tier allows (512 on self-serve)', async () => {
    const made = await rig();
    const long = `refund ${'x'.repeat(510)}`;
    const answer = await made.get<{ errors: { message: string }[] }>(`/2/tweets/search/recent?query=${long}`);
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0]!.message).toContain('exceeds the 512 characters');
    const pro = await rig({ tier: 'pro' });
    expect((await pro.get(`/2/tweets/search/recent?query=${long}`)).status).toBe(200);
  });
});
