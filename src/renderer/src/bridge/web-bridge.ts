// The bridge of the web host: `window.deckhand`'s contract over the page's WebSocket.
import { createClient } from '../../../shared/rpc';
import { rpcSocketUrl, takeAccessToken, type TokenStorage } from './access-token';
import type { Bridge } from './bridge';
import { MISSING_TOKEN_MESSAGE } from './connection';
import { SocketTransport, type HostProbe, type SocketOpener } from './socket-transport';

const browserSocket: SocketOpener = (url, handlers) => {
  const socket = new WebSocket(url);
  socket.onopen = () => handlers.open();
  socket.onmessage = (event: MessageEvent<unknown>) => {
    if (typeof event.data === 'string') handlers.message(event.data);
  };
  socket.onclose = () => handlers.close();
  return { send: (data) => socket.send(data), close: () => socket.close() };
};

/** A browser cannot see why a WebSocket upgrade failed; the page's own address can tell. */
function probeHost(pageUrl: string): () => Promise<HostProbe> {
  return async () => {
    try {
      const response = await fetch(new URL('/', pageUrl), { method: 'HEAD', cache: 'no-store', credentials: 'same-origin' });
      if (response.status === 401 || response.status === 403) return 'refuses';
      return response.ok ? 'accepts' : 'unreachable';
    } catch {
      return 'unreachable';
    }
  };
}

/** A bridge that cannot work: every command fails with `message`, which the page shows. */
export function refusedBridge(message: string): Bridge {
  return {
    api: createClient({ invoke: () => Promise.reject(new Error(message)), listen: () => () => {} }),
    connection: { current: () => ({ kind: 'refused', message }), subscribe: () => () => {} },
  };
}

export interface PageEnvironment {
  href: string;
  storage: TokenStorage;
  replaceUrl(url: string): void;
}

export function openWebBridge(page: PageEnvironment): Bridge {
  const { token, cleanedUrl } = takeAccessToken(page.href, page.storage);
  if (cleanedUrl !== null) page.replaceUrl(cleanedUrl);
  if (!token) return refusedBridge(MISSING_TOKEN_MESSAGE);
  const transport = new SocketTransport({ url: rpcSocketUrl(page.href, token), openSocket: browserSocket, probe: probeHost(page.href) });
  transport.start();
  return { api: createClient(transport), connection: transport };
}
