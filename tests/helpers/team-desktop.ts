// A desktop's core for team tests: demo workspace on a real X API sandbox, its own data dir and
// `conf` preferences, the real OS keychain for its member credential; commands as its own agent.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import { createCore, type Core } from '../../src/main/core/core';
import { SOLO_AGENT } from '../../src/main/core/rpc/caller';
import { MemorySecretStore, type PreferenceStore } from '../../src/main/core/ports';
import { KeytarSecretStore } from '../../src/main/core/secrets/keytar-store';
import type { Clock } from '../../src/shared/clock';
import type { CommandInput, CommandName, CommandResult } from '../../src/shared/contract';
import type { Envelope } from '../../src/shared/errors';
import type { TeamState } from '../../src/shared/team';
import { silentLogger, tempDir } from './temp';

export interface TestDesktop {
  readonly core: Core;
  dataDir: string;
  preferences: PreferenceStore;
  /** Every teamChanged payload, across restarts. */
  teamEvents: TeamState[];
  call<K extends CommandName>(method: K, input: CommandInput<K>): Promise<Envelope<CommandResult<K>>>;
  ok<K extends CommandName>(method: K, input: CommandInput<K>): Promise<CommandResult<K>>;
  team(): Promise<TeamState>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** pollIntervalMs: the desktop's own column polls; clock: the core's (a ManualClock moves SLA clocks and timers), default the wall clock. */
export interface DesktopOptions {
  pollIntervalMs?: number;
  clock?: Clock;
}

export async function openDesktop(sandboxUrl: string, keychainService: string, options: DesktopOptions = {}): Promise<TestDesktop> {
  const dir = tempDir('deckhand-team-');
  const conf = new Conf<Record<string, unknown>>({ cwd: dir.path, configName: 'config', projectName: 'Deckhand' });
  const preferences: PreferenceStore = { get: <T>(key: string) => conf.get(key) as T | undefined, set: (key, value) => conf.set(key, value) };
  const teamEvents: TeamState[] = [];
  const open = async () => {
    const opened = createCore({
      dataDir: dir.path,
      secrets: new MemorySecretStore(),
      appSecrets: new KeytarSecretStore(keychainService),
      preferences,
      logger: silentLogger,
      xApiBase: sandboxUrl,
      demo: { sandboxUrl },
      pollIntervalMs: options.pollIntervalMs ?? 60_000,
      team: { retryMinMs: 100, retryMaxMs: 400, answerMs: 5_000 },
      ...(options.clock ? { clock: options.clock } : {}),
    });
    opened.events.subscribe((event, payload) => {
      if (event === 'teamChanged') teamEvents.push(payload as TeamState);
    });
    await opened.start();
    return opened;
  };
  let core = await open();
  const call = async <K extends CommandName>(method: K, input: CommandInput<K>) => (await core.dispatch(method, input, SOLO_AGENT)) as Envelope<CommandResult<K>>;
  const ok = async <K extends CommandName>(method: K, input: CommandInput<K>) => {
    const envelope = await call(method, input);
    if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.code}: ${envelope.error.message}`);
    return envelope.value;
  };
  return {
    get core() {
      return core;
    },
    dataDir: dir.path,
    preferences,
    teamEvents,
    call,
    ok,
    team: () => ok('getTeamState', {}),
    async restart() {
      await core.close();
      core = await open();
    },
    async close() {
      await core.close();
      dir.remove();
    },
  };
}

export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

export const memberNamed = (state: TeamState, name: string) => state.members.find((member) => member.displayName === name);
