// A post's conversation and its author as a customer, read from the desktop's store: a reply
// chain injected at a real X API sandbox, filed by a search column, seen whole from its middle
// (ancestors up to the root, the replies after it, who sent the handle's own replies), and the
// customer with their posts and their direct messages with the handle.
import { afterEach, describe, expect, it } from 'vitest';
import type { ColumnStatus, ConversationView, CustomerView, PostView } from '../../src/shared/domain';
import { accountId, createColumn, startColumnsRig, type ColumnsRig } from '../helpers/columns-rig';
import { eventually } from '../helpers/sandbox';
import { SOLO_AGENT } from '../../src/main/core/rpc/caller';

describe('conversations and customers on a desktop', () => {
  let rig: ColumnsRig;
  afterEach(() => rig?.close());

  it('opens a reply chain from its middle: the posts above it to the root, the replies below, the handle’s replies with their sender; and its customer', async () => {
    rig = await startColumnsRig({ sandbox: { keepAliveMs: 500 }, engine: { stallMs: 2_000, downtimeFillMs: 300 }, pollIntervalMs: 300 });
    const acme = await accountId(rig, 'AcmeAir');
    // The customer's DM exists before the DMs column (whose first read brings it).
    await rig.admin.createDm({ from: 'convo_casey', to: 'AcmeAir', text: 'Booking AB1234, see my post' });
    await createColumn(rig, { kind: 'dms', accountId: acme });
    const column = await createColumn(rig, { kind: 'search', accountId: acme, query: 'convtest' });
    await eventually(async () => (await rig.call<ColumnStatus[]>('listColumnStatuses')).some((status) => status.columnId === column.id && status.state === 'streaming'), 10_000, 'the column to stream');

    const root = await rig.admin.createPost({ author: 'convo_casey', text: '@AcmeAir convtest my flight was cancelled' });
    const middle = await rig.admin.createPost({ author: 'convo_dana', text: '@convo_casey convtest same here', in_reply_to_post_id: root.id });
    const later = await rig.admin.createPost({ author: 'convo_casey', text: '@convo_dana convtest any news?', in_reply_to_post_id: middle.id });
    const filed = async () => (await rig.call<PostView[]>('listColumnPosts', { columnId: column.id, limit: 50 })).map((post) => post.id);
    await eventually(async () => {
      const ids = await filed();
      return [root.id, middle.id, later.id].every((id) => ids.includes(id));
    }, 10_000, 'the chain to be filed');
    const sent = await rig.call<{ id: string }>('replyToPost', { accountId: acme, inReplyToPostId: root.id, text: '@convo_casey convtest rebooked you on the next flight' });
    await eventually(async () => (await filed()).includes(sent.id), 10_000, 'the handle’s reply to be filed');

    const view = await rig.call<ConversationView>('getConversation', { accountId: acme, postId: middle.id });
    expect(view.focus.id).toBe(middle.id);
    expect(view.ancestors.map((post) => post.id)).toEqual([root.id]);
    expect(view.reachesRoot).toBe(true);
    expect(view.replies.map((post) => post.id)).toEqual([later.id, sent.id]);
    expect(view.senders).toEqual({ [sent.id]: 'You' });
    expect(await rig.core.dispatch('getConversation', { accountId: acme, postId: '999999999' }, SOLO_AGENT)).toMatchObject({ ok: false, error: { code: 'not_found' } });

    const customerId = view.ancestors[0]?.authorId ?? '';
    const customer = await rig.call<CustomerView>('getCustomer', { accountId: acme, userId: customerId });
    expect(customer.author.username).toBe('convo_casey');
    expect(customer.posts.map((post) => post.id)).toEqual([later.id, root.id]);
    await eventually(async () => (await rig.call<CustomerView>('getCustomer', { accountId: acme, userId: customerId })).dms.length === 1, 10_000, 'the customer’s DM');
    expect((await rig.call<CustomerView>('getCustomer', { accountId: acme, userId: customerId })).dms[0]?.text).toBe('Booking AB1234, see my post');
  });
});
