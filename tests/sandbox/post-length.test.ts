// POST /2/tweets counts text as X does (twitter-text's weighted length), so the sandbox refuses what
// X refuses: 150 CJK characters weigh 300, over a plain account's 280.
import { describe, expect, it } from 'vitest';
import { rig } from './support';

const TOO_LONG = {
  title: 'Forbidden',
  status: 403,
  type: 'about:blank',
  detail: 'Your Tweet text is too long. For more information on how Twitter determines text length see https://github.com/twitter/twitter-text.',
};

async function plainAccount() {
  const made = await rig();
  await made.admin.createUser({ username: 'kaito_t', verified: false });
  const token = (await made.admin.userToken('kaito_t')).access_token;
  return { made, post: (text: string) => made.send<Record<string, unknown>>('POST', '/2/tweets', { text }, token) };
}

describe('post length on POST /2/tweets', () => {
  it('refuses 150 CJK characters from a plain account and takes 140', async () => {
    const { made, post } = await plainAccount();
    const refused = await post('遅'.repeat(150));
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual(TOO_LONG);
    const taken = await post('遅'.repeat(140));
    expect(taken.status).toBe(201);
    expect(taken.body).toEqual({ data: { id: expect.stringMatching(/^\d+$/), text: '遅'.repeat(140), edit_history_tweet_ids: [expect.stringMatching(/^\d+$/)] } });
    expect((await made.admin.postsBy('kaito_t')).map((p) => p.text)).toEqual(['遅'.repeat(140)]);
  });

  it('counts every link as 23, so long links fit and emoji count twice', async () => {
    const { post } = await plainAccount();
    const link = `https://status.acmeair.com/flights/${'AA1234/'.repeat(40)}`;
    const withLinks = `Boarding update ${link} and ${link}`;
    expect(Array.from(withLinks).length).toBeGreaterThan(280);
    expect((await post(withLinks)).status).toBe(201);
    expect((await post('🛫'.repeat(141))).status).toBe(403);
    expect((await post('🛫'.repeat(140))).status).toBe(201);
  });
});
