// The web bridge's transport: the contract's JSON messages over one WebSocket to the web host,
// with request ids, reconnection with backoff, and a clear failure (never a hang) for commands
// issued while the socket is down. DOM-free: the socket is opened through `SocketOpener`.
import { systemClock, type Clock, type TimerHandle } from '../../../shared/clock';
import type { CommandName } from '../../../shared/contract';
import type { BridgeMessage, BridgeRequest, ClientTransport } from '../../../shared/rpc';
import { reconnectDelayMs, REFUSED_TOKEN_MESSAGE, type ConnectionSource, type ConnectionState } from './connection';

export interface SocketHandlers {
  open(): void;
  message(data: string): void;
  /** Also called when the socket never opened. */
  close(): void;
}

export interface SocketConnection {
  send(data: string): void;
  close(): void;
}

export type SocketOpener = (url: string, handlers: SocketHandlers) => SocketConnection;

/** What plain HTTP says about the host when its socket will not open. */
export type HostProbe = 'accepts' | 'refuses' | 'unreachable';

export interface SocketTransportOptions {
  url: string;
  openSocket: SocketOpener;
  clock?: Clock;
  reconnectDelay?: (attempt: number) => number;
  probe?: () => Promise<HostProbe>;
  requestTimeoutMs?: number;
}

interface PendingRequest {
  resolve(envelope: unknown): void;
  reject(error: Error): void;
  timer: TimerHandle;
}

/** The host serves pages but refuses the socket this many times in a row: the token is wrong. */
const REFUSALS_BEFORE_GIVING_UP = 2;

export class SocketTransport implements ClientTransport, ConnectionSource {
  private readonly clock: Clock;
  private readonly reconnectDelay: (attempt: number) => number;
  private readonly requestTimeoutMs: number;
  private socket: SocketConnection | null = null;
  private open = false;
  private attempt = 0;
  private refusals = 0;
  private retryTimer: TimerHandle | null = null;
  private stopped = false;
  private nextId = 1;
  private state: ConnectionState = { kind: 'connecting' };
  private readonly pending = new Map<number, PendingRequest>();
  private readonly eventListeners = new Set<(event: string, payload: unknown) => void>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();

  constructor(private readonly options: SocketTransportOptions) {
    this.clock = options.clock ?? systemClock;
    this.reconnectDelay = options.reconnectDelay ?? reconnectDelayMs;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 60_000;
  }

  start(): void {
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.clock.clearTimeout(this.retryTimer);
    this.socket?.close();
    this.socket = null;
    this.open = false;
    this.failPending('the page closed its connection to Deckhand');
  }

  current(): ConnectionState {
    return this.state;
  }

  subscribe(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  listen(listener: (event: string, payload: unknown) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  invoke(method: CommandName, input: unknown): Promise<unknown> {
    const socket = this.socket;
    if (!this.open || !socket) {
      const why = this.state.kind === 'refused' ? this.state.message : 'the connection to the Deckhand web host is down (reconnecting)';
      return Promise.reject(new Error(why));
    }
    const id = this.nextId++;
    const request: BridgeRequest = { id, method, input };
    return new Promise((resolve, reject) => {
      const timer = this.clock.setTimeout(() => {
        this.pending.delete(id);
        reject(new Error('the Deckhand web host did not answer in time'));
      }, this.requestTimeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      socket.send(JSON.stringify(request));
    });
  }

  private connect(): void {
    if (this.stopped) return;
    let opened = false;
    const handlers: SocketHandlers = {
      open: () => {
        opened = true;
        this.open = true;
        this.attempt = 0;
        this.refusals = 0;
        this.setState({ kind: 'open' });
      },
      message: (data) => this.receive(data),
      close: () => {
        if (this.socket !== connection) return;
        this.socket = null;
        this.open = false;
        // The command may have run: say so rather than invite a second reply.
        this.failPending('the connection to the Deckhand web host was lost before it answered; check whether it was done before trying again');
        void this.retry(opened);
      },
    };
    let connection: SocketConnection | null = null;
    try {
      connection = this.options.openSocket(this.options.url, handlers);
      this.socket = connection;
    } catch {
      void this.retry(false);
    }
  }

  private async retry(hadOpened: boolean): Promise<void> {
    if (this.stopped) return;
    if (!hadOpened && this.options.probe) {
      const verdict = await this.options.probe();
      if (this.stopped) return;
      this.refusals = verdict === 'accepts' ? this.refusals + 1 : 0;
      if (verdict === 'refuses' || this.refusals >= REFUSALS_BEFORE_GIVING_UP) {
        this.setState({ kind: 'refused', message: REFUSED_TOKEN_MESSAGE });
        return;
      }
    }
    this.attempt++;
    const retryInMs = this.reconnectDelay(this.attempt);
    this.setState({ kind: 'reconnecting', attempt: this.attempt, retryInMs });
    this.retryTimer = this.clock.setTimeout(() => this.connect(), retryInMs);
  }

  private receive(data: string): void {
    let message: BridgeMessage;
    try {
      message = JSON.parse(data) as BridgeMessage;
    } catch {
      return; // Not ours to act on; the client only ever sees well-formed messages.
    }
    if (typeof message !== 'object' || message === null) return;
    if ('id' in message) {
      const request = this.pending.get(message.id);
      if (!request) return;
      this.pending.delete(message.id);
      this.clock.clearTimeout(request.timer);
      request.resolve(message.envelope);
    } else if ('event' in message) {
      for (const listener of this.eventListeners) listener(message.event, message.payload);
    }
  }

  private failPending(reason: string): void {
    for (const request of this.pending.values()) {
      this.clock.clearTimeout(request.timer);
      request.reject(new Error(reason));
    }
    this.pending.clear();
  }

  private setState(state: ConnectionState): void {
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }
}
