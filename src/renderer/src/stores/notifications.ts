// Desktop notifications (the web Notification API, also in Electron) for columns that have them
// on. The browser's permission is asked once, and only when such a column exists.
import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import type { EventPayload } from '../../../shared/contract';
import type { CaseNotice } from '../../../shared/team';
import { notificationFor, shouldAskPermission, shouldNotify, type NotificationPermissionState } from '../logic/notifications';
import { useDeckStore } from './deck';
import { useTeamStore } from './team';

const ASKED_KEY = 'deckhand.notifications.asked';

function browserPermission(): NotificationPermissionState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export const useNotificationsStore = defineStore('notifications', () => {
  const deck = useDeckStore();
  const team = useTeamStore();
  const permission = ref<NotificationPermissionState>(browserPermission());
  /** Posts each column's notification already counts, until the agent looks at the deck again. */
  const pending = new Map<string, number>();
  const shown = new Map<string, Notification>();

  const asked = () => window.sessionStorage.getItem(ASKED_KEY) === '1';

  /** Asks the browser once per session, when a column or the team's case notices want notifications and nobody answered yet. */
  async function askIfNeeded(): Promise<void> {
    permission.value = browserPermission();
    if (!shouldAskPermission(deck.columns, permission.value, asked(), team.inTeam)) return;
    window.sessionStorage.setItem(ASKED_KEY, '1');
    try {
      permission.value = await Notification.requestPermission();
    } catch {
      permission.value = browserPermission();
    }
  }

  function receive({ columnId, posts }: EventPayload<'columnPosts'>): void {
    const column = deck.byId.get(columnId);
    if (!column || permission.value !== 'granted' || browserPermission() !== 'granted') return;
    if (!shouldNotify(column, document.visibilityState === 'visible', document.hasFocus())) return;
    const content = notificationFor(column, posts, pending.get(columnId) ?? 0);
    if (!content) return;
    pending.set(columnId, (pending.get(columnId) ?? 0) + posts.length);
    const notification = new Notification(content.title, { body: content.body, tag: content.tag, icon: '/favicon.svg' });
    notification.onclick = () => {
      window.focus();
      document.querySelector<HTMLElement>(`[data-column-id="${CSS.escape(columnId)}"]`)?.focus();
      notification.close();
    };
    shown.set(columnId, notification);
  }

  /** A case of the member's (assigned, mentioned, reopened, SLA due), when they are not looking. */
  function tell(notice: CaseNotice): void {
    if (permission.value !== 'granted' || browserPermission() !== 'granted') return;
    if (document.visibilityState === 'visible' && document.hasFocus()) return;
    const notification = new Notification('Deckhand', { body: notice.text, tag: `deckhand-case-${notice.handleId}-${notice.postId}`, icon: '/favicon.svg' });
    notification.onclick = () => {
      window.focus();
      notification.close();
    };
    shown.set(`case-${notice.handleId}-${notice.postId}`, notification);
  }

  /** The agent is back: what the notifications said is on screen now. */
  function seen(): void {
    pending.clear();
    for (const notification of shown.values()) notification.close();
    shown.clear();
  }

  window.addEventListener('focus', seen);
  watch(
    () => team.inTeam,
    (inTeam) => {
      if (inTeam) void askIfNeeded();
    },
  );

  return { permission, askIfNeeded, receive, tell, seen };
});
