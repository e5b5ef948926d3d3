// Simulated desktops for the team figures: raw `ws` clients in the bench process speaking the hub's
// protocol (src/shared/hub-protocol.ts) as the app's desktop does: hello → welcome, push →
// pushResult, and on every poke a pull from their cursor (one pull at a time; a poke that comes
// while one is out asks for one more when it answers), unless the poke carries the entries that
// follow their cursor. And the team they belong to: the hub
// claimed over HTTP, a brand handle inserted on its store, members joined with invites.
import WebSocket from 'ws';
import { openHubStore } from '../src/hub/db/open';
import { upsertHandle } from '../src/hub/queries/log';
import { HUB_MAX_MUTATIONS_PER_PUSH, HUB_SYNC_PATH, type ClientMessage, type HubMessage, type LogEntry, type MemberCredentialGrant, type Mutation, type MutationResult, type TeamHandleView } from '../src/shared/hub-protocol';

const HUB_MESSAGE_TYPES: ReadonlySet<string> = new Set(['welcome', 'pushResult', 'pullResult', 'snapshot', 'readResult', 'poke', 'presence', 'error']);
const ANSWER_TIMEOUT_MS = 30_000;

/** The hub's own message: JSON with one of the protocol's types (the hub is trusted; its shapes are the protocol's). */
function parseHubMessage(text: string): HubMessage {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || !('type' in parsed) || typeof parsed.type !== 'string' || !HUB_MESSAGE_TYPES.has(parsed.type)) {
    throw new Error(`not a hub message: ${text.slice(0, 200)}`);
  }
  return parsed as HubMessage;
}

interface Waiter<T> {
  resolve(value: T): void;
  reject(error: Error): void;
}

/** A promise settled through `waiters` (in order), or rejected with `what` after the timeout. */
function waitIn<T>(waiters: Waiter<T>[], what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} in ${ANSWER_TIMEOUT_MS} ms`)), ANSWER_TIMEOUT_MS);
    waiters.push({
      resolve: (value) => (clearTimeout(timer), resolve(value)),
      reject: (error) => (clearTimeout(timer), reject(error)),
    });
  });
}

export class BenchDesktop {
  cursor = 0;
  /** Called the moment a log entry arrives, with the size of the frame that carried it. */
  onEntry: ((entry: LogEntry, frameBytes: number) => void) | null = null;
  onPoke: ((space: string) => void) | null = null;
  /** Errors the hub answered with (none expected). */
  readonly errors: string[] = [];
  private pulling = false;
  private pullAgain = false;
  private nextMutationId = 0;
  private closing = false;
  private pushWaiters: Waiter<MutationResult[]>[] = [];
  private pullWaiters: Waiter<void>[] = [];

  private constructor(
    private readonly socket: WebSocket,
    readonly memberId: string,
    readonly clientId: string,
  ) {
    socket.on('message', (data) => this.received(data.toString()));
    socket.on('error', (error) => this.errors.push(error.message));
    socket.on('close', (code, reason) => {
      if (!this.closing) this.failWaiting(new Error(`${clientId}: the hub closed the connection (${code} ${reason.toString()})`));
    });
  }

  private failWaiting(error: Error): void {
    this.errors.push(error.message);
    this.pulling = false;
    for (const waiter of [...this.pullWaiters.splice(0), ...this.pushWaiters.splice(0)]) waiter.reject(error);
  }

  /** Opens /sync and authenticates with `credential`; resolves once welcomed. */
  static async connect(hubUrl: string, credential: string, clientId: string): Promise<BenchDesktop> {
    const socket = new WebSocket(`${hubUrl.replace(/^http/, 'ws')}${HUB_SYNC_PATH}`);
    const welcome = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${clientId}: no welcome in ${ANSWER_TIMEOUT_MS} ms`)), ANSWER_TIMEOUT_MS);
      socket.on('message', function first(data) {
        const message = parseHubMessage(data.toString());
        if (message.type !== 'welcome' && message.type !== 'error') return;
        clearTimeout(timer);
        socket.off('message', first);
        if (message.type === 'welcome') resolve(message.memberId);
        else reject(new Error(`${clientId}: ${message.message}`));
      });
      socket.once('error', reject);
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    socket.send(JSON.stringify({ type: 'hello', credential } satisfies ClientMessage));
    return new BenchDesktop(socket, await welcome, clientId);
  }

  private received(text: string): void {
    const message = parseHubMessage(text);
    switch (message.type) {
      case 'poke':
        this.onPoke?.(message.space);
        // Caught up, and no pull out whose answer could cross it: the poke's entries are the next ones.
        if (message.entries && message.from === this.cursor && message.cursor !== undefined && !this.pulling) {
          for (const entry of message.entries) this.onEntry?.(entry, text.length);
          this.cursor = message.cursor;
          return;
        }
        return this.pull();
      case 'pullResult':
        for (const entry of message.entries) this.onEntry?.(entry, text.length);
        return this.pulled(message.cursor, message.more);
      case 'snapshot':
        return this.pulled(message.cursor, false);
      case 'pushResult':
        return this.pushWaiters.shift()?.resolve(message.results);
      case 'error':
        // The bench sends nothing the hub should refuse: whatever was waiting fails with the hub's words.
        return this.failWaiting(new Error(`${this.clientId}: the hub answered ${message.code}: ${message.message}`));
      default:
        return; // welcome (handled in connect), presence, reads: not the bench's business
    }
  }

  /** Asks for what is new since the cursor; while a pull is out, one more follows its answer. */
  pull(): void {
    if (this.pulling) {
      this.pullAgain = true;
      return;
    }
    this.pulling = true;
    this.socket.send(JSON.stringify({ type: 'pull', cursor: this.cursor } satisfies ClientMessage));
  }

  /** Resolves when no pull is out and none is due (the desktop has caught up with its last poke). */
  caughtUp(): Promise<void> {
    if (!this.pulling) return Promise.resolve();
    return waitIn(this.pullWaiters, `${this.clientId}: pull not answered`);
  }

  private pulled(cursor: number, more: boolean): void {
    this.cursor = cursor;
    this.pulling = false;
    if (more || this.pullAgain) {
      this.pullAgain = false;
      return this.pull();
    }
    for (const waiter of this.pullWaiters.splice(0)) waiter.resolve();
  }

  /** Sends the mutations (ids numbered by this desktop); resolves with their results. */
  push(mutations: Omit<Mutation, 'id'>[]): Promise<MutationResult[]> {
    const withIds = mutations.map((mutation) => ({ id: ++this.nextMutationId, ...mutation }));
    const answer = waitIn(this.pushWaiters, `${this.clientId}: no pushResult`);
    this.socket.send(JSON.stringify({ type: 'push', clientId: this.clientId, mutations: withIds } satisfies ClientMessage));
    return answer;
  }

  /** The id the next pushed mutation will carry. */
  get upcomingMutationId(): number {
    return this.nextMutationId + 1;
  }

  close(): Promise<void> {
    this.closing = true;
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}

