// The core (demo workspace, real SQLite file) against a running sandbox over real HTTP, with
// what the column tests need: commands, the events the renderer would get, and restarts.
import type { Clock } from '../../src/shared/clock';
import { createCore, type Core, type CoreConfig } from '../../src/main/core/core';
import { SOLO_AGENT } from '../../src/main/core/rpc/caller';
import { MemoryPreferenceStore, MemorySecretStore } from '../../src/main/core/ports';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../src/sandbox/index';
import type { Column, PostView } from '../../src/shared/domain';
import type { Envelope } from '../../src/shared/errors';
import { sandboxAdmin } from './sandbox';
import { silentLogger, tempDir } from './temp';

export interface ColumnsRig {
  sandbox: RunningSandbox;
  admin: ReturnType<typeof sandboxAdmin>;
  core: Core;
  dataDir: ReturnType<typeof tempDir>;
  /** Post ids of every columnPosts event, per column, in arrival order (duplicates kept). */
  delivered: Map<string, string[]>;
  /** Every event the core emitted, across restarts. */
  events: { name: string; payload: unknown }[];
  call<T>(method: string, input?: unknown): Promise<T>;
  /** Closes the core and opens a new one on the same data directory. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface RigOptions {
  sandbox?: SandboxOptions;
  engine?: CoreConfig['engine'];
  clock?: Clock;
  pollIntervalMs?: number;
}

function value<T>(envelope: Envelope<unknown>): T {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
}

export async function startColumnsRig(options: RigOptions = {}): Promise<ColumnsRig> {
  const sandbox = await startSandbox({ ...(options.clock ? { clock: options.clock } : {}), ...options.sandbox });
  const dataDir = tempDir();
  const delivered = new Map<string, string[]>();
  const events: ColumnsRig['events'] = [];

  const open = async (): Promise<Core> => {
    const core = createCore({
      dataDir: dataDir.path,
      secrets: new MemorySecretStore(),
      preferences: new MemoryPreferenceStore(),
      logger: silentLogger,
      xApiBase: sandbox.url,
      demo: { sandboxUrl: sandbox.url },
      pollIntervalMs: options.pollIntervalMs ?? 200,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.engine ? { engine: options.engine } : {}),
    });
    core.events.subscribe((event, payload) => {
      events.push({ name: event, payload });
      if (event !== 'columnPosts') return;
      const { columnId, posts } = payload as { columnId: string; posts: PostView[] };
      delivered.set(columnId, [...(delivered.get(columnId) ?? []), ...posts.map((p) => p.id)]);
    });
    await core.start();
    return core;
  };

  const rig: ColumnsRig = {
    sandbox,
    admin: sandboxAdmin(sandbox.url),
    core: await open(),
    dataDir,
    delivered,
    events,
    call: async <T>(method: string, input: unknown = {}) => value<T>(await rig.core.dispatch(method, input, SOLO_AGENT)),
    async restart() {
      await rig.core.close();
      rig.core = await open();
    },
    async close() {
      await rig.core.close();
      await sandbox.close();
      dataDir.remove();
    },
  };
  return rig;
}

export async function accountId(rig: ColumnsRig, username: string): Promise<string> {
  const accounts = await rig.call<{ id: string; username: string }[]>('listAccounts');
  const account = accounts.find((a) => a.username === username);
  if (!account) throw new Error(`no account @${username}`);
  return account.id;
}

/** Every post id the column holds (paging through listColumnPosts). */
export async function columnIds(rig: ColumnsRig, columnId: string): Promise<string[]> {
  const ids: string[] = [];
  let beforeId: string | undefined;
  for (;;) {
    const page = await rig.call<PostView[]>('listColumnPosts', { columnId, limit: 500, ...(beforeId ? { beforeId } : {}) });
    ids.push(...page.map((p) => p.id));
    if (page.length < 500) return ids;
    beforeId = page[page.length - 1]!.id;
  }
}

export async function createColumn(rig: ColumnsRig, input: Record<string, unknown>): Promise<Column> {
  return rig.call<Column>('createColumn', input);
}

/** Ids of the sandbox posts whose raw text satisfies `matches`, newest first. */
export async function sandboxPostIds(rig: ColumnsRig, matches: (text: string, author: string) => boolean): Promise<string[]> {
  const response = await fetch(new URL('/_sandbox/posts?limit=10000', rig.sandbox.url));
  const { posts } = (await response.json()) as { posts: { id: string; text: string; author: string; deleted?: boolean }[] };
  return posts
    .filter((p) => !p.deleted && matches(p.text, p.author))
    .map((p) => p.id)
    .sort((a, b) => (a.length !== b.length ? b.length - a.length : a < b ? 1 : -1));
}

/** Whole-mention match as X extracts mentions (not preceded by a word character). */
export const mentions = (username: string) => {
  const pattern = new RegExp(`(?:^|[^A-Za-z0-9_])@${username}(?![A-Za-z0-9_])`, 'i');
  return (text: string) => pattern.test(text);
};
