// The admin API says what the traffic generator wrote each post as (complaint, praise, noise...),
// so tests can score triage against it; X's own answers do not carry it.
import { describe, expect, it } from 'vitest';
import { TrafficGenerator } from '../../src/sandbox/traffic/generator';
import { eventually } from '../helpers/sandbox';
import { rig } from './support';

const BRANDS = ['AcmeAir', 'NimbusMobile'];

describe('traffic labels', () => {
  it('lists each traffic post with its generator label, and none on other posts or on the X wire', async () => {
    const made = await rig();
    const typed = await made.admin.createPost({ author: 'ann', text: 'typed by hand' });
    await made.admin.traffic({ rate: 0, seed: 11, brands: BRANDS, count: 300 });
    await eventually(async () => !((await (await fetch(`${made.sandbox.url}/_sandbox/traffic`)).json()) as { running: boolean }).running, 10_000, 'the burst to finish');

    const listed = (await (await fetch(`${made.sandbox.url}/_sandbox/posts?limit=10000`)).json()) as { posts: { id: string; text: string; traffic_label: string | null }[] };
    const [first, ...traffic] = listed.posts;
    expect(first).toMatchObject({ id: typed.id, traffic_label: null });
    const generator = new TrafficGenerator(11, BRANDS);
    const expected = Array.from({ length: 300 }, () => generator.next());
    expect(traffic.map((post) => [post.text, post.traffic_label])).toEqual(expected.map((post) => [post.text, post.category]));

    const onTheWire = await made.get<{ data: Record<string, unknown> }>(`/2/tweets/${traffic[0]!.id}?tweet.fields=lang,created_at,author_id`);
    expect(onTheWire.body.data).toMatchObject({ id: traffic[0]!.id });
    expect(JSON.stringify(onTheWire.body)).not.toContain('traffic_label');
  });
});
