// GET /2/usage/tweets: the posts the app read this month, against the tier's cap.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/shared/clock';
import { rig } from './support';

interface Usage {
  data: {
    project_id?: string;
    project_cap?: number;
    project_usage?: number;
    cap_reset_day?: number;
    daily_project_usage?: { project_id: number; usage: { date: string; usage: number }[] };
    daily_client_app_usage?: { client_app_id: string; usage: { date: string; usage: number }[]; usage_result_count: number }[];
  };
}

describe('usage', () => {
  it('counts the posts the app has read, per day, against the basic tier cap', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 25, 9, 0, 0));
    const made = await rig({ tier: 'basic', clock });
    for (const text of ['@AcmeAir one', '@AcmeAir two', '@AcmeAir three']) await made.admin.createPost({ author: 'jane', text });
    const before = await made.get<Usage>('/2/usage/tweets');
    expect(before.body).toEqual({ data: { project_id: expect.stringMatching(/^\d+$/), project_cap: 15_000, project_usage: 0, cap_reset_day: 6 } });

    const search = await made.get<{ meta: { result_count: number } }>('/2/tweets/search/recent?query=AcmeAir', made.acme);
    expect(search.body.meta.result_count).toBe(3);
    clock.advance(86_400_000);
    const posts = await made.admin.postsBy('jane');
    // A day later the user token has expired; the app token reads as well.
    await made.get(`/2/tweets?ids=${posts.map((post) => post.id).join(',')}`);

    const after = await made.get<Usage>('/2/usage/tweets?usage.fields=project_usage,daily_project_usage,daily_client_app_usage&days=3');
    expect(after.body.data.project_usage).toBe(6);
    expect(after.body.data.daily_project_usage!.usage).toEqual([
      { date: '2026-11-24T00:00:00.000Z', usage: 0 },
      { date: '2026-11-25T00:00:00.000Z', usage: 3 },
      { date: '2026-11-26T00:00:00.000Z', usage: 3 },
    ]);
    expect(after.body.data.daily_client_app_usage).toEqual([{ client_app_id: expect.stringMatching(/^\d+$/), usage: after.body.data.daily_project_usage!.usage, usage_result_count: 3 }]);
    expect(Object.keys(after.body.data).sort()).toEqual(['daily_client_app_usage', 'daily_project_usage', 'project_usage']);
  });

  it('answers no cap on pay-per-use, and only to the app Bearer token', async () => {
    const made = await rig();
    expect((await made.get<Usage>('/2/usage/tweets')).body.data).not.toHaveProperty('project_cap');
    expect((await made.get('/2/usage/tweets', made.acme)).body).toMatchObject({ type: 'https://api.twitter.com/2/problems/unsupported-authentication' });
    expect((await made.get('/2/usage/tweets?days=91')).status).toBe(400);
  });
});
