// Connecting a handle: one pending authorization per `state`, the loopback server open while any
// is pending, the code exchanged the moment X sends the user back.
import { randomUUID } from 'node:crypto';
import type { Clock, TimerHandle } from '../../../shared/clock';
import type { Account, AccountConnectResult } from '../../../shared/domain';
import { DeckhandError } from '../../../shared/errors';
import type { Logger } from '../ports';
import { connectedPage, failedPage, type CallbackPage } from './callback-pages';
import { callbackUrlFor, startCallbackServer, type CallbackServer } from './callback-server';
import { OAuthRefusal, type OAuthClient } from './oauth-client';
import type { TokenSet } from './token-set';

/** How long the user has to sign in and authorize in the browser. */
export const CONNECT_TIMEOUT_MS = 10 * 60_000;
const REMEMBERED_EXPIRED = 32;

export interface ConnectFlowsDeps {
  clock: Clock;
  logger: Logger;
  /** The configured X app's OAuth client, or null when none is configured. */
  oauth(): OAuthClient | null;
  callbackPort(): number;
  /** Turns a fresh grant into a connected account; throws a DeckhandError to refuse (same handle twice). */
  complete(tokens: TokenSet): Promise<Account>;
  finished(result: AccountConnectResult): void;
  timeoutMs?: number;
}

interface PendingFlow {
  id: string;
  state: string;
  codeVerifier: string;
  redirectUri: string;
  oauth: OAuthClient;
  timer: TimerHandle;
}

export interface StartedFlow {
  flowId: string;
  authorizeUrl: string;
}

const messageOf = (error: unknown) =>
  error instanceof DeckhandError || error instanceof OAuthRefusal ? error.message : 'Deckhand could not finish connecting the account; the details are in its log.';

export class ConnectFlows {
  private readonly pending = new Map<string, PendingFlow>();
  /** States that timed out, so a late redirect gets "expired" rather than "unknown". */
  private readonly expired = new Map<string, string>();
  private server: Promise<CallbackServer> | null = null;
  /** A server being shut down: the port is free again once this settles. */
  private closing: Promise<void> = Promise.resolve();

  constructor(private readonly deps: ConnectFlowsDeps) {}

  get pendingCount(): number {
    return this.pending.size;
  }

  async start(): Promise<StartedFlow> {
    const oauth = this.deps.oauth();
    if (!oauth) throw new DeckhandError('conflict', "Enter your X app's Client ID in Accounts → X app settings before connecting a handle.");
    const port = this.deps.callbackPort();
    await this.listen(port);
    const redirectUri = callbackUrlFor(port);
    const request = oauth.authorizationRequest(redirectUri);
    const id = randomUUID();
    const flow: PendingFlow = {
      id,
      state: request.state,
      codeVerifier: request.codeVerifier,
      redirectUri,
      oauth,
      timer: this.deps.clock.setTimeout(() => this.expire(request.state), this.deps.timeoutMs ?? CONNECT_TIMEOUT_MS),
    };
    this.pending.set(flow.state, flow);
    this.deps.logger.info('connecting an X account', { flowId: id, redirectUri });
    return { flowId: id, authorizeUrl: request.url };
  }

  cancel(flowId: string): boolean {
    const flow = [...this.pending.values()].find((candidate) => candidate.id === flowId);
    if (!flow) return false;
    this.drop(flow);
    return true;
  }

  async close(): Promise<void> {
    for (const flow of [...this.pending.values()]) this.deps.clock.clearTimeout(flow.timer);
    this.pending.clear();
    await this.stopListening();
  }

  /** X's redirect: `?code&state` on success, `?error&state` when the user declined. */
  async handleCallback(query: URLSearchParams): Promise<CallbackPage> {
    const state = query.get('state') ?? '';
    const flow = this.pending.get(state);
    if (!flow) return this.refuseUnknown(state);
    this.drop(flow, true); // one use only
    const error = query.get('error');
    const code = query.get('code');
    if (error || !code) {
      const description = query.get('error_description');
      const why = error ? `X did not authorize Deckhand (${error}${description ? `: ${description.slice(0, 200)}` : ''}).` : 'X sent no authorization code.';
      return this.fail(flow.id, why);
    }
    try {
      // X accepts the code for 30 s only: exchange it before anything else.
      const tokens = await flow.oauth.exchangeCode({ code, codeVerifier: flow.codeVerifier, redirectUri: flow.redirectUri });
      const account = await this.deps.complete(tokens);
      this.deps.finished({ flowId: flow.id, ok: true, account, message: `@${account.username} is connected` });
      return connectedPage(account.username);
    } catch (failure) {
      if (!(failure instanceof DeckhandError || failure instanceof OAuthRefusal)) {
        this.deps.logger.error('connecting an account failed', { flowId: flow.id, error: failure instanceof Error ? failure.message : String(failure) });
      }
      return this.fail(flow.id, messageOf(failure));
    }
  }

  /**
   * An answer for no pending sign-in. An expired one is Deckhand's own and the app hears of it;
   * a state Deckhand never issued only gets the page: any local page can request this URL, and it
   * must not put sign-in failures in the app.
   */
  private refuseUnknown(state: string): CallbackPage {
    const expiredFlow = state ? this.expired.get(state) : undefined;
    this.deps.logger.warn('X callback refused', { reason: expiredFlow ? 'expired' : 'unknown state' });
    if (expiredFlow) return this.fail(expiredFlow, 'This sign-in took too long and has expired.');
    return failedPage('This answer from X does not match a sign-in Deckhand started (the state is missing or wrong), so it was ignored.');
  }

  private fail(flowId: string, message: string): CallbackPage {
    this.deps.finished({ flowId, ok: false, account: null, message });
    return failedPage(message);
  }

  private expire(state: string): void {
    const flow = this.pending.get(state);
    if (!flow) return;
    this.drop(flow);
    this.expired.set(state, flow.id);
    if (this.expired.size > REMEMBERED_EXPIRED) this.expired.delete(this.expired.keys().next().value!);
    const minutes = Math.round((this.deps.timeoutMs ?? CONNECT_TIMEOUT_MS) / 60_000);
    this.deps.finished({ flowId: flow.id, ok: false, account: null, message: `Connecting timed out: X did not send the user back within ${minutes} min. Try again.` });
  }

  /** Forgets a flow; the server closes once nothing is pending (after a callback: once its page is sent). */
  private drop(flow: PendingFlow, fromCallback = false): void {
    this.deps.clock.clearTimeout(flow.timer);
    this.pending.delete(flow.state);
    if (!fromCallback) this.closeWhenIdle();
  }

  private closeWhenIdle(): void {
    if (this.pending.size === 0) void this.stopListening();
  }

  private async listen(port: number): Promise<void> {
    await this.closing;
    const current = this.server && (await this.server.catch(() => null));
    if (current?.port === port) return;
    if (current) await this.stopListening();
    this.server = startCallbackServer(port, (query) => this.handleCallback(query), () => this.closeWhenIdle());
    try {
      await this.server;
    } catch (error) {
      this.server = null;
      throw error;
    }
  }

  private stopListening(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return this.closing;
    const closing = this.closing.then(async () => (await server.catch(() => null))?.close());
    this.closing = closing;
    return closing;
  }
}
