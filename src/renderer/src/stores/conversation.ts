// The conversation open beside the deck (one at a time) and its customer: loaded from the core's
// store, read again as new posts of that conversation arrive or a reply is sent on it. Or, from a
// @mention, a user's profile alone (`postId` null): the customer panel of whoever it names.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { systemClock, type TimerHandle } from '../../../shared/clock';
import type { ConversationView, CustomerView, PostView } from '../../../shared/domain';
import { useBridge } from '../bridge/bridge';

/** New posts arrive in bursts: the open conversation reads itself again at most this often. */
const RELOAD_MS = 200;

export const useConversationStore = defineStore('conversation', () => {
  const { api } = useBridge();
  const target = shallowRef<{ handleId: string; postId: string } | { handleId: string; postId: null; username: string } | null>(null);
  const view = shallowRef<ConversationView | null>(null);
  const customer = shallowRef<CustomerView | null>(null);
  const error = ref<string | null>(null);
  let reloadTimer: TimerHandle | null = null;

  async function load(): Promise<void> {
    const opened = target.value;
    if (!opened) return;
    if (opened.postId === null) {
      const profile = await api.getCustomerByUsername({ accountId: opened.handleId, username: opened.username });
      if (target.value !== opened) return;
      error.value = profile.ok ? null : profile.error.message;
      customer.value = profile.ok ? profile.value : null;
      return;
    }
    const result = await api.getConversation({ accountId: opened.handleId, postId: opened.postId });
    if (target.value !== opened) return;
    error.value = result.ok ? null : result.error.message;
    view.value = result.ok ? result.value : null;
    const customerId = result.ok ? (result.value.ancestors[0] ?? result.value.focus).authorId : null;
    const found = customerId && customerId !== opened.handleId ? await api.getCustomer({ accountId: opened.handleId, userId: customerId }) : null;
    if (target.value === opened) customer.value = found?.ok ? found.value : null;
  }

  async function open(handleId: string, postId: string): Promise<void> {
    target.value = { handleId, postId };
    view.value = null;
    customer.value = null;
    await load();
  }

  /** The profile of a user a post names (a @mention), as this desktop knows them. */
  async function openProfile(handleId: string, username: string): Promise<void> {
    target.value = { handleId, postId: null, username };
    view.value = null;
    customer.value = null;
    await load();
  }

  function close(): void {
    target.value = null;
    view.value = null;
    customer.value = null;
  }

  /** Posts arrived somewhere on the deck: the open conversation reads itself again when they belong to it. */
  function postsArrived(posts: readonly PostView[]): void {
    const conversationId = view.value?.focus.conversationId;
    if (!conversationId || reloadTimer || !posts.some((post) => post.conversationId === conversationId)) return;
    reloadTimer = systemClock.setTimeout(() => {
      reloadTimer = null;
      void load();
    }, RELOAD_MS);
  }

  let started = false;
  function start(): void {
    if (started) return;
    started = true;
    api.on('columnPosts', ({ posts }) => postsArrived(posts));
    api.on('postsUpdated', ({ posts }) => postsArrived(posts));
    api.on('caseRepliesChanged', () => void (target.value && load()));
  }

  return { target, view, customer, error, open, openProfile, close, start };
});
