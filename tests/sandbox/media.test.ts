// Media as X sends it: attachments.media_keys on the post, the Photo/Video/AnimatedGif objects in
// includes.media with the media.fields asked for, the trailing t.co link to the media, and the
// has:media / has:images / has:videos operators, on search, lookups, timelines and the stream.
import { describe, expect, it } from 'vitest';
import type { SandboxMediaInput, SandboxPost } from '../helpers/sandbox';
import { openStream, rig, type Rig } from './support';

interface WireMedia {
  media_key: string;
  type: string;
  [field: string]: unknown;
}
interface WirePost {
  id: string;
  text: string;
  attachments?: { media_keys: string[] };
  entities?: { urls?: { start: number; end: number; url: string; expanded_url: string; display_url: string; media_key?: string }[] };
  note_tweet?: unknown;
  [field: string]: unknown;
}
interface Answer {
  data?: WirePost | WirePost[];
  includes?: { media?: WireMedia[]; tweets?: WirePost[] };
  meta?: { result_count: number };
}

const ALL_MEDIA_FIELDS = 'media.fields=media_key,type,url,preview_image_url,width,height,alt_text,duration_ms,variants,public_metrics';
const EXPANDED = `expansions=attachments.media_keys&${ALL_MEDIA_FIELDS}`;
const BAG_ALT = 'A suitcase with its side torn open on a baggage carousel';

const list = (answer: Answer): WirePost[] => (Array.isArray(answer.data) ? answer.data : answer.data ? [answer.data] : []);
const search = async (made: Rig, query: string, extra = '') =>
  (await made.get<Answer>(`/2/tweets/search/recent?query=${encodeURIComponent(query)}&max_results=100${extra ? `&${extra}` : ''}`)).body;

async function damagedBag(made: Rig, media: SandboxMediaInput[] = [{ type: 'photo', alt_text: BAG_ALT }]): Promise<string> {
  return (await made.admin.createPost({ author: 'jane_doe', text: '@AcmeAir this is how my bag came off AA1234 😡', media })).id;
}

