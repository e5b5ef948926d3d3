// Replying: to which post, as which handle, with what text, and how the last attempt went.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import { postUrl, type Column, type PostView } from '../../../shared/domain';
import { replyRuleAllows, replyRuleRefusal } from '../../../shared/reply-rule';
import type { ReplySettings } from '../../../shared/reply-signature';
import { useBridge } from '../bridge/bridge';
import { defaultReplyAccountId, dmInvitation, measureReply, onlyMentions, replyPrefill } from '../logic/reply-draft';
import { fillSavedReply, MOVE_TO_DM_REPLY_NAME } from '../../../shared/saved-replies';
import { oneToOneConversationId } from '../../../shared/ids';
import { useDmThreadStore } from './dm-thread';
import { baselineOf, changesSince, lockHolders, type DraftBaseline } from '../logic/reply-guards';
import { mayOnHandle } from '../logic/team-roles';
import { useAccountsStore } from './accounts';
import { useCasesStore } from './cases';
import { useNoticesStore } from './notices';
import { useSendCostStore } from './send-cost';
import { useTeamStore } from './team';

export interface ReplyTarget {
  post: PostView;
  /** The column the reply was started from, if any. */
  columnId: string | null;
  /** "Move to DM": once the public invitation is sent, the DM thread with the author opens. */
  thenDm?: true;
}

