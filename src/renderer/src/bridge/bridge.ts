// What the renderer talks to: the contract's API and the state of the link that carries it.
import { inject, type InjectionKey } from 'vue';
import type { DeckhandApi } from '../../../shared/rpc';
import { ALWAYS_OPEN, type ConnectionSource } from './connection';

export interface Bridge {
  api: DeckhandApi;
  connection: ConnectionSource;
}

export const BRIDGE: InjectionKey<Bridge> = Symbol('deckhand bridge');

/** The Electron preload's `window.deckhand`: IPC lives as long as the window. */
export function electronBridge(api: DeckhandApi): Bridge {
  return { api, connection: ALWAYS_OPEN };
}

export function useBridge(): Bridge {
  const bridge = inject(BRIDGE);
  if (!bridge) throw new Error('The Deckhand bridge was not provided to the app');
  return bridge;
}
