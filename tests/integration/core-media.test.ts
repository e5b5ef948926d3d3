// A photo attached through the sandbox's admin API reaches a search column with its media, over
// real HTTP (the filtered stream, and polling recent search) and through a real SQLite file.
import { afterEach, describe, expect, it } from 'vitest';
import type { PostView } from '../../src/shared/domain';
import { accountId, createColumn, startColumnsRig, type ColumnsRig } from '../helpers/columns-rig';
import { eventually } from '../helpers/sandbox';

const ALT = 'A suitcase with its side torn open on a baggage carousel';

const rigs: ColumnsRig[] = [];
afterEach(async () => {
  for (const rig of rigs.splice(0)) await rig.close();
});

describe.each([
  { stream: true, source: 'the filtered stream' },
  { stream: false, source: 'polling recent search' },
])('a search column fed by $source', ({ stream }) => {
  it('shows a post created with a photo with its media: key, https picture, size and alt text', async () => {
    const rig = await startColumnsRig({ sandbox: { stream, keepAliveMs: 1_000 }, pollIntervalMs: 100 });
    rigs.push(rig);
    const column = await createColumn(rig, { kind: 'search', accountId: await accountId(rig, 'AcmeAir'), query: 'ripped' });
    await eventually(
      async () => (await rig.call<{ columnId: string; state: string }[]>('listColumnStatuses')).find((s) => s.columnId === column.id && (s.state === 'streaming' || s.state === 'polling')),
      5_000,
      'the column to go live',
    );

    const text = '@AcmeAir my bag came off AA1234 ripped open 😡';
    const { id } = await rig.admin.createPost({ author: 'jane_traveller', text, media: [{ type: 'photo', alt_text: ALT, width: 1600, height: 1200 }] });
    const [post] = await eventually(async () => {
      const posts = await rig.call<PostView[]>('listColumnPosts', { columnId: column.id, limit: 50 });
      return posts.length > 0 ? posts : undefined;
    }, 5_000, 'the post in the column');

    const [attached] = (await rig.admin.postsBy('jane_traveller'))[0]!.media!;
    expect(post!.id).toBe(id);
    expect(post!.media).toEqual([{ key: attached!.media_key, type: 'photo', url: attached!.url, previewUrl: null, width: 1600, height: 1200, altText: ALT }]);
    expect(post!.media[0]!.url).toMatch(/^https:\/\/pbs\.twimg\.com\/media\//);
    // X's trailing t.co link to the media is hidden, as X's own apps do: the card shows the media.
    expect(post!.text).toBe(text);
    expect(post!.entities.urls).toEqual([]);
  });
});