export const useComposeStore = defineStore('compose', () => {
  const { api } = useBridge();
  const accounts = useAccountsStore();
  const notices = useNoticesStore();
  const team = useTeamStore();
  const cases = useCasesStore();
  const dmThread = useDmThreadStore();
  const sendCost = useSendCostStore();

  const target = shallowRef<ReplyTarget | null>(null);
  const accountId = ref<string | null>(null);
  const text = ref('');
  const sending = ref(false);
  const error = ref<string | null>(null);

  /** How replies from the chosen handle go out (signed or not, under X's reply rule); null until the core says. */
  const replySettings = shallowRef<ReplySettings | null>(null);
  /** What the core adds after the text ("^AB"); the counter and the limit include it. */
  const signature = computed(() => replySettings.value?.signature ?? null);
  const length = computed(() => measureReply(text.value, signature.value));
  /** Characters left as X counts them (URLs 23, CJK and emoji 2): negative when over. */
  const remaining = computed(() => length.value.remaining);
  /** Why the draft cannot be sent as it stands (too long, empty, a refused character); null when it can. */
  const problem = computed(() => length.value.reason ?? (onlyMentions(text.value) ? 'Write your reply after the @mention' : null));
  // Guards of a reply as a team handle (src/renderer/src/logic/reply-guards.ts).
  const teamHandleId = computed(() => (accountId.value && accounts.byId.get(accountId.value)?.fromTeam ? accountId.value : null));
  const baseline = shallowRef<DraftBaseline | null>(null);
  /** What changed since the draft was opened, shown before Send goes ahead (empty: nothing, or confirmed). */
  const changes = ref<string[]>([]);
  let changesConfirmed = false;
  const typingAtStart = shallowRef<string[] | null>(null);
  const tookOver = ref(false);
  const engageAnyway = ref(false);
  const colleaguesTyping = computed(() => (target.value ? (team.colleaguesByPost.get(target.value.post.id) ?? []).filter((colleague) => colleague.typing).map((colleague) => colleague.name) : []));
  /** Colleagues who were typing a reply to this post first: their soft lock holds until taken over. */
  const caseHolder = computed(() => {
    const handleId = teamHandleId.value;
    const holderId = handleId && target.value ? cases.of(handleId, target.value.post.id)?.assigneeId : null;
    return holderId && holderId !== team.state.memberId ? (team.state.members.find((member) => member.id === holderId)?.displayName ?? null) : null;
  });
  const lockedBy = computed(() => (teamHandleId.value && !tookOver.value ? lockHolders(typingAtStart.value, colleaguesTyping.value, caseHolder.value) : []));
  const mayTakeOver = computed(() => (teamHandleId.value ? mayOnHandle(team.me, teamHandleId.value, team.state.roles, 'take-over') : false));
  /** The team does not engage with this customer (their case says so, or the handle's list). */
  const doNotEngage = computed(() => {
    const handleId = teamHandleId.value;
    const post = target.value?.post;
    if (!handleId || !post) return false;
    const listed = team.state.handles.find((handle) => handle.id === handleId)?.caseSettings?.doNotEngage.some((entry) => entry.userId === post.authorId) === true;
    return listed || cases.of(handleId, post.id)?.doNotEngage === true;
  });
  /** X's reply rule: why X will refuse any reply to this post from the chosen handle; null when it will not. */
  const ruleRefusal = computed(() => {
    const post = target.value?.post;
    const handle = accountId.value ? accounts.byId.get(accountId.value) : undefined;
    if (!post || !handle || replySettings.value?.replyRule !== true) return null;
    return replyRuleAllows(post, handle) ? null : replyRuleRefusal(handle.username);
  });
  /** Where the post is on X, for answering it there. */
  const postOnX = computed(() => (target.value ? postUrl(target.value.post.author.username, target.value.post.id) : null));
  /** A member without send-without-approval on the team handle submits the reply for approval instead of sending it. */
  const needsApproval = computed(() => (teamHandleId.value ? !mayOnHandle(team.me, teamHandleId.value, team.state.roles, 'send-without-approval') : false));
  const guarded = computed(() => lockedBy.value.length > 0 || (doNotEngage.value && (!mayTakeOver.value || !engageAnyway.value)));

  const canSend = computed(() => target.value !== null && accountId.value !== null && !sending.value && problem.value === null && ruleRefusal.value === null && !guarded.value);

  // Each handle signs (or not) by its own settings, read again for each reply (they may have been
  // changed in the account's settings) and when the team's case settings change.
  const teamSigns = computed(() => team.state.handles.find((handle) => handle.id === accountId.value)?.caseSettings?.signReplies);
  watch(
    [accountId, target, teamSigns],
    async ([handleId], [handleBefore]) => {
      if (handleId !== handleBefore) replySettings.value = null;
      if (!handleId) return;
      const result = await api.getReplySettings({ accountId: handleId });
      if (accountId.value === handleId && result.ok) replySettings.value = result.value;
    },
  );

  function startReply(post: PostView, column: Column | null, moveToDm = false): void {
    target.value = { post, columnId: column?.id ?? null, ...(moveToDm ? { thenDm: true as const } : {}) };
    accountId.value = defaultReplyAccountId(post, column, accounts.accounts);
    text.value = moveToDm ? dmInvitation(post) : replyPrefill(post);
    error.value = null;
    changes.value = [];
    changesConfirmed = false;
    typingAtStart.value = null;
    tookOver.value = false;
    engageAnyway.value = false;
    baseline.value = null;
    void captureBaseline(post);
    if (moveToDm) void inviteWithSavedReply(post);
  }

  /** "Move to DM" posts the handle's saved reply of that name, when it keeps one (after the @mention). */
  async function inviteWithSavedReply(post: PostView): Promise<void> {
    const as = accountId.value;
    if (!as) return;
    const result = await api.listSavedReplies({ accountId: as });
    const saved = result.ok ? result.value.find((reply) => reply.name.toLowerCase() === MOVE_TO_DM_REPLY_NAME.toLowerCase()) : undefined;
    // The agent may have started editing the default invitation meanwhile: theirs stays.
    if (!saved || target.value?.post !== post || accountId.value !== as || text.value !== dmInvitation(post)) return;
    text.value = `${replyPrefill(post)}${fillSaved(saved.text)}`;
  }

  /** A saved reply filled in for this draft: its customer, the member (on a team handle) and the case. */
  function fillSaved(template: string): string {
    const post = target.value?.post;
    const handleId = teamHandleId.value;
    return fillSavedReply(template, {
      customer: post ? { name: post.author.name, username: post.author.username } : null,
      agent: handleId && team.me ? { displayName: team.me.displayName } : null,
      casePostId: handleId && post ? (cases.of(handleId, post.id)?.postId ?? null) : null,
    });
  }

  /** The case as the draft finds it: Send compares against it. */
  async function captureBaseline(post: PostView): Promise<void> {
    const handleId = teamHandleId.value;
    if (!handleId) return;
    const replies = await api.listCaseReplies({ accountId: handleId, postId: post.id });
    if (target.value?.post === post) baseline.value = baselineOf(cases.of(handleId, post.id), replies.ok ? replies.value : []);
  }

  function close(): void {
    target.value = null;
    text.value = '';
    error.value = null;
    changes.value = [];
  }

  /** The reply rule forbids a public answer: the conversation continues in the author's DMs instead. */
  async function dmInstead(): Promise<void> {
    const replying = target.value;
    const as = accountId.value;
    if (!replying || !as) return;
    close();
    await dmThread.open({ accountId: as, conversationId: oneToOneConversationId(as, replying.post.authorId), title: `@${replying.post.author.username}` });
  }

  /** Send even though the case changed under the draft (the member read what changed). */
  async function sendAnyway(): Promise<boolean> {
    changesConfirmed = true;
    changes.value = [];
    return send();
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
    // Who was already typing when this member started: only they hold the lock.
    if (now?.typing && !before?.typing && typingAtStart.value === null) typingAtStart.value = colleaguesTyping.value;
  });

  /** What changed on the case since the draft was opened; empty when nothing did (or it was confirmed). */
  async function changedUnderDraft(handleId: string, post: PostView): Promise<string[]> {
    const opened = baseline.value;
    if (changesConfirmed || !opened) return [];
    const replies = await api.listCaseReplies({ accountId: handleId, postId: post.id });
    const nameOf = (memberId: string) => team.state.members.find((member) => member.id === memberId)?.displayName ?? 'a former member';
    return changesSince(opened, cases.of(handleId, post.id), replies.ok ? replies.value : [], team.state.memberId, nameOf);
  }

  /**
   * Breaks a colleague's soft lock: the case becomes this member's at the hub (which checks the
   * take-over permission), so the typist sees who has it now; a refusal stays in the composer.
   */
  async function takeOver(): Promise<void> {
    const handleId = teamHandleId.value;
    const post = target.value?.post;
    if (!handleId || !post) return;
    const holder = cases.of(handleId, post.id)?.assigneeId ?? null;
    const problem = holder === team.state.memberId ? null : await cases.assign(handleId, post.id, team.state.memberId);
    if (target.value?.post !== post) return;
    if (problem) error.value = problem;
    else tookOver.value = true;
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
    if (guarded.value) return false;
    if (ruleRefusal.value) {
      error.value = ruleRefusal.value;
      return false;
    }
    sending.value = true;
    error.value = null;
    const handleId = teamHandleId.value;
    const changed = handleId ? await changedUnderDraft(handleId, replying.post) : [];
    if (changed.length > 0) {
      sending.value = false;
      changes.value = changed;
      return false;
    }
    if (needsApproval.value) return submitForApproval(replying, as);
    const result = await api.replyToPost({ accountId: as, inReplyToPostId: replying.post.id, text: text.value, ...(doNotEngage.value && engageAnyway.value ? { engageAnyway: true } : {}) });
    sending.value = false;
    if (!result.ok) {
      if (target.value === replying) error.value = result.error.message;
      return false;
    }
    // The column headers' spend today moves with each reply X took.
    if (!result.value.pending) void sendCost.refreshSpend(as);
    notices.announce(result.value.pending ? `Reply as ${accounts.handleOf(as)} is waiting for the team’s hub: it goes out when the link is back (Team shows it)` : `Reply sent as ${accounts.handleOf(as)}`);
    if (target.value === replying) close();
    if (replying.thenDm) await dmThread.open({ accountId: as, conversationId: oneToOneConversationId(as, replying.post.authorId), title: `@${replying.post.author.username}` });
    return true;
  }

  /** Into the handle's approval queue: an approver sends it (or says why not), and the author is told. */
  async function submitForApproval(replying: ReplyTarget, as: string): Promise<boolean> {
    const result = await api.submitReply({ accountId: as, inReplyToPostId: replying.post.id, text: text.value });
    sending.value = false;
    if (!result.ok) {
      if (target.value === replying) error.value = result.error.message;
      return false;
    }
    notices.announce(`Reply to @${replying.post.author.username} submitted for approval: you are told when it is approved or rejected`);
    if (target.value === replying) close();
    return true;
  }

  return {
    needsApproval,
    target,
    accountId,
    text,
    sending,
    error,
    remaining,
    problem,
    signature,
    ruleRefusal,
    postOnX,
    dmInstead,
    canSend,
    changes,
    lockedBy,
    mayTakeOver,
    doNotEngage,
    engageAnyway,
    startReply,
    fillSaved,
    takeOver,
    close,
    send,
    sendAnyway,
  };
});
