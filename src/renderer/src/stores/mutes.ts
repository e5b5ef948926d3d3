// The global mute list: words and users hidden from every column.
import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import type { MuteList } from '../../../shared/domain';
import type { Envelope } from '../../../shared/errors';
import { useBridge } from '../bridge/bridge';

const EMPTY: MuteList = Object.freeze({ words: [], users: [] }) as MuteList;

export const useMutesStore = defineStore('mutes', () => {
  const { api } = useBridge();
  const list = shallowRef<MuteList>(EMPTY);

  function receive(next: MuteList): void {
    list.value = next;
  }

  async function load(): Promise<string | null> {
    const result = await api.getMuteList({});
    if (!result.ok) return result.error.message;
    receive(result.value);
    return null;
  }

  async function save(next: MuteList): Promise<Envelope<MuteList>> {
    const result = await api.setMuteList(next);
    if (result.ok) receive(result.value);
    return result;
  }

  return { list, receive, load, save };
});
