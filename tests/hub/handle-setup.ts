// A team's brand handle, connected as a person would: the Owner's desktop asks the hub to connect
// one, X's consent page (the sandbox's) is answered for @AcmeAir, and the hub's log says it is in.
import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { DEMO_CLIENT_ID } from '../../src/main/core/accounts/x-app-settings';
import { openHubStore } from '../../src/hub/db/open';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index';
import { answerConsent } from '../helpers/consent';
import { eventually, sandboxAdmin } from '../helpers/sandbox';
import { tempDir } from '../helpers/temp';
import type { HubEngine } from './engines';
import { Desktop, startRig, type Rig } from './hub-rig';

/** Connects @AcmeAir through `owner`'s desktop; answers the handle's id. */
export async function connectAcmeAir(owner: Desktop): Promise<string> {
  const started = await owner.intent('connectHandle', {});
  if (started.outcome !== 'applied') throw new Error(JSON.stringify(started));
  expect((await answerConsent((started.result as { authorizeUrl: string }).authorizeUrl, 'AcmeAir')).status).toBe(200);
  return eventually(async () => {
    const answer = await owner.pull(0);
    return answer.type === 'pullResult' ? answer.entries.map((entry) => (entry.intent === 'handleConnected' ? (entry.args as { handle: { id: string } }).handle.id : undefined)).find(Boolean) : undefined;
  }, 5_000, '@AcmeAir to be connected');
}

/** The rig claimed by its Owner, whose desktop connected @AcmeAir; `credential` connects the Owner again (after a restart). */
export async function ownerWithHandle(rig: Rig): Promise<{ owner: Desktop; handleId: string; credential: string }> {
  const { credential } = await rig.claim();
  const owner = await Desktop.connect(rig.hub.url, credential, 'owner-desktop');
  return { owner, handleId: await connectAcmeAir(owner), credential };
}

/**
 * Per test: a real X API sandbox and a hub on a fresh store that ingests from it, closed after
 * the test: an SQLite file, or `engine`'s fresh store. Read `sandbox`, `rig` and `storeSpec`
 * (what `rig.restart` opens again) inside tests only.
 */
export function useSandboxHub(dirPrefix: string, engine?: HubEngine): { readonly sandbox: RunningSandbox; readonly rig: Rig; readonly storeSpec: string } {
  const dir = tempDir(dirPrefix);
  let state: { sandbox: RunningSandbox; rig: Rig; storeSpec: string } | null = null;
  beforeEach(async () => {
    const sandbox = await startSandbox();
    const storeSpec = engine ? await engine.freshSpec() : join(dir.path, `hub-${Date.now()}.sqlite`);
    const store = await openHubStore(storeSpec);
    state = { sandbox, storeSpec, rig: await startRig(store, { xApiBase: sandbox.url, clientId: DEMO_CLIENT_ID, appToken: await sandboxAdmin(sandbox.url).appToken() }) };
  });
  afterEach(async () => {
    if (!state) return;
    await state.rig.close();
    await state.rig.store.close();
    await state.sandbox.close();
    state = null;
  });
  const started = () => {
    if (!state) throw new Error('the sandbox hub is not started (use it inside a test)');
    return state;
  };
  return {
    get sandbox() {
      return started().sandbox;
    },
    get rig() {
      return started().rig;
    },
    get storeSpec() {
      return started().storeSpec;
    },
  };
}
