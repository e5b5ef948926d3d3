// The published feeds' HTTP server: 127.0.0.1 only, GET /feeds/<secret>.atom and .json, anything
// else 404 with no detail (a wrong secret and a revoked one look alike, and like no server path).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../ports';

export type FeedFormat = 'atom' | 'json';

export interface FeedDocument {
  body: string;
  contentType: string;
}

/** The document a secret opens, or null when it opens none. */
export type RenderFeed = (secret: string, format: FeedFormat) => Promise<FeedDocument | null> | FeedDocument | null;

const FEED_PATH = /^\/feeds\/([A-Za-z0-9_-]{1,128})\.(atom|json)$/;
const FEED_HOST = '127.0.0.1';

export interface FeedServer {
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  readonly port: number;
  close(): Promise<void>;
}

function answer(response: ServerResponse, status: number, document?: FeedDocument): void {
  // A feed URL is a credential: no referrer leaves with it, and readers need not keep old copies.
  response.setHeader('referrer-policy', 'no-referrer');
  response.setHeader('x-content-type-options', 'nosniff');
  response.setHeader('cache-control', 'no-store');
  if (!document) {
    response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
    response.end(status === 404 ? 'Not found' : 'Error');
    return;
  }
  response.writeHead(status, { 'content-type': document.contentType, 'content-length': Buffer.byteLength(document.body) });
  response.end(document.body);
}

async function handle(request: IncomingMessage, response: ServerResponse, render: RenderFeed, logger: Logger): Promise<void> {
  const path = (request.url ?? '').split('?')[0] ?? '';
  const match = FEED_PATH.exec(path);
  if (!match || (request.method !== 'GET' && request.method !== 'HEAD')) return answer(response, 404);
  try {
    const document = await render(match[1]!, match[2] === 'atom' ? 'atom' : 'json');
    if (!document) return answer(response, 404);
    if (request.method === 'HEAD') {
      response.writeHead(200, { 'content-type': document.contentType, 'content-length': Buffer.byteLength(document.body) });
      response.end();
      return;
    }
    answer(response, 200, document);
  } catch (error) {
    // The secret is in the path: the log gets the failure, never the URL.
    logger.error('a published feed could not be built', { error: error instanceof Error ? error.message : String(error) });
    answer(response, 500);
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const failed = (error: Error) => reject(error);
    server.once('error', failed);
    server.listen(port, FEED_HOST, () => {
      server.off('error', failed);
      const address: AddressInfo | string | null = server.address();
      if (address !== null && typeof address === 'object') resolve(address.port);
      else reject(new Error('the feed server has no TCP address'));
    });
  });
}

/** Listens on `port` (0: any free one); when that port is taken, on any free one, with a warning. */
export async function startFeedServer(options: { port: number; render: RenderFeed; logger: Logger }): Promise<FeedServer> {
  const { render, logger } = options;
  const server = createServer((request, response) => void handle(request, response, render, logger));
  server.on('clientError', (_error, socket) => socket.destroy());
  let port: number;
  try {
    port = await listen(server, options.port);
  } catch (error) {
    const taken = error instanceof Error && 'code' in error && error.code === 'EADDRINUSE';
    if (options.port === 0 || !taken) throw error;
    logger.warn('the feeds port is taken: published feeds move to another port, and their URLs with it', { port: options.port });
    port = await listen(server, 0);
  }
  return {
    origin: `http://${FEED_HOST}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
