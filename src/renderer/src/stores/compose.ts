// Replying: to which post, as which handle, with what text, and how the last attempt went.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { Column, PostView } from '../../../shared/domain';
import { useBridge } from '../bridge/bridge';
import { defaultReplyAccountId, measureReply, replyPrefill } from '../logic/reply-draft';
import { useAccountsStore } from './accounts';
import { useNoticesStore } from './notices';
import { useTeamStore } from './team';

export interface ReplyTarget {
  post: PostView;
  /** The column the reply was started from, if any. */
  columnId: string | null;
}

export const useComposeStore = defineStore('compose', () => {
  const { api } = useBridge();
  const accounts = useAccountsStore();
  const notices = useNoticesStore();
  const team = useTeamStore();

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

  // Colleagues see which post this member is answering as a team handle, and when they type, so
  // nobody answers a customer twice. Only transitions are sent, not every keystroke.
  const presence = computed(() => {
    const replying = target.value;
    const handle = accountId.value ? accounts.byId.get(accountId.value) : undefined;
    if (!replying || !handle?.fromTeam) return null;
    return { handleId: handle.id, postId: replying.post.id, typing: text.value.trim() !== replyPrefill(replying.post).trim() };
  });
  watch(presence, (now, before) => {
    if (JSON.stringify(now) !== JSON.stringify(before ?? null)) team.setViewing(now);
  });

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
    notices.announce(result.value.pending ? `Reply as ${accounts.handleOf(as)} is waiting for the team’s hub: it goes out when the link is back (Team shows it)` : `Reply sent as ${accounts.handleOf(as)}`);
    if (target.value === replying) close();
    return true;
  }

  return { target, accountId, text, sending, error, remaining, problem, canSend, startReply, close, send };
});
