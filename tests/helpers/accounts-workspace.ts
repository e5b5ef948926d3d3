// A workspace configured with an X app, against a running X API sandbox, with the real keychain
// (a per-test service name), `conf` preferences and the file logger in a temp data dir. It records
// every event and every envelope the core sends towards the renderer.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Conf from 'conf';
import keytar from 'keytar';
import type { Clock } from '../../src/shared/clock';
import type { CommandInput, CommandName, CommandResult } from '../../src/shared/contract';
import type { Envelope } from '../../src/shared/errors';
import { createCore, type Core } from '../../src/main/core/core';
import { SOLO_AGENT } from '../../src/main/core/rpc/caller';
import { createFileLogger, logFileOf } from '../../src/main/core/logger';
import type { PreferenceStore } from '../../src/main/core/ports';
import { KeytarSecretStore } from '../../src/main/core/secrets/keytar-store';
import { freePort } from './free-port';
import { tempDir } from './temp';

export interface RecordedEvent {
  event: string;
  payload: unknown;
}

export interface AccountsWorkspace {
  readonly core: Core;
  dataDir: string;
  service: string;
  callbackPort: number;
  events: RecordedEvent[];
  envelopes: Envelope<unknown>[];
  call<K extends CommandName>(method: K, input: CommandInput<K>): Promise<Envelope<CommandResult<K>>>;
  /** Like `call`, failing the test with the error's message when the command fails. */
  ok<K extends CommandName>(method: K, input: CommandInput<K>): Promise<CommandResult<K>>;
  keychainEntry(account: string): Promise<string | null>;
  /** Quits and opens the same workspace again (same data dir, keychain service and preferences). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function openAccountsWorkspace(options: { sandboxUrl: string; clientId: string; clock?: Clock }): Promise<AccountsWorkspace> {
  const dir = tempDir('deckhand-accounts-');
  const callbackPort = await freePort();
  const conf = new Conf<Record<string, unknown>>({ cwd: dir.path, configName: 'config', projectName: 'Deckhand' });
  const preferences: PreferenceStore = { get: <T>(key: string) => conf.get(key) as T | undefined, set: (key, value) => conf.set(key, value) };
  preferences.set('x.clientId', options.clientId);
  preferences.set('x.callbackPort', callbackPort);
  const service = `Deckhand-test-${randomUUID()}`;
  const secrets = new KeytarSecretStore(service);
  const logger = createFileLogger(dir.path);
  const events: RecordedEvent[] = [];
  const open = async () => {
    const opened = createCore({
      dataDir: dir.path,
      secrets,
      appSecrets: secrets,
      preferences,
      logger,
      xApiBase: options.sandboxUrl,
      pollIntervalMs: 200,
      ...(options.clock ? { clock: options.clock } : {}),
    });
    opened.events.subscribe((event, payload) => events.push({ event, payload }));
    await opened.start();
    return opened;
  };
  let core = await open();
  const envelopes: Envelope<unknown>[] = [];
  const call = async <K extends CommandName>(method: K, input: CommandInput<K>) => {
    const envelope = await core.dispatch(method, input, SOLO_AGENT);
    envelopes.push(envelope);
    return envelope as Envelope<CommandResult<K>>;
  };
  return {
    get core() {
      return core;
    },
    dataDir: dir.path,
    service,
    callbackPort,
    events,
    envelopes,
    call,
    ok: async (method, input) => {
      const envelope = await call(method, input);
      if (!envelope.ok) {
        // An unexpected failure is detailed in the log (never a token there: the leak test checks).
        const logged = envelope.error.code === 'internal' ? readFileSync(logFileOf(dir.path), 'utf8').trim().split('\n').pop() : '';
        throw new Error(`${method} failed: ${envelope.error.message} ${logged}`);
      }
      return envelope.value;
    },
    keychainEntry: (account) => keytar.getPassword(service, account),
    async restart() {
      await core.close();
      core = await open();
    },
    async close() {
      await core.close();
      for (const { account } of await keytar.findCredentials(service)) await keytar.deletePassword(service, account);
      dir.remove();
    },
  };
}
