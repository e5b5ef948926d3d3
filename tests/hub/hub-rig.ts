// A hub in the test process on a real store and real sockets, and desktops talking to it over
// the real protocol (WebSocket at /sync, HTTP for claim and join).
import WebSocket from 'ws';
import type { HubMessage, MemberCredentialGrant, MutationResult } from '../../src/shared/hub-protocol';
import type { IntentName } from '../../src/shared/hub-intents';
import { openHubStore, type HubStore } from '../../src/hub/db/open';
import { startHub, type RunningHub } from '../../src/hub/server';
import { randomBytes } from 'node:crypto';
import { upsertHandle } from '../../src/hub/queries/log';
import { openHubVault } from '../../src/hub/vault';
import { silentLogger, tempDir } from '../helpers/temp';

export interface Rig {
  /** The running hub (a new one after `restart`). */
  readonly hub: RunningHub;
  /** Its open store (opened again by `restart`). */
  readonly store: HubStore;
  /** The injected clock (ms); tests move it. */
  clock: { now: number };
  claim(displayName?: string): Promise<MemberCredentialGrant>;
  join(code: string, displayName: string): Promise<{ status: number; body: { memberId?: string; credential?: string; code?: string; message?: string } }>;
  post(path: string, body: unknown): Promise<{ status: number; body: { memberId?: string; credential?: string; code?: string; message?: string } }>;
  /**
   * Restarts the hub as its process would be: this hub and its store are closed, the store at
   * `spec` (the same file or database) is opened again and a new hub started on it, at the same
   * address, with the same operator key (so it opens the brand tokens sealed before), X settings,
   * ingest working directory and clock. Desktops connected before are disconnected.
   */
  restart(spec: string): Promise<void>;
  close(): Promise<void>;
}

/** The hub's X side: where X is (nowhere by default: these tests make no X call) and the app's Client ID. */
export interface RigX {
  xApiBase?: string;
  clientId?: string;
  appToken?: string;
}

export async function startRig(store: HubStore, x: RigX = {}): Promise<Rig> {
  const clock = { now: Date.UTC(2026, 10, 25, 9, 0, 0) };
  // One operator key for the rig's life: a restarted hub must open the tokens sealed before it.
  const operatorKey = randomBytes(32).toString('base64');
  const working = tempDir('deckhand-hub-ingest-');
  const ingest = { dataDir: working.path, xApiBase: x.xApiBase ?? 'http://127.0.0.1:9', clientId: x.clientId ?? 'deckhand-test-client', ...(x.appToken ? { appToken: x.appToken } : {}), pollIntervalMs: 200 };
  const launch = async (on: HubStore, port: number) =>
    startHub({ db: on.db, host: '127.0.0.1', port, logger: silentLogger, now: () => clock.now, vault: await openHubVault({ db: on.db, keyFromEnv: operatorKey }), ingest });
  let hub = await launch(store, 0);
  let current = store;
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${hub.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as { memberId?: string; credential?: string; code?: string; message?: string } };
  };
  return {
    get hub() {
      return hub;
    },
    get store() {
      return current;
    },
    clock,
    post,
    async claim(displayName = 'Olivia Owner') {
      const answer = await post('/claim', { setupCode: hub.setupCode, teamName: 'Acme care', displayName });
      if (answer.status !== 201 || !answer.body.memberId || !answer.body.credential) throw new Error(`claim failed: ${JSON.stringify(answer)}`);
      return { memberId: answer.body.memberId, credential: answer.body.credential };
    },
    join: (code, displayName) => post('/join', { code, displayName }),
    async restart(spec) {
      // The same port: desktops (and X's consent redirect) know the hub by its address.
      const port = Number(new URL(hub.url).port);
      await hub.close();
      await current.close();
      current = await openHubStore(spec);
      hub = await launch(current, port);
    },
    close: async () => {
      await hub.close();
      working.remove();
    },
  };
}

/** One desktop's socket: every message the hub sent it is kept, in order. */
export class Desktop {
  readonly received: HubMessage[] = [];
  private waiters: { match: (message: HubMessage) => boolean; resolve: (message: HubMessage) => void }[] = [];
  private mutationId = 0;
  private requestId = 0;
  closed: { code: number; reason: string } | null = null;

