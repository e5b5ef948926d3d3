// New posts and the outbox of a desktop working alone, against the sandbox over real HTTP on one
// injected clock: a post scheduled two minutes ahead reaches X once, at its time, also when
// Deckhand was restarted meanwhile; a past time is refused; a cancelled post never goes; a post
// X refuses shows X's reason and goes once on Retry; "Post now" answers X's id.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SOLO_AGENT } from '../../src/main/core/rpc/caller';
import { ManualClock } from '../../src/shared/clock';
import type { OutboxItemView } from '../../src/shared/outbox';
import { accountId, startColumnsRig, type ColumnsRig } from '../helpers/columns-rig';
import { eventually } from '../helpers/sandbox';

const MINUTE = 60_000;

describe('new posts, now and scheduled (solo)', () => {
  let clock: ManualClock;
  let rig: ColumnsRig;
  let acme: string;

  beforeEach(async () => {
    clock = new ManualClock(Date.UTC(2026, 11, 4, 9, 0, 0));
    rig = await startColumnsRig({ clock });
    acme = await accountId(rig, 'AcmeAir');
  });
  afterEach(() => rig.close());

  const postsWith = async (text: string) => (await rig.admin.postsBy('AcmeAir')).filter((post) => post.text === text);
  const outbox = () => rig.call<OutboxItemView[]>('listOutbox', { accountId: acme });
  const inTwoMinutes = () => new Date(clock.now() + 2 * MINUTE).toISOString();

  it('sends a post scheduled two minutes ahead once, at its time, across a restart', async () => {
    const text = 'Our winter timetable starts Monday: more flights to Oslo.';
    const sendAt = inTwoMinutes();
    const scheduled = await rig.call<OutboxItemView>('createPost', { accountId: acme, text, sendAt });
    expect(scheduled).toMatchObject({ kind: 'post', status: 'queued', sendAt, text, xId: null });
    expect((await outbox()).map((item) => item.status)).toEqual(['queued']);

    clock.advance(MINUTE);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await postsWith(text), 'nothing before its time').toEqual([]);

    // Deckhand closes and opens again before the time; the timer is set again from the store.
    await rig.restart();
    expect((await outbox())[0]).toMatchObject({ id: scheduled.id, status: 'queued' });
    clock.advance(MINUTE - 1_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await postsWith(text), 'still nothing a second early').toEqual([]);

    clock.advance(1_000);
    const [sent] = await eventually(async () => {
      const found = await postsWith(text);
      return found.length > 0 ? found : undefined;
    }, 5_000, 'the scheduled post at X');
    expect(sent!.created_at, 'posted at its time on the shared clock').toBe(sendAt);
    await eventually(async () => ((await outbox())[0]?.status === 'sent' ? true : undefined), 5_000, 'the outbox to say Sent');
    expect((await outbox())[0]).toMatchObject({ id: scheduled.id, status: 'sent', xId: sent!.id });

    // Later restarts and time send nothing more.
    await rig.restart();
    clock.advance(10 * MINUTE);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await postsWith(text)).toHaveLength(1);
  });

  it('refuses a time that has passed, and a cancelled post never goes', async () => {
    const past = await rig.core.dispatch('createPost', { accountId: acme, text: 'Too late', sendAt: new Date(clock.now() - MINUTE).toISOString() }, SOLO_AGENT);
    expect(past.ok ? null : past.error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('passed') });

    const text = 'A post we thought better of.';
    const scheduled = await rig.call<OutboxItemView>('createPost', { accountId: acme, text, sendAt: inTwoMinutes() });
    await rig.call('cancelOutboxItem', { accountId: acme, id: scheduled.id });
    expect(await outbox()).toEqual([]);
    clock.advance(5 * MINUTE);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await postsWith(text)).toEqual([]);
  });

  it('a post X refuses at its time shows X’s reason; Retry sends it once', async () => {
    const text = 'Flash sale on flights to Rome, today only.';
    const scheduled = await rig.call<OutboxItemView>('createPost', { accountId: acme, text, sendAt: inTwoMinutes() });
    await rig.admin.fault({ kind: 'http_error', path: '/2/tweets', status: 403, count: 1 });
    clock.advance(2 * MINUTE);
    const failed = await eventually(async () => (await outbox()).find((item) => item.status === 'failed'), 5_000, 'the post to fail');
    expect(failed).toMatchObject({ id: scheduled.id, reason: expect.stringContaining('403') });
    expect(await postsWith(text)).toEqual([]);

    await rig.call('retryOutboxItem', { accountId: acme, id: scheduled.id });
    await eventually(async () => ((await outbox()).find((item) => item.id === scheduled.id)?.status === 'sent' ? true : undefined), 5_000, 'the retried post sent');
    expect(await postsWith(text)).toHaveLength(1);
  });

  it('Post now answers the post as X took it', async () => {
    const text = 'Thank you for flying with us this year.';
    const posted = await rig.call<OutboxItemView>('createPost', { accountId: acme, text, sendAt: null });
    const [atX] = await postsWith(text);
    expect(posted).toMatchObject({ status: 'sent', xId: atX!.id, kind: 'post' });
    expect((await outbox()).map((item) => item.id)).toEqual([posted.id]);
  });
});