describe('media on posts', () => {
  it('sends attachments.media_keys, the Photo in includes.media, and the t.co link X adds to the text', async () => {
    const made = await rig();
    const id = await damagedBag(made, [{ type: 'photo', alt_text: BAG_ALT, width: 1600, height: 1200 }, { type: 'photo' }]);
    const answer = (await made.get<Answer>(`/2/tweets/${id}?tweet.fields=entities&${EXPANDED}`)).body;
    const post = answer.data as WirePost;
    const keys = post.attachments!.media_keys;
    expect(keys).toEqual([expect.stringMatching(/^3_\d+$/), expect.stringMatching(/^3_\d+$/)]);
    expect(BigInt(keys[0]!.slice(2))).toBeLessThan(BigInt(id)); // uploaded before the post
    expect(answer.includes!.media).toEqual([
      { media_key: keys[0], type: 'photo', url: expect.stringMatching(/^https:\/\/pbs\.twimg\.com\/media\/[A-Za-z0-9_-]{15}\.jpg$/), width: 1600, height: 1200, alt_text: BAG_ALT },
      { media_key: keys[1], type: 'photo', url: expect.stringMatching(/^https:\/\/pbs\.twimg\.com\/media\//), width: 1200, height: 900 },
    ]);

    // "… 😡 https://t.co/…": offsets in code points, so the emoji counts once.
    const link = /https:\/\/t\.co\/([A-Za-z0-9]{10})$/.exec(post.text)!;
    expect(post.text).toBe(`@AcmeAir this is how my bag came off AA1234 😡 ${link[0]}`);
    const start = [...post.text].length - link[0].length;
    expect(post.entities!.urls).toEqual(
      keys.map((key, index) => ({
        start,
        end: start + link[0].length,
        url: link[0],
        expanded_url: `https://x.com/jane_doe/status/${id}/photo/${index + 1}`,
        display_url: `pic.x.com/${link[1]}`,
        media_key: key,
      })),
    );
    // The admin API lists what was attached; the text the author typed has no link.
    const listed = (await made.admin.postsBy('jane_doe'))[0]!;
    expect(listed.text).toBe('@AcmeAir this is how my bag came off AA1234 😡');
    expect(listed.media!.map((m) => [m.media_key, m.alt_text])).toEqual([
      [keys[0], BAG_ALT],
      [keys[1], null],
    ]);
  });

  it('gives only media_key and type by default, and neither attachments nor includes.media unless asked', async () => {
    const made = await rig();
    const id = await damagedBag(made);
    const bare = (await made.get<Answer>(`/2/tweets/${id}`)).body;
    expect(bare.data).toEqual({ id, text: expect.stringMatching(/ https:\/\/t\.co\/\w{10}$/), edit_history_tweet_ids: [id] });
    expect(bare.includes).toBeUndefined();
    const keysOnly = (await made.get<Answer>(`/2/tweets/${id}?tweet.fields=attachments`)).body;
    expect((keysOnly.data as WirePost).attachments!.media_keys).toHaveLength(1);
    expect(keysOnly.includes).toBeUndefined();
    const defaults = (await made.get<Answer>(`/2/tweets/${id}?expansions=attachments.media_keys`)).body;
    expect(defaults.includes!.media).toEqual([{ media_key: (defaults.data as WirePost).attachments!.media_keys[0], type: 'photo' }]);
  });

  it('sends a Video and an AnimatedGif with their still pictures, files and length, and no url', async () => {
    const made = await rig();
    const video = (await made.admin.createPost({ author: 'sam_k', text: 'Gate chaos in Denver', media: [{ type: 'video', duration_ms: 42_000 }] })).id;
    const gif = (await made.admin.createPost({ author: 'sam_k', text: 'me waiting for my refund', media: [{ type: 'animated_gif', alt_text: 'A skeleton waiting on a bench' }] })).id;
    const answer = (await made.get<Answer>(`/2/tweets?ids=${video},${gif}&tweet.fields=entities&${EXPANDED}`)).body;
    const [videoPost, gifPost] = list(answer);
    expect(videoPost!.attachments!.media_keys).toEqual([expect.stringMatching(/^7_\d+$/)]);
    expect(gifPost!.attachments!.media_keys).toEqual([expect.stringMatching(/^16_\d+$/)]);
    expect(videoPost!.entities!.urls![0]!.expanded_url).toBe(`https://x.com/sam_k/status/${video}/video/1`);
    expect(answer.includes!.media).toEqual([
      {
        media_key: videoPost!.attachments!.media_keys[0],
        type: 'video',
        preview_image_url: expect.stringMatching(/^https:\/\/pbs\.twimg\.com\/ext_tw_video_thumb\//),
        width: 1280,
        height: 720,
        duration_ms: 42_000,
        public_metrics: { view_count: 0 },
        variants: expect.arrayContaining([expect.objectContaining({ content_type: 'video/mp4', url: expect.stringMatching(/^https:\/\/video\.twimg\.com\/.+\.mp4/) })]),
      },
      {
        media_key: gifPost!.attachments!.media_keys[0],
        type: 'animated_gif',
        preview_image_url: expect.stringMatching(/^https:\/\/pbs\.twimg\.com\/tweet_video_thumb\//),
        width: 480,
        height: 270,
        alt_text: 'A skeleton waiting on a bench',
        variants: [{ bit_rate: 0, content_type: 'video/mp4', url: expect.stringMatching(/^https:\/\/video\.twimg\.com\/tweet_video\//) }],
      },
    ]);
  });

  it('lets a post be only its media, and does not count the media link toward the 280', async () => {
    const made = await rig();
    const only = (await made.admin.createPost({ author: 'jane_doe', text: '', media: [{ type: 'photo' }] })).id;
    expect(((await made.get<Answer>(`/2/tweets/${only}`)).body.data as WirePost).text).toMatch(/^https:\/\/t\.co\/\w{10}$/);
    const near = (await made.admin.createPost({ author: 'jane_doe', text: 'x'.repeat(275), media: [{ type: 'photo' }] })).id;
    const post = (await made.get<Answer>(`/2/tweets/${near}?tweet.fields=note_tweet`)).body.data as WirePost;
    expect(post.note_tweet).toBeUndefined();
    expect(post.text).toMatch(/^x{275} https:\/\/t\.co\/\w{10}$/);
  });

  it('carries the original media on a repost, and expands a quoted post\'s media', async () => {
    const made = await rig();
    const id = await damagedBag(made);
    const me = (await made.get<{ data: { id: string } }>('/2/users/me', made.acme)).body.data.id;
    const repost = (await made.send<{ data: { id: string } }>('POST', `/2/users/${me}/retweets`, { tweet_id: id }, made.acme)).body.data.id;
    const quote = (await made.admin.createPost({ author: 'sam_k', text: 'Same happened to me', quote_of_post_id: id })).id;
    const original = ((await made.get<Answer>(`/2/tweets/${id}?tweet.fields=attachments`)).body.data as WirePost).attachments!.media_keys;
    const answer = (await made.get<Answer>(`/2/tweets?ids=${repost},${quote}&expansions=attachments.media_keys,referenced_tweets.id,referenced_tweets.id.attachments.media_keys&media.fields=alt_text`)).body;
    const [repostPost, quotePost] = list(answer);
    expect(repostPost!.attachments!.media_keys).toEqual(original);
    expect(quotePost!.attachments).toBeUndefined();
    expect(answer.includes!.tweets!.map((t) => t.attachments?.media_keys)).toEqual([original]);
    expect(answer.includes!.media).toEqual([{ media_key: original[0], type: 'photo', alt_text: BAG_ALT }]);
  });
});

describe('has:media, has:images and has:videos', () => {
  it('match posts by their media, and has:links matches media too', async () => {
    const made = await rig();
    const photo = await damagedBag(made);
    const video = (await made.admin.createPost({ author: 'sam_k', text: '@AcmeAir gate chaos', media: [{ type: 'video' }] })).id;
    const gif = (await made.admin.createPost({ author: 'sam_k', text: '@AcmeAir waiting', media: [{ type: 'animated_gif' }] })).id;
    const plain = (await made.admin.createPost({ author: 'ann', text: '@AcmeAir no pictures here' })).id;
    const ids = async (query: string) => list(await search(made, query)).map((post) => post.id).sort();
    expect(await ids('@AcmeAir has:media')).toEqual([photo, video, gif].sort());
    expect(await ids('@AcmeAir has:images')).toEqual([photo]);
    expect(await ids('@AcmeAir has:videos')).toEqual([video]);
    expect(await ids('@AcmeAir -has:media')).toEqual([plain]);
    expect(await ids('@AcmeAir has:links')).toEqual([photo, video, gif].sort());
  });

  it('expands media in search and the user timelines', async () => {
    const made = await rig();
    await damagedBag(made);
    const found = await search(made, 'bag has:images', EXPANDED);
    expect(found.includes!.media).toEqual([expect.objectContaining({ type: 'photo', alt_text: BAG_ALT })]);
    const acme = (await made.get<{ data: { id: string } }>('/2/users/by/username/AcmeAir')).body.data.id;
    const mentions = (await made.get<Answer>(`/2/users/${acme}/mentions?${EXPANDED}`)).body;
    expect(list(mentions)[0]!.attachments!.media_keys).toEqual([found.includes!.media![0]!.media_key]);
    expect(mentions.includes!.media).toEqual(found.includes!.media);
  });

  it('streams matching posts with their media in includes', async () => {
    const made = await rig();
    await made.send('POST', '/2/tweets/search/stream/rules', { add: [{ value: '@AcmeAir has:media', tag: 'pictures' }] });
    const stream = await openStream(made.sandbox.url, made.app, `?${EXPANDED}`);
    await made.admin.createPost({ author: 'ann', text: '@AcmeAir no pictures here' });
    await damagedBag(made);
    await stream.waitFor((s) => s.objects().length === 1, 3_000, 'the post with a photo');
    const [line] = stream.objects() as Answer[];
    expect((line!.data as WirePost).attachments!.media_keys).toHaveLength(1);
    expect(line!.includes!.media).toEqual([expect.objectContaining({ type: 'photo', alt_text: BAG_ALT, url: expect.stringMatching(/^https:\/\//) })]);
    stream.close();
  });
});

describe('the admin API for media', () => {
  it.each([
    [{ media: 'photo' }, 'media must be an array'],
    [{ media: [{}] }, 'media[0].type must be one of photo, video, animated_gif'],
    [{ media: [{ type: 'sticker' }] }, 'media[0].type must be one of photo, video, animated_gif'],
    [{ media: [{ type: 'photo', colour: 'red' }] }, 'media[0].colour is not one of type, url, preview_image_url, width, height, alt_text, duration_ms'],
    [{ media: [{ type: 'photo', url: 'http://pbs.example/a.jpg' }] }, 'media[0].url must be an https URL (X serves media over https only)'],
    [{ media: [{ type: 'photo', url: 'not a url' }] }, 'media[0].url must be an https URL'],
    [{ media: [{ type: 'photo', preview_image_url: 'https://pbs.example/a.jpg' }] }, "media[0].preview_image_url is for a video or animated_gif; a photo's picture is its url"],
    [{ media: [{ type: 'video', preview_image_url: 'data:image/png;base64,AA' }] }, 'media[0].preview_image_url must be an https URL'],
    [{ media: [{ type: 'photo', width: 0 }] }, 'media[0].width must be a whole number from 1 to 10000'],
    [{ media: [{ type: 'photo', height: 1.5 }] }, 'media[0].height must be a whole number from 1 to 10000'],
    [{ media: [{ type: 'photo', alt_text: 'a'.repeat(1_001) }] }, 'media[0].alt_text must be a string of at most 1000 characters'],
    [{ media: [{ type: 'photo', duration_ms: 1_000 }] }, 'media[0].duration_ms is for a video only'],
    [{ media: Array.from({ length: 5 }, () => ({ type: 'photo' })) }, 'media: at most 4 photos per post'],
    [{ media: [{ type: 'photo' }, { type: 'video' }] }, 'media: a video or animated_gif must be the only media of its post'],
    [{ media: [{ type: 'animated_gif' }, { type: 'animated_gif' }] }, 'media: a video or animated_gif must be the only media of its post'],
    [{ media: [] }, 'text is required'],
  ])('refuses %j with a clear 400 and creates nothing', async (extra, message) => {
    const made = await rig();
    const answer = await made.send<{ error: string }>('POST', '/_sandbox/posts', { author: 'jane_doe', ...extra });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toContain(message);
    const posts = (await made.get<{ posts: SandboxPost[] }>('/_sandbox/posts')).body.posts;
    expect(posts).toEqual([]);
  });

  it('keeps the https URLs it is given', async () => {
    const made = await rig();
    await made.admin.createPost({
      author: 'jane_doe',
      text: 'clip',
      media: [{ type: 'video', url: 'https://cdn.example/clip.mp4', preview_image_url: 'https://cdn.example/clip.jpg', width: 640, height: 360 }],
    });
    const found = await search(made, 'clip has:videos', `${EXPANDED}`);
    expect(found.includes!.media![0]).toMatchObject({ preview_image_url: 'https://cdn.example/clip.jpg', width: 640, height: 360 });
    expect(found.includes!.media![0]!.variants).toContainEqual({ bit_rate: 2_176_000, content_type: 'video/mp4', url: 'https://cdn.example/clip.mp4' });
  });
});
