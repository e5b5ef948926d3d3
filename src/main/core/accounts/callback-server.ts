// The loopback redirect target registered with the X app: http://127.0.0.1:PORT/callback.
// Listens on 127.0.0.1 only, only while a connection is being made.
import { createServer } from 'node:http';
import { DeckhandError } from '../../../shared/errors';
import { CALLBACK_PAGE_HEADERS, renderCallbackPage, type CallbackPage } from './callback-pages';

export const CALLBACK_PATH = '/callback';
export const callbackUrlFor = (port: number) => `http://127.0.0.1:${port}${CALLBACK_PATH}`;

export interface CallbackServer {
  readonly port: number;
  close(): Promise<void>;
}

export type CallbackHandler = (query: URLSearchParams) => Promise<CallbackPage>;

/** The request target as a URL; null for one that is not a path (`//` would throw when resolved). */
function requestUrl(target: string | undefined): URL | null {
  if (!target?.startsWith('/')) return null;
  try {
    return new URL(`http://127.0.0.1${target}`);
  } catch {
    return null;
  }
}

/** `answered` runs once each page has been sent (the owner may close the server then). */
export async function startCallbackServer(port: number, handle: CallbackHandler, answered: () => void = () => {}): Promise<CallbackServer> {
  const server = createServer((request, response) => {
    const send = (page: CallbackPage) => {
      response.writeHead(page.status, CALLBACK_PAGE_HEADERS);
      response.end(renderCallbackPage(page), answered);
    };
    const host = request.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return send({ status: 421, title: 'Unknown host', message: 'This address only answers as 127.0.0.1.' });
    const url = requestUrl(request.url);
    if (request.method !== 'GET' || url?.pathname !== CALLBACK_PATH) {
      return send({ status: 404, title: 'Not found', message: 'Deckhand only answers X’s sign-in redirect here.' });
    }
    handle(url.searchParams).then(send, () => send({ status: 500, title: 'Something went wrong', message: 'Deckhand could not finish connecting the account; the details are in its log.' }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') {
        reject(
          new DeckhandError(
            'unavailable',
            `Deckhand could not listen on ${callbackUrlFor(port)} for X's answer: another program uses port ${port}. ` +
              'Close that program, or choose another callback port in Accounts → X app settings (and register the new URL with your X app).',
          ),
        );
      } else reject(error);
    });
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        // A page being sent finishes first; a browser's idle keep-alive connection does not hold us.
        const force = setTimeout(() => server.closeAllConnections(), 2_000);
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
