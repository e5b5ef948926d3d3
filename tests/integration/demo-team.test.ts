// The demo workspace shows a living team with no setup: an embedded hub ingesting from the demo's
// sandbox, this desktop its Owner with the demo brands connected through the hub, a team column
// that fills, and three simulated colleagues who come online, open posts, type and claim them.
// Opened again, it is a new team, and nothing of the last one lingers in the deck.
import keytar from 'keytar';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryPreferenceStore } from '../../src/main/core/ports';
import { SOLO_AGENT } from '../../src/main/core/rpc/caller';
import { KeytarSecretStore } from '../../src/main/core/secrets/keytar-store';
import { DEMO_COLLEAGUES } from '../../src/main/demo-team/demo-team';
import { openWorkspace, type OpenWorkspace } from '../../src/main/workspace-host';
import type { CommandInput, CommandName, CommandResult } from '../../src/shared/contract';
import type { Envelope } from '../../src/shared/errors';
import { eventually } from '../helpers/sandbox';
import { silentLogger, tempDir } from '../helpers/temp';

const keyring = process.env.DECKHAND_TEST_KEYRING === '1';
if (!keyring) console.warn('demo team tests skipped: no Secret Service here; run them through scripts/with-keyring.sh (npm test does)');

describe.skipIf(!keyring)('the demo workspace shows a team', () => {
  const service = `Deckhand-test-demo-${process.pid}`;
  const dir = tempDir('deckhand-demo-team-');
  const preferences = new MemoryPreferenceStore();
  let workspace: OpenWorkspace | null = null;

  afterEach(async () => {
    await workspace?.close();
    workspace = null;
    for (const { account } of await keytar.findCredentials(service)) await keytar.deletePassword(service, account);
  });

  const open = () =>
    openWorkspace({ dataDir: dir.path, preferences, logger: silentLogger, demo: true, demoRate: 20, keychain: new KeytarSecretStore(service), demoTeamTimings: { idleMinMs: 100, idleMaxMs: 300, openMs: 200, typingMs: 400, awayChance: 0.1 } });
  const ok = async <K extends CommandName>(method: K, input: CommandInput<K>) => {
    const answer = (await workspace!.core.dispatch(method, input, SOLO_AGENT)) as Envelope<CommandResult<K>>;
    if (!answer.ok) throw new Error(`${method}: ${answer.error.message}`);
    return answer.value;
  };

  it('an Owner, the demo brands through the hub, a team column that fills, and three colleagues at work', async () => {
    workspace = await open();
    const team = await ok('getTeamState', {});
    expect(team).toMatchObject({ status: 'online', teamName: 'Acme Air care (demo)' });
    expect(team.handles.map((handle) => handle.username).sort()).toEqual(['AcmeAir', 'NimbusMobile']);
    expect(team.members.map((member) => member.displayName)).toEqual(['You', ...DEMO_COLLEAGUES]);
    await eventually(async () => (await ok('getTeamState', {})).members.filter((member) => member.presence !== 'offline').length === 4, 5_000, 'the colleagues to come online');

    const columns = await ok('listColumns', {});
    const search = columns.find((column) => column.title === 'Search: AcmeAir');
    expect(search).toMatchObject({ fromTeam: true });
    expect(columns.filter((column) => !column.fromTeam)).toEqual([]); // the solo demo's own column is not there
    await eventually(async () => (await ok('listColumnPosts', { columnId: search!.id })).length > 0, 10_000, 'the team column to fill');

    // The colleagues open posts, type replies and claim them, over the hub's protocol.
    await eventually(async () => (await ok('getTeamState', {})).members.some((member) => member.viewing?.typing), 10_000, 'a colleague to type a reply');
    expect(workspace.demoTeam!.hub.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/); // embedded, on loopback
    await eventually(async () => workspace!.demoTeam!.colleagues.some((colleague) => colleague.claimed > 0), 15_000, 'a colleague to claim a post');
  });

  it('opened again, the demo is a new team, and the last one’s columns and handles are gone', async () => {
    workspace = await open();
    await workspace.close();
    workspace = await open();
    const columns = await ok('listColumns', {});
    expect(columns.filter((column) => column.title === 'Search: AcmeAir')).toHaveLength(1);
    const accounts = await ok('listAccounts', {});
    expect(accounts.map((account) => account.username).sort()).toEqual(['AcmeAir', 'NimbusMobile']);
    expect((await ok('getTeamState', {})).status).toBe('online');
  });
});
