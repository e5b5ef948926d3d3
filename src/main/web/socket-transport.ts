// serve()'s transport over the web host's WebSockets: one connection per socket, JSON text frames
// ({id, method, input} in; {id, envelope} and {event, payload} out). Misbehaving peers get a clear
// error or are dropped; they never stop the process or stall other sockets.
import type { RawData, WebSocket } from 'ws';
import type { EventName } from '../../shared/contract';
import type { Envelope } from '../../shared/errors';
import type { BridgeMessage } from '../../shared/rpc';
import type { Logger } from '../core/ports';
import type { RpcRequest, ServerConnection, ServerTransport } from '../core/rpc/serve';

/** What the host knows of a socket: the credential it opened /rpc with. */
export interface SocketContext {
  credential: string;
}

export interface SocketLimits {
  /** Requests dispatched and not answered yet, per socket; more are refused without dispatching. */
  maxInFlight: number;
  /** Bytes queued for a socket that does not read; past this it is dropped. */
  maxBufferedBytes: number;
}

export const DEFAULT_SOCKET_LIMITS: SocketLimits = { maxInFlight: 64, maxBufferedBytes: 8 * 1024 * 1024 };

/** Close codes (RFC 6455): policy violation, and "message too big" for a peer that does not read. */
const POLICY_VIOLATION = 1008;

const failure = (code: 'invalid_input' | 'unavailable', message: string): Envelope<never> => ({ ok: false, error: { code, message } });

function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(new Uint8Array(data)).toString('utf8');
}

/** The request in a text frame, or why it is not one. */
function readRequest(text: string): RpcRequest | { id: number; problem: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { id: 0, problem: 'Malformed request: expected JSON {id, method, input}' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { id: 0, problem: 'Malformed request: expected {id, method, input}' };
  const id = 'id' in parsed && typeof parsed.id === 'number' && Number.isSafeInteger(parsed.id) && parsed.id > 0 ? parsed.id : 0;
  if (id === 0) return { id, problem: 'Malformed request: expected {id, method, input} with a positive integer id' };
  return { id, method: 'method' in parsed ? parsed.method : undefined, input: 'input' in parsed ? parsed.input : undefined };
}

export class WebSocketTransport implements ServerTransport<SocketContext> {
  private handler: ((connection: ServerConnection<SocketContext>) => void) | null = null;
  /** serve() hands every caller that sees a whole event the same payload: serialise it once. */
  private readonly serialised = new WeakMap<object, { event: EventName; text: string }>();

  constructor(
    private readonly logger: Logger,
    private readonly limits: SocketLimits = DEFAULT_SOCKET_LIMITS,
  ) {}

  onConnection(handler: (connection: ServerConnection<SocketContext>) => void): void {
    this.handler = handler;
  }

  /** A socket whose upgrade the host accepted. */
  accept(ws: WebSocket, context: SocketContext): void {
    const connection = this.connect(ws, context);
    if (this.handler) this.handler(connection);
    else connection.close('The host is not serving yet');
  }

  private eventText(event: EventName, payload: unknown): string {
    const cacheable = typeof payload === 'object' && payload !== null;
    const cached = cacheable ? this.serialised.get(payload) : undefined;
    if (cached?.event === event) return cached.text;
    const text = JSON.stringify({ event, payload } satisfies BridgeMessage);
    if (cacheable) this.serialised.set(payload, { event, text });
    return text;
  }

  private connect(ws: WebSocket, context: SocketContext): ServerConnection<SocketContext> {
    const { logger, limits } = this;
    let onRequest: (request: RpcRequest) => void = () => {};
    let inFlight = 0;

    const send = (text: string) => {
      if (ws.readyState !== ws.OPEN) return;
      ws.send(text);
      if (ws.bufferedAmount > limits.maxBufferedBytes) {
        logger.warn('web socket dropped: it does not read what it is sent', { bufferedBytes: ws.bufferedAmount });
        ws.terminate();
      }
    };
    const answer = (id: number, envelope: Envelope<unknown>) => send(JSON.stringify({ id, envelope } satisfies BridgeMessage));

    // ws closes the socket itself on a protocol error (frame too big: 1009, invalid UTF-8: 1007);
    // without a listener the error would be thrown and stop the host.
    ws.on('error', (error) => logger.warn('web socket closed on a protocol error', { error: error.message }));
    ws.on('message', (data, isBinary) => {
      if (isBinary) return answer(0, failure('invalid_input', 'Binary frames are not accepted: send each request as a JSON text frame'));
      const request = readRequest(textOf(data));
      if ('problem' in request) return answer(request.id, failure('invalid_input', request.problem));
      if (inFlight >= limits.maxInFlight) {
        return answer(request.id, failure('unavailable', `Too many requests in flight (at most ${limits.maxInFlight}): wait for answers before sending more`));
      }
      inFlight++;
      onRequest(request);
    });

    return {
      context,
      onRequest: (handler) => {
        onRequest = handler;
      },
      respond: (id, envelope) => {
        inFlight = Math.max(0, inFlight - 1);
        answer(id, envelope);
      },
      sendEvent: (event, payload) => send(this.eventText(event, payload)),
      onClose: (handler) => {
        ws.on('close', handler);
      },
      close: (reason) => ws.close(POLICY_VIOLATION, reason.slice(0, 120)),
    };
  }
}
