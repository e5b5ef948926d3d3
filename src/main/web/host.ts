// The web host: the built renderer and the core's contract over a loopback WebSocket.
// Binds 127.0.0.1 only; pages need the per-run token (or the session it sets), sockets need a
// credential that resolves to a caller; foreign Hosts and Origins (DNS rebinding, other sites)
// are refused. The contract itself is served by serve(), like every other host.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { Logger } from '../core/ports';
import { SOLO_AGENT, type Caller } from '../core/rpc/caller';
import { serve, type ServedCore } from '../core/rpc/serve';
import { loopbackNames, newSecret, sameSecret } from './access';
import { answerPageRequest } from './page-requests';
import { parseRequestTarget } from './request-target';
import { DEFAULT_SOCKET_LIMITS, WebSocketTransport, type SocketLimits } from './socket-transport';

/** The caller a socket's credential (its `?token=`) stands for, or null to refuse the socket. */
export type ResolveSocketCaller = (credential: string) => Caller | null;

export interface WebHostOptions {
  core: ServedCore;
  rendererDir: string;
  logger: Logger;
  port?: number;
  /** Default: the printed per-run token is the solo agent at this desktop; nothing else opens /rpc. */
  resolveCaller?: ResolveSocketCaller;
  limits?: Partial<SocketLimits>;
}

export interface RunningWebHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

const MAX_FRAME_BYTES = 1024 * 1024;

export async function startWebHost(options: WebHostOptions): Promise<RunningWebHost> {
  const { core, logger } = options;
  const token = newSecret();
  const session = newSecret();
  const resolveCaller: ResolveSocketCaller = options.resolveCaller ?? ((credential) => (sameSecret(credential, token) ? SOLO_AGENT : null));
  let port = 0;
  const names = () => loopbackNames(port);

  const server = createServer((request, response) => {
    answerPageRequest({ rendererDir: options.rendererDir, token, session, hosts: () => names().hosts }, request, response).catch((error: unknown) => {
      logger.error('web host page request failed', { error: error instanceof Error ? error.message : String(error) });
      if (!response.headersSent) response.writeHead(500).end();
      else response.destroy();
    });
  });
  // A client error (malformed request line, oversized headers) answers 400 instead of throwing.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  const transport = new WebSocketTransport(logger, { ...DEFAULT_SOCKET_LIMITS, ...options.limits });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  server.on('upgrade', (request, socket, head) => {
    // Node leaves an upgrading socket without an error listener: a reset must not stop the host.
    socket.on('error', () => socket.destroy());
    const target = parseRequestTarget(request.url);
    const credential = target?.searchParams.get('token') ?? '';
    const { hosts, origins } = names();
    const authorised =
      target?.pathname === '/rpc' &&
      hosts.has(request.headers.host ?? '') &&
      origins.has(request.headers.origin ?? '') &&
      credential !== '' &&
      resolveCaller(credential) !== null;
    if (!authorised) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => transport.accept(ws, { credential }));
  });
  const serving = serve(core, transport, (context) => resolveCaller(context.credential));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  logger.info('web host listening', { port });

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    async close() {
      serving.stop();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
