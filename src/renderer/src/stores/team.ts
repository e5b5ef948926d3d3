// This desktop's team, as the core knows it: the link to the hub, members with their presence,
// roles and invites. Loaded at start and after a reconnection; follows the core's `teamChanged`.
import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import type { Permission } from '../../../shared/domain';
import type { Envelope } from '../../../shared/errors';
import { SOLO_TEAM_STATE, type TeamState } from '../../../shared/team';
import type { CaseSettings } from '../../../shared/case-settings';
import { useBridge } from '../bridge/bridge';
import { loadWhileConnected } from '../bridge/connection';
import { canConnectHandles, canManageTeam } from '../logic/team-roles';
import { openSignInPage } from '../components/account/sign-in-page';

export const useTeamStore = defineStore('team', () => {
  const { api, connection } = useBridge();
  const state = shallowRef<TeamState>(SOLO_TEAM_STATE);
  /** Why the team could not be loaded from the core, or null. */
  const loadError = shallowRef<string | null>(null);
  let started = false;

  const me = computed(() => state.value.members.find((member) => member.id === state.value.memberId) ?? null);
  const canManage = computed(() => canManageTeam(me.value, state.value.roles));
  /** Colleagues with a post open, by post id (and whether they are typing a reply to it). */
  const colleaguesByPost = computed(() => {
    const byPost = new Map<string, { name: string; typing: boolean }[]>();
    for (const member of state.value.members) {
      if (member.id === state.value.memberId || !member.viewing || member.presence === 'offline') continue;
      const list = byPost.get(member.viewing.postId) ?? [];
      list.push({ name: member.displayName, typing: member.viewing.typing === true });
      byPost.set(member.viewing.postId, list);
    }
    return byPost;
  });

  /** Tells colleagues which post this member has open (null: none), and whether they are typing a reply. */
  function setViewing(viewing: { handleId: string; postId: string; typing: boolean } | null): void {
    if (state.value.status === 'solo') return;
    void api.setTeamViewing({ viewing });
  }

  /** A handle's case settings, whole (those who manage its deck); the hub's refusal comes back as a message. */
  async function saveCaseSettings(handleId: string, settings: CaseSettings): Promise<string | null> {
    const result = await api.saveCaseSettings({ accountId: handleId, settings });
    if (!result.ok) return result.error.message;
    receive(result.value);
    return null;
  }

  const canConnect = computed(() => canConnectHandles(me.value, state.value.roles));
  const inTeam = computed(() => state.value.status !== 'solo');

  function receive(next: TeamState): void {
    state.value = next;
  }

  async function load(): Promise<void> {
    const result = await api.getTeamState({});
    loadError.value = result.ok ? null : result.error.message;
    if (result.ok) receive(result.value);
  }

  function start(): void {
    if (started) return;
    started = true;
    api.on('teamChanged', receive);
    loadWhileConnected(connection, load);
  }

  /** Runs a command that answers the new team state, and keeps that state. */
  async function applying(result: Promise<Envelope<TeamState>>): Promise<string | null> {
    const answer = await result;
    if (!answer.ok) return answer.error.message;
    receive(answer.value);
    return null;
  }

  const createTeam = (hubUrl: string, setupCode: string, displayName: string) => applying(api.createTeam({ hubUrl, setupCode, displayName }));
  const joinTeam = (inviteLink: string, displayName: string) => applying(api.joinTeam({ inviteLink, displayName }));
  const setMemberRole = (memberId: string, handleId: string | null, roleId: string | null) => applying(api.setMemberRole({ memberId, handleId, roleId }));
  const saveRole = (role: { id?: string; name: string; permissions: Permission[] }) => applying(api.saveRole(role));
  const dismissOutboxItem = (id: number) => applying(api.dismissTeamOutboxItem({ id }));

  async function linkDesktop(): Promise<{ error: string } | { link: string }> {
    const result = await api.linkTeamDesktop({});
    return result.ok ? { link: result.value.link } : { error: result.error.message };
  }
  /** Intents waiting for the hub or refused by it: the Team button shows how many. */
  const outboxCount = computed(() => state.value.outbox.length);

  function createInvite(handleRoles: Record<string, string>): Promise<Envelope<{ link: string }>> {
    return api.createInvite({ teamRole: null, handleRoles });
  }

  /** Opens X's authorization page for a new team handle; the hub completes the sign-in. Answers an error or the page's address when no tab could open. */
  async function connectHandle(): Promise<{ error: string } | { authorizeUrl: string; opened: boolean }> {
    const result = await api.connectTeamHandle({});
    if (!result.ok) return { error: result.error.message };
    return { authorizeUrl: result.value.authorizeUrl, opened: openSignInPage(result.value.authorizeUrl) };
  }

  return { state, loadError, me, canManage, canConnect, connectHandle, colleaguesByPost, setViewing, saveCaseSettings, linkDesktop, dismissOutboxItem, outboxCount, inTeam, receive, load, start, createTeam, joinTeam, setMemberRole, saveRole, createInvite };
});
