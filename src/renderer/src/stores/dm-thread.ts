// The DM conversation open beside the deck: its messages (oldest first, newest at the bottom) and
// the answer the agent writes; read again as new messages of it arrive.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { DmEventView } from '../../../shared/domain';
import { useBridge } from '../bridge/bridge';
import { useAccountsStore } from './accounts';
import { useNoticesStore } from './notices';

export interface DmThreadTarget {
  accountId: string;
  conversationId: string;
  /** "@kaito_t", or the group's members. */
  title: string;
}

export const useDmThreadStore = defineStore('dmThread', () => {
  const { api } = useBridge();
  const accounts = useAccountsStore();
  const notices = useNoticesStore();
  const target = shallowRef<DmThreadTarget | null>(null);
  const messages = shallowRef<DmEventView[]>([]);
  const text = ref('');
  const sending = ref(false);
  /** How the last message went out, until the next is typed: "Sent", or "Queued" while the team's hub is out of reach. */
  const sent = ref<'Sent' | 'Queued: it goes out when the hub is back' | null>(null);
  const error = ref<string | null>(null);
  const canSend = computed(() => target.value !== null && !sending.value && text.value.trim() !== '' && text.value.trim().length <= 10_000);

  async function load(): Promise<void> {
    const opened = target.value;
    if (!opened) return;
    const result = await api.listDmThread({ accountId: opened.accountId, conversationId: opened.conversationId });
    if (target.value !== opened) return;
    if (result.ok) messages.value = result.value;
    else error.value = result.error.message;
  }

  async function open(thread: DmThreadTarget): Promise<void> {
    target.value = thread;
    messages.value = [];
    text.value = '';
    error.value = null;
    sent.value = null;
    await load();
  }

  function close(): void {
    target.value = null;
    messages.value = [];
  }

  /** Sends the answer as the handle; on failure the text stays, with the reason. */
  async function send(): Promise<boolean> {
    const opened = target.value;
    if (!opened || !canSend.value) return false;
    sending.value = true;
    error.value = null;
    sent.value = null;
    const result = await api.sendDm({ accountId: opened.accountId, conversationId: opened.conversationId, text: text.value });
    sending.value = false;
    if (!result.ok) {
      error.value = result.error.message;
      return false;
    }
    text.value = '';
    sent.value = result.value.pending ? 'Queued: it goes out when the hub is back' : 'Sent';
    const as = accounts.handleOf(opened.accountId);
    notices.announce(result.value.pending ? `Message as ${as} is waiting for the team’s hub: it goes out when the link is back` : `Message sent as ${as}`);
    await load();
    return true;
  }

  let started = false;
  function start(): void {
    if (started) return;
    started = true;
    api.on('columnDmEvents', ({ events }) => {
      if (target.value && events.some((event) => event.conversationId === target.value?.conversationId)) void load();
    });
  }

  return { target, messages, text, sending, sent, error, canSend, open, close, send, start };
});
