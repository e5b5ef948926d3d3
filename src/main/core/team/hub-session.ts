// One WebSocket to a hub's /sync: the credential goes in the first message (never in the URL),
// then reads and pushes are matched to their answers, and pokes and presence are handed on.
import WebSocket from 'ws';
import { DeckhandError } from '../../../shared/errors';
import type { ClientMessage, Mutation, Viewing } from '../../../shared/hub-protocol';
import { errorOfRefusal, hubMessageSchema, syncUrlOf, type WireHubMessage, type WireMutationResult } from './hub-wire';

export interface SessionListener {
  /** Pokes, presence and pull answers: what may have changed on the hub. */
  changed(message: WireHubMessage): void;
  /** The socket closed (before or after the welcome); `problem` is the last error seen, if any. */
  closed(code: number, problem: string | null): void;
}

export interface SessionTimings {
  /** How long the hub may take to welcome the desktop or answer a request. */
  answerMs: number;
  /** How often the socket is pinged; a hub that misses a pong is taken as gone. */
  heartbeatMs: number;
}

interface Waiter {
  resolve(message: WireHubMessage): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

export class HubSession {
  private readonly waiters = new Map<string, Waiter>();
  private nextRequestId = 0;
  private lastError: string | null = null;
  private heartbeat: NodeJS.Timeout | null = null;

  private constructor(
    private readonly socket: WebSocket,
    private readonly listener: SessionListener,
    private readonly timings: SessionTimings,
  ) {}

  /** Connects and says hello; resolves with the session and this desktop's member id once welcomed. */
  static open(hubUrl: string, credential: string, listener: SessionListener, timings: SessionTimings): { session: HubSession; welcomed: Promise<string> } {
    const socket = new WebSocket(syncUrlOf(hubUrl), { handshakeTimeout: timings.answerMs });
    const session = new HubSession(socket, listener, timings);
    const welcomed = session.expect('welcome').then((message) => (message.type === 'welcome' ? message.memberId : ''));
    welcomed.catch(() => {}); // the caller hears of a failed open through `closed` too
    socket.on('open', () => {
      session.send({ type: 'hello', credential });
      session.startHeartbeat();
    });
    socket.on('message', (data, isBinary) => session.receive(isBinary ? null : data.toString()));
    socket.on('error', (error) => {
      session.lastError = error.message;
    });
    socket.on('close', (code, reason) => session.onClose(code, reason.toString()));
    return { session, welcomed };
  }

  /** A read's value, or a DeckhandError with the hub's refusal. */
  async read(name: string, args: object = {}): Promise<unknown> {
    const requestId = ++this.nextRequestId;
    const answer = this.expect(`read:${requestId}`);
    this.send({ type: 'read', requestId, name, args });
    const message = await answer;
    if (message.type !== 'readResult') throw new DeckhandError('upstream', 'The hub answered a read with something else.');
    if (!message.ok) throw errorOfRefusal(message.code, message.message);
    return message.value;
  }

  /** Pushes one mutation and resolves with its result. */
  async push(clientId: string, mutation: Mutation): Promise<WireMutationResult> {
    const answer = this.expect(`push:${mutation.id}`);
    this.send({ type: 'push', clientId, mutations: [mutation] });
    const message = await answer;
    const result = message.type === 'pushResult' ? message.results.find((candidate) => candidate.id === mutation.id) : undefined;
    if (!result) throw new DeckhandError('upstream', 'The hub answered a change without its result.');
    return result;
  }

  /** The log after `cursor`, or (asked, or when the cursor is too old) a snapshot. One pull at a time. */
  async pull(cursor: number, snapshot: boolean): Promise<Extract<WireHubMessage, { type: 'pullResult' | 'snapshot' }>> {
    const answer = this.expect('pull');
    this.send({ type: 'pull', cursor, ...(snapshot ? { snapshot: true } : {}) });
    const message = await answer;
    if (message.type !== 'pullResult' && message.type !== 'snapshot') throw new DeckhandError('upstream', 'The hub answered a pull with something else.');
    return message;
  }

  presence(status: 'online' | 'away', viewing: Viewing | null = null): void {
    this.send({ type: 'presence', status, viewing });
  }

  /** Resolves once the socket is closed. */
  close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    const closed = new Promise<void>((resolve) => this.socket.once('close', () => resolve()));
    this.socket.close(1000, 'Desktop closing');
    return closed;
  }

  private send(message: ClientMessage): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private expect(key: string): Promise<WireHubMessage> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(key);
        reject(new DeckhandError('unavailable', `The hub did not answer within ${Math.round(this.timings.answerMs / 1000)} s.`));
        if (key === 'welcome') this.socket.terminate();
      }, this.timings.answerMs);
      this.waiters.set(key, { resolve, reject, timer });
    });
  }

  private settle(key: string, message: WireHubMessage): boolean {
    const waiter = this.waiters.get(key);
    if (!waiter) return false;
    this.waiters.delete(key);
    clearTimeout(waiter.timer);
    waiter.resolve(message);
    return true;
  }

  private receive(text: string | null): void {
    let json: unknown;
    try {
      json = text === null ? null : JSON.parse(text);
    } catch {
      json = null;
    }
    const parsed = hubMessageSchema.safeParse(json);
    if (!parsed.success) return; // a newer hub's message we do not know; nothing waits for it
    const message = parsed.data;
    switch (message.type) {
      case 'welcome':
        this.settle('welcome', message);
        return;
      case 'readResult':
        this.settle(`read:${message.requestId}`, message);
        return;
      case 'pushResult':
        for (const result of message.results) this.settle(`push:${result.id}`, message);
        return;
      case 'pullResult':
      case 'snapshot':
        this.settle('pull', message);
        return;
      case 'error':
        this.lastError = message.message;
        return;
      default:
        this.listener.changed(message);
    }
  }

  private startHeartbeat(): void {
    let answered = true;
    this.socket.on('pong', () => (answered = true));
    this.heartbeat = setInterval(() => {
      if (!answered) return this.socket.terminate();
      answered = false;
      this.socket.ping();
    }, this.timings.heartbeatMs);
    this.heartbeat.unref();
  }

  private onClose(code: number, reason: string): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    const problem = this.lastError ?? (reason || null);
    for (const waiter of this.waiters.values()) {
      clearTimeout(waiter.timer);
      waiter.reject(new DeckhandError('unavailable', `The link to the hub closed${problem ? ` (${problem})` : ''}; try again when it is back.`));
    }
    this.waiters.clear();
    this.listener.closed(code, problem);
  }
}