  private constructor(
    readonly socket: WebSocket,
    readonly clientId: string,
  ) {
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as HubMessage;
      this.received.push(message);
      this.waiters = this.waiters.filter((waiter) => {
        if (!waiter.match(message)) return true;
        waiter.resolve(message);
        return false;
      });
    });
    socket.on('close', (code, reason) => (this.closed = { code, reason: reason.toString() }));
  }

  static async connect(url: string, credential: string, clientId = `desktop-${Math.random().toString(36).slice(2)}`, options: WebSocket.ClientOptions = {}): Promise<Desktop> {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/sync`, options);
    const desktop = new Desktop(socket, clientId);
    // Listen before the socket opens: with a bearer header the hub answers straight away.
    const welcome = desktop.next((message) => message.type === 'welcome' || message.type === 'error');
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    if (!options.headers) desktop.sendRaw(JSON.stringify({ type: 'hello', credential }));
    const first = await welcome;
    if (first.type !== 'welcome') throw new Error(`not welcomed: ${JSON.stringify(first)}`);
    return desktop;
  }

  sendRaw(text: string | Buffer): void {
    this.socket.send(text);
  }

  next<T extends HubMessage>(match: (message: HubMessage) => message is T): Promise<T>;
  next(match: (message: HubMessage) => boolean): Promise<HubMessage>;
  next(match: (message: HubMessage) => boolean, timeoutMs = 10_000): Promise<HubMessage> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching message in ${timeoutMs} ms; got ${JSON.stringify(this.received.slice(-5))}`)), timeoutMs);
      this.waiters.push({
        match,
        resolve: (message) => {
          clearTimeout(timer);
          resolve(message);
        },
      });
    });
  }

  async push(mutations: { id?: number; name: IntentName | string; args: unknown }[]): Promise<MutationResult[]> {
    const withIds = mutations.map((mutation) => ({ id: mutation.id ?? ++this.mutationId, name: mutation.name, args: mutation.args }));
    const answer = this.next((message) => message.type === 'pushResult');
    this.sendRaw(JSON.stringify({ type: 'push', clientId: this.clientId, mutations: withIds }));
    const message = await answer;
    if (message.type !== 'pushResult') throw new Error('unreachable');
    return message.results;
  }

  async intent(name: IntentName | string, args: unknown): Promise<MutationResult> {
    const [result] = await this.push([{ name, args }]);
    if (!result) throw new Error('no result');
    return result;
  }

  async read(name: string, args: unknown = {}): Promise<Extract<HubMessage, { type: 'readResult' }>> {
    const requestId = ++this.requestId;
    const answer = this.next((message) => message.type === 'readResult' && message.requestId === requestId);
    this.sendRaw(JSON.stringify({ type: 'read', requestId, name, args }));
    const message = await answer;
    if (message.type !== 'readResult') throw new Error('unreachable');
    return message;
  }

  async pull(cursor: number): Promise<Extract<HubMessage, { type: 'pullResult' | 'snapshot' | 'error' }>> {
    const answer = this.next((message) => message.type === 'pullResult' || message.type === 'snapshot' || message.type === 'error');
    this.sendRaw(JSON.stringify({ type: 'pull', cursor }));
    const message = await answer;
    if (message.type !== 'pullResult' && message.type !== 'snapshot' && message.type !== 'error') throw new Error('unreachable');
    return message;
  }

  waitClosed(): Promise<{ code: number; reason: string }> {
    if (this.closed) return Promise.resolve(this.closed);
    return new Promise((resolve) => this.socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  close(): void {
    this.socket.close();
  }
}

/** The code of a createInvite result. */
export function inviteCodeOf(result: MutationResult): string {
  if (result.outcome !== 'applied') throw new Error(`invite refused: ${JSON.stringify(result)}`);
  const value = result.result as { code?: unknown };
  if (typeof value.code !== 'string') throw new Error('no code');
  return value.code;
}

/** A brand handle as the hub keeps it once connected (its tokens are not these tests' concern). */
export async function addHandle(rig: Rig, handleId: string, addedBy: string): Promise<void> {
  const username = handleId.replace(/[^A-Za-z0-9_]/g, '') || 'Handle';
  await upsertHandle(rig.store.db, { id: handleId, username, name: username, avatarUrl: null }, addedBy, rig.clock.now);
}

/** A team with an Owner connected, a handle, and members joined with the given roles on it. */
export async function teamWith(rig: Rig, handleId: string, members: { name: string; teamRole?: string | null; handleRole?: string | null }[]) {
  const ownerGrant = await rig.claim();
  const owner = await Desktop.connect(rig.hub.url, ownerGrant.credential, 'owner-desktop');
  await addHandle(rig, handleId, ownerGrant.memberId);
  const joined: { name: string; memberId: string; credential: string; desktop: Desktop }[] = [];
  for (const member of members) {
    const invite = await owner.intent('createInvite', { teamRole: member.teamRole ?? null, handleRoles: member.handleRole ? { [handleId]: member.handleRole } : {} });
    const answer = await rig.join(inviteCodeOf(invite), member.name);
    if (!answer.body.memberId || !answer.body.credential) throw new Error(`join: ${JSON.stringify(answer)}`);
    const desktop = await Desktop.connect(rig.hub.url, answer.body.credential, `${member.name.replace(/\W/g, '')}-desktop`);
    joined.push({ name: member.name, memberId: answer.body.memberId, credential: answer.body.credential, desktop });
  }
  return { ownerGrant, owner, members: joined };
}
