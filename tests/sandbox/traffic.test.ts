// Synthetic customer traffic: deterministic per seed, varied like real customer care, and fed
// into the sandbox at a rate on the injected clock or as a counted burst.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TrafficGenerator, type SyntheticPost } from '../../src/sandbox/traffic/generator';
import { ManualClock } from '../../src/shared/clock';
import { eventually } from '../helpers/sandbox';
import { openStream, rig } from './support';

const BRANDS = ['AcmeAir', 'NimbusMobile'];

function generate(seed: number, count: number): { digest: string; posts: SyntheticPost[] } {
  const generator = new TrafficGenerator(seed, BRANDS);
  const hash = createHash('sha256');
  const posts: SyntheticPost[] = [];
  for (let n = 0; n < count; n++) {
    const post = generator.next();
    hash.update(`${post.author}|${post.lang}|${post.replyTo}|${post.text}|${post.media?.map((m) => m.altText).join(',') ?? ''}\n`);
    posts.push(post);
  }
  return { digest: hash.digest('hex'), posts };
}

describe('the traffic generator', () => {
  const { digest, posts } = generate(42, 200_000);
  const share = (check: (post: SyntheticPost) => boolean) => posts.filter(check).length / posts.length;

  it('is deterministic per seed, and differs between seeds', () => {
    expect(generate(42, 200_000).digest).toBe(digest);
    expect(generate(43, 1_000).posts.map((p) => p.text)).not.toEqual(posts.slice(0, 1_000).map((p) => p.text));
  });

  it('writes varied customer care about both brands', () => {
    expect(share((p) => p.brand === 'AcmeAir')).toBeGreaterThan(0.4);
    expect(share((p) => p.brand === 'NimbusMobile')).toBeGreaterThan(0.4);
    expect(share((p) => p.text.includes(`@${p.brand}`))).toBeGreaterThan(0.8);
    for (const category of ['complaint', 'question', 'praise', 'followup', 'foreign', 'spam', 'noise'] as const) {
      expect(share((p) => p.category === category), category).toBeGreaterThan(0.03);
    }
    expect(new Set(posts.map((p) => p.text)).size).toBeGreaterThan(50_000);
    expect(new Set(posts.map((p) => p.author)).size).toBeGreaterThan(3_000);
  });

  it('has flight and order numbers, links, hashtags, emoji and five other languages', () => {
    expect(share((p) => /\bAA\d{3,4}\b/.test(p.text))).toBeGreaterThan(0.05);
    expect(share((p) => /\bNM-\d{6}\b/.test(p.text))).toBeGreaterThan(0.005);
    expect(share((p) => /https?:\/\//.test(p.text))).toBeGreaterThan(0.03);
    expect(share((p) => /#\p{L}/u.test(p.text))).toBeGreaterThan(0.05);
    expect(share((p) => /\p{Extended_Pictographic}/u.test(p.text))).toBeGreaterThan(0.1);
    expect(new Set(posts.map((p) => p.lang))).toEqual(new Set(['en', 'es', 'fr', 'de', 'ja', 'ar']));
  });

  it('attaches photos and screenshots to a small share of complaints, with alt text', () => {
    const pictured = posts.filter((p) => p.media !== null);
    expect(pictured.length / posts.length).toBeGreaterThan(0.02);
    expect(pictured.length / posts.length).toBeLessThan(0.1);
    expect(new Set(pictured.map((p) => p.category))).toEqual(new Set(['complaint']));
    const media = pictured.flatMap((p) => p.media!);
    expect(media.every((m) => m.type === 'photo' && (m.altText ?? '').length > 20)).toBe(true);
    const alts = new Set(media.map((m) => m.altText));
    expect([...alts].some((alt) => /^Photo of a suitcase/.test(alt!))).toBe(true);
    expect([...alts].some((alt) => /^Screenshot of .*error/.test(alt!))).toBe(true);
    // Bags for the airline, bills and eSIMs for the carrier.
    expect(pictured.filter((p) => p.brand === 'NimbusMobile').every((p) => !/suitcase|cabin|seat map/i.test(p.media![0]!.altText!))).toBe(true);
  });

  it('continues angry threads: follow-ups reply to an earlier complaint by the same customer', () => {
    const bySeq = new Map(posts.map((p) => [p.seq, p]));
    const replies = posts.filter((p) => p.replyTo !== null);
    expect(replies.length / posts.length).toBeGreaterThan(0.05);
    for (const reply of replies.slice(0, 1_000)) {
      const parent = bySeq.get(reply.replyTo!)!;
      expect(parent.seq).toBeLessThan(reply.seq);
      expect(parent.category).toBe('complaint');
      expect(parent.author).toBe(reply.author);
      expect(parent.brand).toBe(reply.brand);
    }
  });
});

describe('traffic in the sandbox', () => {
  it('emits `rate` posts per second of the injected clock, the same per seed, and stops at rate 0', async () => {
    const texts: string[][] = [];
    for (let run = 0; run < 2; run++) {
      const clock = new ManualClock();
      const made = await rig({ clock });
      await made.admin.traffic({ rate: 20, seed: 7 });
      clock.advance(1_000);
      expect((await made.admin.traffic({ rate: 0 })).emitted).toBe(20);
      clock.advance(5_000);
      const posts = (await (await fetch(`${made.sandbox.url}/_sandbox/posts`)).json()) as { posts: { text: string }[] };
      texts.push(posts.posts.map((p) => p.text));
    }
    expect(texts[0]).toHaveLength(20);
    expect(texts[1]).toEqual(texts[0]);
  });

  it('starts with the `rate` option, and the posts reach search and the stream', async () => {
    const clock = new ManualClock();
    const made = await rig({ clock, rate: 5, seed: 3 });
    await made.send('POST', '/2/tweets/search/stream/rules', { add: [{ value: '@AcmeAir', tag: 'acme' }] });
    const stream = await openStream(made.sandbox.url, made.app);
    clock.advance(10_000);
    const found = await made.get<{ meta: { result_count: number } }>('/2/tweets/search/recent?query=%40AcmeAir%20OR%20%40NimbusMobile&max_results=100');
    expect(found.body.meta.result_count).toBeGreaterThan(20);
    await stream.waitFor((s) => s.objects().length > 5, 3_000, 'streamed traffic');
    expect(stream.objects().every((o) => (o.matching_rules as { tag: string }[])[0]!.tag === 'acme')).toBe(true);
    stream.close();
  });

  it('puts its photos on the wire: has:images finds them, with the picture and alt text in includes.media', async () => {
    const made = await rig();
    await made.admin.traffic({ rate: 0, seed: 5, count: 3_000 });
    await eventually(async () => !((await (await fetch(`${made.sandbox.url}/_sandbox/traffic`)).json()) as { running: boolean }).running, 10_000, 'the burst to finish');
    const found = await made.get<{ data: { attachments: { media_keys: string[] } }[]; includes: { media: { media_key: string; url: string; alt_text: string }[] } }>(
      '/2/tweets/search/recent?query=%40AcmeAir%20has%3Aimages&max_results=100&expansions=attachments.media_keys&media.fields=url,alt_text,width,height',
    );
    expect(found.body.data.length).toBeGreaterThan(10);
    expect(found.body.includes.media.map((m) => m.media_key).sort()).toEqual(found.body.data.flatMap((p) => p.attachments.media_keys).sort());
    for (const media of found.body.includes.media) {
      expect(media.url).toMatch(/^https:\/\/pbs\.twimg\.com\/media\/[\w-]{15}\.jpg$/);
      expect(media.alt_text.length).toBeGreaterThan(20);
    }
  });

  it('emits exactly `count` posts as fast as it can, then stops', async () => {
    const made = await rig();
    const started = await made.admin.traffic({ rate: 0, seed: 1, count: 20_000, brands: ['AcmeAir'] });
    expect(started.running).toBe(true);
    const done = await eventually(async () => {
      const status = (await (await fetch(`${made.sandbox.url}/_sandbox/traffic`)).json()) as { running: boolean; emitted: number };
      return status.running ? undefined : status;
    }, 20_000, 'the burst to finish');
    expect(done.emitted).toBe(20_000);
    const state = (await (await fetch(`${made.sandbox.url}/_sandbox/state`)).json()) as { posts: number };
    expect(state.posts).toBe(20_000);
  });

  it('bounds memory: past maxPosts the oldest posts are forgotten', async () => {
    const clock = new ManualClock();
    const made = await rig({ clock, maxPosts: 1_000 });
    const first = await made.admin.createPost({ author: 'ann', text: 'the very first refund' });
    await made.admin.traffic({ rate: 500, seed: 2 });
    clock.advance(4_000);
    await made.admin.traffic({ rate: 0 });
    const state = (await (await fetch(`${made.sandbox.url}/_sandbox/state`)).json()) as { posts: number };
    expect(state.posts).toBeGreaterThan(800);
    expect(state.posts).toBeLessThanOrEqual(1_000);
    expect((await made.get(`/2/tweets/${first.id}`)).body).toMatchObject({ errors: [{ resource_id: first.id }] });
  });
});
