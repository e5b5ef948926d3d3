// The synthetic traffic keeps care conversations going: customers' DM conversations with the
// brands (a booking code or order number, then angrier follow-ups in the same conversation), and
// customers answering under the brands' replies. Both deterministic for a seed.
import { describe, expect, it } from 'vitest';
import { eventually, type SandboxPost } from '../helpers/sandbox';
import { rig, type Rig } from './support';

interface AdminDm {
  dm_conversation_id: string;
  from: string;
  text: string;
}

async function burst(made: Rig, seed: number, count: number): Promise<void> {
  const before = (await (await fetch(`${made.sandbox.url}/_sandbox/traffic`)).json()) as { emitted: number };
  await made.admin.traffic({ rate: 0, seed, count });
  await eventually(async () => ((await (await fetch(`${made.sandbox.url}/_sandbox/traffic`)).json()) as { emitted: number }).emitted >= before.emitted + count, 10_000, 'the burst');
}

const brandDms = async (made: Rig, brand: string) => ((await (await fetch(`${made.sandbox.url}/_sandbox/dms?participant=${brand}&limit=10000`)).json()) as { dms: AdminDm[] }).dms;
const allPosts = async (made: Rig) => ((await (await fetch(`${made.sandbox.url}/_sandbox/posts?limit=10000`)).json()) as { posts: SandboxPost[] }).posts;

describe('customer DM conversations in the traffic', () => {
  async function conversations(seed: number) {
    const made = await rig({ seed });
    await burst(made, seed, 4_000);
    const byConversation = new Map<string, AdminDm[]>();
    for (const brand of ['AcmeAir', 'NimbusMobile']) {
      for (const dm of await brandDms(made, brand)) byConversation.set(dm.dm_conversation_id, [...(byConversation.get(dm.dm_conversation_id) ?? []), dm]);
    }
    return [...byConversation.values()].map((dms) => dms.map((dm) => `${dm.from}: ${dm.text}`));
  }

  it('opens with a booking code or order number and comes back angrier in the same conversation', async () => {
    const first = await conversations(7);
    const openers = first.map((conversation) => conversation[0]!);
    expect(openers.every((line) => /\b[A-Z]{2}\d{4}\b|\bNM-\d{6}\b/.test(line)), openers.join('\n')).toBe(true);
    const continued = first.filter((conversation) => conversation.length >= 2);
    expect(continued.length).toBeGreaterThan(5);
    for (const conversation of continued) {
      const code = /\b[A-Z]{2}\d{4}\b|\bNM-\d{6}\b/.exec(conversation[0]!)![0];
      const author = conversation[0]!.split(':')[0];
      for (const later of conversation.slice(1)) {
        expect(later.startsWith(`${author}:`)).toBe(true);
        expect(later).toContain(code);
      }
    }
    // A modest share: a few DMs per hundred posts, the same for the seed, others for another seed.
    expect(first.flat().length).toBeLessThan(200);
    expect(await conversations(7)).toEqual(first);
    expect(await conversations(8)).not.toEqual(first);
  });
});

describe('customers answering under the brands’ replies', () => {
  async function answers(seed: number) {
    const made = await rig({ seed });
    await burst(made, seed, 300);
    const customerPosts = (await allPosts(made)).filter((post) => post.text.includes('@AcmeAir') && post.author !== 'AcmeAir').slice(0, 12);
    const brandReplies: string[] = [];
    for (const [index, post] of customerPosts.entries()) {
      brandReplies.push((await made.admin.createPost({ author: 'AcmeAir', text: `@${post.author} Sorry to hear that, please DM us (${index})`, in_reply_to_post_id: post.id })).id);
    }
    await burst(made, seed, 300);
    const posts = await allPosts(made);
    const underBrand = posts.filter((post) => post.in_reply_to_post_id !== null && brandReplies.includes(post.in_reply_to_post_id));
    for (const post of underBrand) {
      const replied = customerPosts[brandReplies.indexOf(post.in_reply_to_post_id!)]!;
      expect(post.author).toBe(replied.author);
      expect(post.text).toContain('@AcmeAir');
    }
    return { answered: underBrand.map((post) => `${brandReplies.indexOf(post.in_reply_to_post_id!)} ${post.author}: ${post.text}`), emitted: posts.length };
  }

  it('the customer replies under the brand’s reply (most of the time), the same way for the seed', async () => {
    const first = await answers(3);
    expect(first.answered.length).toBeGreaterThanOrEqual(4);
    expect(first.answered.length).toBeLessThanOrEqual(12);
    expect(await answers(3)).toEqual(first);
  });
});
