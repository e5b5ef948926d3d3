// The one declaration of what the Electron preload adds to the page.
import type { DeckhandApi } from '../../shared/rpc';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser, where the web bridge is used. */
    deckhand?: DeckhandApi;
  }
}

export {};