export const BENCH_HANDLE: TeamHandleView = { id: 'handle-acme', username: 'AcmeAir', name: 'Acme Air', avatarUrl: null };

export interface BenchTeam {
  owner: MemberCredentialGrant;
  members: MemberCredentialGrant[];
}

async function postJson(url: string, body: unknown): Promise<MemberCredentialGrant> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS) });
  const answer: unknown = await response.json();
  if (response.status !== 201 || typeof answer !== 'object' || answer === null || !('memberId' in answer) || !('credential' in answer) || typeof answer.memberId !== 'string' || typeof answer.credential !== 'string') {
    throw new Error(`POST ${url} answered ${response.status}: ${JSON.stringify(answer)}`);
  }
  return { memberId: answer.memberId, credential: answer.credential };
}

export function appliedValue(result: MutationResult): unknown {
  if (result.outcome !== 'applied') throw new Error(`the hub did not apply a setup intent: ${JSON.stringify(result)}`);
  return result.result;
}

/** Claims the unclaimed hub at `hubUrl` with its setup code: the Owner's grant. */
export const claimBenchHub = (hubUrl: string, setupCode: string): Promise<MemberCredentialGrant> =>
  postJson(`${hubUrl}/claim`, { setupCode, teamName: 'Bench care', displayName: 'Bench Owner' });

/**
 * Claims the hub running on the SQLite file `hubDbFile`, adds BENCH_HANDLE on its store (bench
 * setup: the handle is not what is measured), and joins `count` members with invites carrying
 * `handleRole` on it.
 */
export async function benchTeam(hubUrl: string, setupCode: string, hubDbFile: string, count: number, handleRole: string): Promise<BenchTeam> {
  const owner = await claimBenchHub(hubUrl, setupCode);
  const store = await openHubStore(hubDbFile);
  try {
    await upsertHandle(store.db, BENCH_HANDLE, owner.memberId, Date.now());
  } finally {
    await store.close();
  }
  const ownerDesktop = await BenchDesktop.connect(hubUrl, owner.credential, 'bench-owner');
  try {
    return { owner, members: await joinMembers(hubUrl, ownerDesktop, BENCH_HANDLE.id, count, handleRole) };
  } finally {
    await ownerDesktop.close();
  }
}

/** `count` members joined with invites the Owner's desktop creates, each with `handleRole` on `handleId`. */
export async function joinMembers(hubUrl: string, ownerDesktop: BenchDesktop, handleId: string, count: number, handleRole: string): Promise<MemberCredentialGrant[]> {
  const members: MemberCredentialGrant[] = [];
  for (let joined = 0; joined < count; joined += HUB_MAX_MUTATIONS_PER_PUSH) {
    const invites = Array.from({ length: Math.min(HUB_MAX_MUTATIONS_PER_PUSH, count - joined) }, () => ({ name: 'createInvite', args: { handleRoles: { [handleId]: handleRole } } }));
    for (const result of await ownerDesktop.push(invites)) {
      const value = appliedValue(result);
      if (typeof value !== 'object' || value === null || !('code' in value) || typeof value.code !== 'string') throw new Error(`createInvite gave no code: ${JSON.stringify(value)}`);
      members.push(await postJson(`${hubUrl}/join`, { code: value.code, displayName: `Agent ${members.length + 1}` }));
    }
  }
  return members;
}

/** Connects one desktop per grant (a few at a time: each arrival is announced to all the others). */
export async function connectDesktops(hubUrl: string, grants: readonly MemberCredentialGrant[], parallel = 10): Promise<BenchDesktop[]> {
  const desktops: BenchDesktop[] = [];
  for (let start = 0; start < grants.length; start += parallel) {
    const batch = grants.slice(start, start + parallel);
    desktops.push(...(await Promise.all(batch.map((grant, index) => BenchDesktop.connect(hubUrl, grant.credential, `bench-desktop-${start + index + 1}`)))));
  }
  return desktops;
}
