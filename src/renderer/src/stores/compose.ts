// Replying: to which post, as which handle, with what text, and how the last attempt went.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { Column, PostView } from '../../../shared/domain';
import { useBridge } from '../bridge/bridge';
import { defaultReplyAccountId, measureReply, replyPrefill } from '../logic/reply-draft';
import { useAccountsStore } from './accounts';
import { useNoticesStore } from './notices';

export interface ReplyTarget {
  post: PostView;
  /** The column the reply was started from, if any. */
  columnId: string | null;
}

export const useComposeStore = defineStore('compose', () => {
  const { api } = useBridge();
  const accounts = useAccountsStore();
  const notices = useNoticesStore();

  const target = shallowRef<ReplyTarget | null>(null);
  const accountId = ref<string | null>(null);
  const text = ref('');
  const sending = ref(false);
  const error = ref<string | null>(null);

  const length = computed(() => measureReply(text.value));
  /** Characters left as X counts them (URLs 23, CJK and emoji 2): negative when over. */
  const remaining = computed(() => length.value.remaining);
  /** Why the draft cannot be sent as it stands (too long, empty, a refused character); null when it can. */
  const problem = computed(() => length.value.reason);
  const canSend = computed(() => target.value !== null && accountId.value !== null && !sending.value && problem.value === null);

  function startReply(post: PostView, column: Column | null): void {
    target.value = { post, columnId: column?.id ?? null };
    accountId.value = defaultReplyAccountId(post, column, accounts.accounts);
    text.value = replyPrefill(post);
    error.value = null;
  }

  function close(): void {
    target.value = null;
    text.value = '';
    error.value = null;
  }

  /** True when X took the reply; on failure the draft stays as it was, with the reason. */
  async function send(): Promise<boolean> {
    const replying = target.value;
    const as = accountId.value;
    if (!replying || sending.value) return false;
    const refusal = as ? problem.value : 'Choose the account to reply as';
    if (refusal || !as) {
      error.value = refusal;
      return false;
    }
    sending.value = true;
    error.value = null;
    const result = await api.replyToPost({ accountId: as, inReplyToPostId: replying.post.id, text: text.value });
    sending.value = false;
    if (!result.ok) {
      if (target.value === replying) error.value = result.error.message;
      return false;
    }
    notices.announce(`Reply sent as ${accounts.handleOf(as)}`);
    if (target.value === replying) close();
    return true;
  }

  return { target, accountId, text, sending, error, remaining, problem, canSend, startReply, close, send };
});
