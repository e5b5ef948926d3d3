// The session with the core: what workspace this is, the state of the link, the first load and
// the catch-up after a reconnection. It wires the core's events to the stores, once.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { usesCustomerFacts } from '../../../shared/column-filters';
import type { Workspace } from '../../../shared/domain';
import type { DeckhandApi } from '../../../shared/rpc';
import { useBridge } from '../bridge/bridge';
import type { ConnectionState } from '../bridge/connection';
import { useAccountsStore } from './accounts';
import { useDeckStore } from './deck';
import { useDmsStore } from './dms';
import { useMutesStore } from './mutes';
import { useNotificationsStore } from './notifications';
import { useTimelineStore } from './timeline';
import { useUnreadStore } from './unread';

interface EventSinks {
  accounts: ReturnType<typeof useAccountsStore>;
  deck: ReturnType<typeof useDeckStore>;
  timeline: ReturnType<typeof useTimelineStore>;
  unread: ReturnType<typeof useUnreadStore>;
  mutes: ReturnType<typeof useMutesStore>;
  dms: ReturnType<typeof useDmsStore>;
  notifications: ReturnType<typeof useNotificationsStore>;
}

function subscribeToEvents(api: DeckhandApi, sinks: EventSinks): void {
  const { accounts, deck, timeline, unread, mutes, dms, notifications } = sinks;
  api.on('accountsChanged', (list) => accounts.receive(list));
  api.on('columnPosts', (payload) => {
    timeline.receive(payload);
    notifications.receive(payload);
  });
  api.on('postsUpdated', (payload) => timeline.receiveUpdates(payload));
  api.on('columnDmEvents', (payload) => dms.receive(payload));
  api.on('columnStatus', (status) => deck.receiveStatus(status));
  api.on('unreadCounts', (counts) => unread.receive(counts));
  api.on('muteListChanged', (list) => {
    mutes.receive(list);
    void timeline.reloadLoaded();
  });
  // A label given or a note written (here or by a colleague) changes what columns filtering by customer show.
  const reloadCustomerColumns = () => void timeline.reloadLoaded((columnId) => {
    const column = deck.byId.get(columnId);
    return column !== undefined && usesCustomerFacts(column.filters);
  });
  api.on('customerLabelsChanged', reloadCustomerColumns);
  api.on('customerNotesChanged', reloadCustomerColumns);
  api.on('columnsChanged', (columns) => {
    deck.receiveColumns(columns);
    const ids = columns.map((column) => column.id);
    timeline.keepOnly(ids);
    dms.keepOnly(ids);
    void notifications.askIfNeeded();
  });
}

export const useWorkspaceStore = defineStore('workspace', () => {
  const { api, connection: link } = useBridge();
  const sinks: EventSinks = {
    accounts: useAccountsStore(),
    deck: useDeckStore(),
    timeline: useTimelineStore(),
    unread: useUnreadStore(),
    mutes: useMutesStore(),
    dms: useDmsStore(),
    notifications: useNotificationsStore(),
  };

  const workspace = ref<Workspace | null>(null);
  const connection = shallowRef<ConnectionState>(link.current());
  const loadError = ref<string | null>(null);
  let started = false;

  /** Everything from the core; run again after a reconnection, since events were missed. */
  async function load(): Promise<void> {
    const result = await api.getWorkspace({});
    if (!result.ok) {
      loadError.value = result.error.message;
      return;
    }
    workspace.value = result.value;
    const { accounts, deck, timeline, unread, mutes, dms, notifications } = sinks;
    const problems = await Promise.all([accounts.load(), deck.load(), unread.load(), mutes.load()]);
    loadError.value = problems.find((problem) => problem !== null) ?? null;
    await Promise.all([timeline.refreshLoaded(), dms.reloadLoaded(), notifications.askIfNeeded()]);
  }

  function start(): void {
    if (started) return;
    started = true;
    subscribeToEvents(api, sinks);
    link.subscribe((state) => {
      const wasOpen = connection.value.kind === 'open';
      connection.value = state;
      if (state.kind === 'open' && !wasOpen) void load();
    });
    if (connection.value.kind === 'open') void load();
  }

  return { workspace, connection, loadError, start, load };
});
