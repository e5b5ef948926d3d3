// The state of the link between this page and the app's core, as the UI shows it.

export type ConnectionState =
  | { kind: 'connecting' }
  | { kind: 'open' }
  | { kind: 'reconnecting'; attempt: number; retryInMs: number }
  /** Final: the host will not take this page (missing or stale token). */
  | { kind: 'refused'; message: string };

export interface ConnectionSource {
  current(): ConnectionState;
  subscribe(listener: (state: ConnectionState) => void): () => void;
}

/** Electron's IPC is always there while the window is. */
export const ALWAYS_OPEN: ConnectionSource = {
  current: () => ({ kind: 'open' }),
  subscribe: () => () => {},
};

/** Waits grow from a quarter second to ten seconds, so a restarted host is found fast. */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(250 * 2 ** Math.max(0, attempt - 1), 10_000);
}

export const MISSING_TOKEN_MESSAGE =
  'This page has no access token. Open Deckhand with the link the web host printed when it started (it ends with ?token=…).';

export const REFUSED_TOKEN_MESSAGE =
  'The Deckhand web host refused this page’s access token; it was probably restarted. Open the new link it printed (it ends with ?token=…).';

/** Loads now if the link to the core is open, and again each time it opens after being down (events were missed meanwhile). */
export function loadWhileConnected(connection: ConnectionSource, load: () => Promise<void>): void {
  let open = connection.current().kind === 'open';
  connection.subscribe((link) => {
    const wasOpen = open;
    open = link.kind === 'open';
    if (open && !wasOpen) void load();
  });
  if (open) void load();
}
